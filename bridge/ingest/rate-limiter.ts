/**
 * Per-source token buckets: each source may send `ratePerSecond` datagrams a second on average, with bursts
 * up to one second's worth. A game at 60 Hz sends about 355 datagrams a second. The table of sources is
 * bounded: when full, the least recently seen source is forgotten (a fresh, full bucket for it next time).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly maxSources = 4096,
  ) {}

  /** True when the datagram may pass. A rate of 0 means unlimited. */
  allow(source: string, nowMs: number): boolean {
    if (this.ratePerSecond <= 0) return true;
    let bucket = this.buckets.get(source);
    if (bucket) {
      this.buckets.delete(source); // re-insert below: Map order doubles as least-recently-seen order
      bucket.tokens = Math.min(this.ratePerSecond, bucket.tokens + ((nowMs - bucket.at) * this.ratePerSecond) / 1000);
      bucket.at = nowMs;
    } else {
      if (this.buckets.size >= this.maxSources) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
      bucket = { tokens: this.ratePerSecond, at: nowMs };
    }
    this.buckets.set(source, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
