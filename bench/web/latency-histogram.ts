// Latencies of many messages in fixed memory: 10 µs bins up to 5 s (anything later counts in the last bin; the
// maximum is kept exactly). Quantiles are the bin's upper edge, so they never read low.

const BIN_US = 10;
const BINS = 500_000;

export interface LatencyStats {
  readonly count: number;
  /** ms, three decimals. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export class LatencyHistogram {
  private readonly bins = new Uint32Array(BINS);
  count = 0;
  maxUs = 0;

  add(latencyUs: number): void {
    const us = Math.max(latencyUs, 0);
    const bin = Math.min(BINS - 1, Math.floor(us / BIN_US));
    this.bins[bin] = (this.bins[bin] as number) + 1;
    this.count++;
    if (us > this.maxUs) this.maxUs = us;
  }

  merge(other: LatencyHistogram): void {
    for (let i = 0; i < BINS; i++) {
      const n = other.bins[i] as number;
      if (n !== 0) this.bins[i] = (this.bins[i] as number) + n;
    }
    this.count += other.count;
    this.maxUs = Math.max(this.maxUs, other.maxUs);
  }

  reset(): void {
    this.bins.fill(0);
    this.count = 0;
    this.maxUs = 0;
  }

  /** Latency (ms) at quantile q. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.min(this.count, Math.max(1, Math.ceil(q * this.count)));
    let seen = 0;
    for (let i = 0; i < BINS; i++) {
      seen += this.bins[i] as number;
      if (seen >= rank) return Math.min(this.maxUs, (i + 1) * BIN_US) / 1000;
    }
    return this.maxUs / 1000;
  }

  stats(): LatencyStats {
    const r = (ms: number) => Number(ms.toFixed(3));
    return { count: this.count, p50: r(this.quantile(0.5)), p99: r(this.quantile(0.99)), max: r(this.maxUs / 1000) };
  }

  /** The non-empty bins, to send to another process: [bin, count, bin, count, ...]. */
  toSparse(): { pairs: number[]; count: number; maxUs: number } {
    const pairs: number[] = [];
    for (let i = 0; i < BINS; i++) if (this.bins[i] !== 0) pairs.push(i, this.bins[i] as number);
    return { pairs, count: this.count, maxUs: this.maxUs };
  }

  static fromSparse(s: { pairs: readonly number[]; count: number; maxUs: number }): LatencyHistogram {
    const h = new LatencyHistogram();
    for (let i = 0; i < s.pairs.length; i += 2) h.bins[s.pairs[i] as number] = s.pairs[i + 1] as number;
    h.count = s.count;
    h.maxUs = s.maxUs;
    return h;
  }
}

/** Microseconds since the Unix epoch on the high-resolution clock: the bridge's `nowMicros`, any process. */
export function epochMicros(): number {
  return (performance.timeOrigin + performance.now()) * 1000;
}
