// Laps on one distance grid (every STEP_M metres of lap distance), so the live lap, the best lap and a reference
// lap line up point for point in the charts (uPlot wants one x array per chart) and in the delta.
import type { LapTraceMessage, TelemetryMessage } from "../../../bridge/protocol/derived.ts";

export const STEP_M = 5;
export const CHANNELS = ["speedKmh", "throttle", "brake", "gear", "steer"] as const;
export type Channel = (typeof CHANNELS)[number];
type Column = (number | null)[];

export class LapOnGrid {
  readonly columns: Record<Channel | "elapsedMs", Column>;
  lap?: number;
  timeMs?: number;
  private lastIndex = -1;

  constructor(readonly size: number) {
    const empty = () => new Array<number | null>(size).fill(null);
    this.columns = {
      speedKmh: empty(),
      throttle: empty(),
      brake: empty(),
      gear: empty(),
      steer: empty(),
      elapsedMs: empty(),
    };
  }

  /** The live lap: one telemetry sample; gaps since the previous one (lower rates) are filled linearly. */
  record(t: TelemetryMessage): void {
    const d = t.lapDistanceM;
    if (d === undefined || d < 0) return;
    const i = Math.min(this.size - 1, Math.round(d / STEP_M));
    const values: Record<Channel | "elapsedMs", number | undefined> = {
      speedKmh: t.speedKmh,
      throttle: t.throttle,
      brake: t.brake,
      gear: t.gear,
      steer: t.steer,
      elapsedMs: t.currentLapMs,
    };
    const from = this.lastIndex >= 0 && i > this.lastIndex && i - this.lastIndex < 40 ? this.lastIndex : i - 1;
    for (const [key, v] of Object.entries(values) as [Channel | "elapsedMs", number | undefined][]) {
      if (v === undefined) continue;
      const col = this.columns[key];
      const start = col[from] ?? v;
      for (let j = from + 1; j <= i; j++) col[j] = key === "gear" ? v : start + ((v - start) * (j - from)) / (i - from);
    }
    this.lastIndex = i;
  }

  /** Elapsed lap time at a lap distance, interpolated; undefined where this lap has no data. */
  elapsedAt(distanceM: number): number | undefined {
    const x = distanceM / STEP_M;
    const i = Math.floor(x);
    const a = this.columns.elapsedMs[i];
    const b = this.columns.elapsedMs[i + 1];
    if (a === null || a === undefined) return undefined;
    if (b === null || b === undefined) return a;
    return a + (b - a) * (x - i);
  }

  static fromTrace(trace: LapTraceMessage, size: number): LapOnGrid {
    const lap = new LapOnGrid(size);
    lap.lap = trace.lap;
    lap.timeMs = trace.timeMs;
    const d = trace.distanceM;
    let k = 0;
    for (let i = 0; i < size; i++) {
      const x = i * STEP_M;
      while (k < d.length - 2 && (d[k + 1] as number) < x) k++;
      const d0 = d[k] as number;
      const d1 = (d[k + 1] ?? d0) as number;
      if (d.length === 0 || x < d0 - STEP_M || x > d1 + STEP_M) continue;
      const f = d1 > d0 ? Math.max(0, Math.min(1, (x - d0) / (d1 - d0))) : 0;
      const at = (col: readonly number[] | undefined) => {
        if (!col) return null;
        const a = col[k] as number;
        return a + (((col[k + 1] ?? a) as number) - a) * f;
      };
      lap.columns.speedKmh[i] = at(trace.speedKmh);
      lap.columns.throttle[i] = at(trace.throttle);
      lap.columns.brake[i] = at(trace.brake);
      lap.columns.gear[i] = trace.gear[f < 0.5 ? k : k + 1] ?? trace.gear[k] ?? null; // gears step, never blend
      lap.columns.steer[i] = at(trace.steer);
      lap.columns.elapsedMs[i] = at(trace.elapsedMs);
    }
    return lap;
  }
}

export function gridSize(trackLengthM: number | undefined): number {
  return Math.ceil(Math.max(1000, trackLengthM ?? 7100) / STEP_M) + 1;
}
