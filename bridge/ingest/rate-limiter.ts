interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Per-source token buckets: each source may send `ratePerSecond` datagrams a second on average, with bursts
 * up to one second's worth. A game at 60 Hz sends about 355 datagrams a second.
 *
 * The table of sources is bounded, and forgetting must never hand out a fresh burst (cycling addresses
 * would otherwise escape the limit): only a bucket that has refilled completely is forgotten, since a new
 * one is then the same; while the table is full of sources that could still be limited, newcomers share
 * one overflow bucket; and a new bucket starts with no more than the overflow bucket holds, because the
 * newcomer may be a forgotten source or one that was just sharing it.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly overflow: Bucket;

  constructor(
    private readonly ratePerSecond: number,
    private readonly maxSources = 4096,
  ) {
    this.overflow = { tokens: ratePerSecond, at: 0 };
  }

  /** True when the datagram may pass. A rate of 0 means unlimited. */
  allow(source: string, nowMs: number): boolean {
    if (this.ratePerSecond <= 0) return true;
    // Deleted and re-inserted: Map order doubles as least-recently-seen order.
    let bucket = this.buckets.get(source);
    if (bucket) this.buckets.delete(source);
    else bucket = this.admit(nowMs);
    if (!bucket) return this.take(this.overflow, nowMs);
    this.buckets.set(source, bucket);
    return this.take(bucket, nowMs);
  }

  /** A bucket for a source not in the table, or undefined when it has to share the overflow bucket. */
  private admit(nowMs: number): Bucket | undefined {
    if (this.buckets.size >= this.maxSources) {
      const oldest = this.buckets.entries().next().value;
      if (!oldest || this.refill(oldest[1], nowMs) < this.ratePerSecond) return undefined;
      this.buckets.delete(oldest[0]);
    }
    return { tokens: this.refill(this.overflow, nowMs), at: nowMs };
  }

  private refill(bucket: Bucket, nowMs: number): number {
    const earned = (Math.max(0, nowMs - bucket.at) * this.ratePerSecond) / 1000;
    bucket.tokens = Math.min(this.ratePerSecond, bucket.tokens + earned); // the burst cap: one second's worth
    bucket.at = Math.max(bucket.at, nowMs);
    return bucket.tokens;
  }

  private take(bucket: Bucket, nowMs: number): boolean {
    if (this.refill(bucket, nowMs) < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
