import { Gcra } from "./gcra.ts";

/**
 * A rate cap shared by every subscriber of one session's channel at one interval: the GCRA of client.ts decided
 * once per message for all of them instead of once per client (a timer per client per interval was most of the
 * gateway's own work at thousands of fans), and what it lets through goes to them all in one pass, as a plain
 * broadcast loop would. A client's own slot then only holds the newest while its socket is congested.
 */
export class SharedCap {
  /** Subscribers using this cap (the fan-out drops it at zero). */
  users = 0;
  private readonly gcra: Gcra;
  private pending: Buffer | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    intervalMs: number,
    private readonly now: () => number,
    /** Sends to every subscriber of the cap. */
    private readonly flush: (data: Buffer) => void,
    /** A waiting message replaced by a newer one: throttled, once per subscriber. */
    private readonly onReplaced: (users: number) => void,
  ) {
    this.gcra = new Gcra(intervalMs);
  }

  offer(data: Buffer): void {
    if (this.pending !== undefined) this.onReplaced(this.users);
    this.pending = data;
    this.release();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private release(): void {
    if (this.pending === undefined) return;
    const now = this.now();
    const allowedAt = this.gcra.allowedAtMs();
    if (now >= allowedAt) {
      const data = this.pending;
      this.pending = undefined;
      this.gcra.sent(now);
      this.flush(data);
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.release();
      }, allowedAt - now);
    }
  }
}
