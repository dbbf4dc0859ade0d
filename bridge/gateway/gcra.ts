/**
 * A rate cap as a GCRA (generic cell rate algorithm) with half an interval of tolerance: a source at about the
 * capped rate (the processor's 20 Hz cars against the 20 Hz positions cap) goes through as it comes, its jitter
 * absorbed, instead of waiting for a fixed slot (up to a whole interval); the long-run rate never exceeds the cap.
 */
export class Gcra {
  /** The theoretical arrival time: when the next message is due at the capped rate. */
  private dueMs = Number.NEGATIVE_INFINITY;

  constructor(public intervalMs: number) {}

  /** When the next message may go. */
  allowedAtMs(): number {
    return this.dueMs - this.intervalMs / 2;
  }

  /** A message went at `nowMs`. */
  sent(nowMs: number): void {
    this.dueMs = Math.max(this.dueMs, nowMs) + this.intervalMs;
  }
}
