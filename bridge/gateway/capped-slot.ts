/**
 * One latest-wins message behind a rate cap: a newer message replaces the one waiting, which goes as soon as the
 * cap allows and `open()` says the way is clear (a client's socket not congested).
 *
 * The cap is a GCRA (generic cell rate algorithm) with half an interval of tolerance: a source at about the
 * capped rate (the processor's 20 Hz cars against the 25 Hz positions cap) goes through as it comes, its jitter
 * absorbed, instead of waiting for a fixed slot (up to a whole interval); the long-run rate never exceeds the cap.
 * Used per client (client.ts) and per session and interval for all its subscribers at once (fanout.ts).
 */
export class CappedSlot<T> {
  intervalMs: number;
  /** The theoretical arrival time: when the next message is due at the capped rate. */
  private dueMs = Number.NEGATIVE_INFINITY;
  private pending: T | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    intervalMs: number,
    private readonly now: () => number,
    private readonly send: (data: T) => void,
    private readonly open: () => boolean = () => true,
  ) {
    this.intervalMs = intervalMs;
  }

  /** Makes `data` the message waiting; true when it replaced one (throttled or skipped). Call release() next. */
  offer(data: T): boolean {
    const replaced = this.pending !== undefined;
    this.pending = data;
    return replaced;
  }

  /** Sends what waits if the cap and the way allow; else, for the cap, a timer tries again when it allows. */
  release(): void {
    if (this.pending === undefined || !this.open()) return;
    const now = this.now();
    const allowedAt = this.dueMs - this.intervalMs / 2;
    if (now >= allowedAt) {
      const data = this.pending;
      this.pending = undefined;
      this.dueMs = Math.max(this.dueMs, now) + this.intervalMs;
      this.send(data);
    } else if (!this.timer) {
      // A quarter interval after the cap allows: a source faster than the cap (the 20 Hz cars against the 4 Hz
      // tower) sends its next message by then, which goes as it comes instead of this one aged up to a whole source
      // interval (tower p50 49 -> 16 ms); the timer only makes sure the newest still goes when the source stops.
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.release();
        },
        allowedAt - now + this.intervalMs / 4,
      );
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }
}
