/** One benchmark result line: {"bench", "value", "unit", "baseline", "baselineValue", "ratio"}. */
export interface BenchResult {
  readonly bench: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: string;
  readonly baselineValue: number;
  readonly ratio: number;
}

/** Runs `work` (which processes `itemsPerCall` items) repeatedly for about `ms`; returns items per second. */
export function throughput(work: () => void, itemsPerCall: number, ms: number): number {
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    work();
    calls++;
    now = performance.now();
  }
  return (calls * itemsPerCall * 1000) / (now - start);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export interface CompareOptions {
  readonly rounds: number;
  readonly roundMs: number;
  readonly warmupMs: number;
  /** Runs after each measurement, unmeasured (e.g. lets a background loop catch up). */
  readonly settle?: () => Promise<void>;
}

/**
 * Measures a candidate against its baseline in alternating rounds (so machine noise hits both alike),
 * after a warm-up, and reports the medians.
 */
export async function compare(
  bench: string,
  unit: string,
  candidate: { run: () => void; items: number },
  baseline: { name: string; run: () => void; items: number },
  options: CompareOptions = { rounds: 5, roundMs: 400, warmupMs: 300 },
): Promise<BenchResult> {
  const settle = options.settle ?? (async () => {});
  throughput(candidate.run, candidate.items, options.warmupMs);
  await settle();
  throughput(baseline.run, baseline.items, options.warmupMs);
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let r = 0; r < options.rounds; r++) {
    ours.push(throughput(candidate.run, candidate.items, options.roundMs));
    await settle();
    theirs.push(throughput(baseline.run, baseline.items, options.roundMs));
  }
  const value = median(ours);
  const baselineValue = median(theirs);
  return {
    bench,
    value: Math.round(value),
    unit,
    baseline: baseline.name,
    baselineValue: Math.round(baselineValue),
    ratio: Number((value / baselineValue).toFixed(2)),
  };
}
