import type { WebSocket } from "ws";
import type { SessionChannel } from "../protocol/web.ts";
import { CappedSlot } from "./capped-slot.ts";

/** Close code for a client that does not keep up (RFC 6455 leaves 4000-4999 to applications). */
export const CLOSE_SLOW = 4008;
/** Close code for a client the gateway shuts down (stop). */
export const CLOSE_GOING_AWAY = 1001;

/** Latest-wins streams: only the newest message matters, an older one still waiting is replaced (a skip). */
export type SlotName = "sessions" | "pipeline" | "session" | "positions" | "tower" | "telemetry";
/** The slots that belong to the session subscription: held back while its snapshot loads. */
const SESSION_SLOTS: ReadonlySet<SlotName> = new Set(["session", "positions", "tower", "telemetry"]);

export interface SlowPolicy {
  /** Bytes in ws's buffer at which the client counts as congested: slots hold, events queue. */
  readonly slowBufferBytes: number;
  /** Congested this long without a break: disconnect. */
  readonly slowTimeoutMs: number;
  /** Buffered plus queued bytes at which the client is disconnected at once. */
  readonly maxBufferedBytes: number;
  /** Queued events (never skipped) at which the client is disconnected. */
  readonly maxQueuedEvents: number;
}

/** Gateway-wide counters the clients add to. */
export interface DeliveryStats {
  sent: number;
  /** A waiting message replaced by a newer one because the client was congested. */
  skipped: number;
  /** A waiting message replaced by a newer one because of the channel's rate cap (normal). */
  throttled: number;
  disconnectedSlow: number;
  disconnectedDead: number;
}

export interface Subscription {
  readonly sessionUID: string;
  readonly channels: ReadonlySet<SessionChannel>;
  readonly carIndex?: number;
  /** Minimum interval per latest-wins channel, ms (0: every message). */
  readonly intervalMs: Readonly<Record<"positions" | "tower" | "telemetry", number>>;
}

type Data = Buffer | string;

/**
 * One browser connection and its outbound flow control. Nothing is ever queued without bound: latest-wins slots
 * hold one message each, events queue up to maxQueuedEvents, and ws's own buffer is watched (bufferedAmount).
 */
export class Client {
  subscription: Subscription | undefined;
  /** Bumped by every (un)subscribe: a snapshot read for an older subscription is thrown away. */
  generation = 0;
  /** The snapshot is loading: the session's live messages wait (slots keep the newest, events queue). */
  loading = false;
  monitor = false;
  /** Answered the last ping. */
  alive = true;
  closed = false;
  /** Inbound token bucket. */
  tokens: number;
  tokensAtMs: number;
  private readonly slots = new Map<SlotName, CappedSlot<Data>>();
  private queue: Data[] = [];
  private queueBytes = 0;
  private congestedSinceMs: number | undefined;

  constructor(
    readonly ws: WebSocket,
    readonly address: string,
    private readonly policy: SlowPolicy,
    private readonly stats: DeliveryStats,
    private readonly now: () => number,
    inboundBurst: number,
  ) {
    this.tokens = inboundBurst;
    this.tokensAtMs = now();
  }

  /** Sends now whatever the congestion: welcome, snapshot, replies, errors, heartbeats (answers to the client). */
  sendNow(data: Data): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(data, { binary: false });
    this.stats.sent++;
  }

  /** A latest-wins message: replaces what still waits in its slot, sent when the cap and the buffer allow. */
  offer(name: SlotName, data: Data, intervalMs = 0): void {
    if (this.closed) return;
    let slot = this.slots.get(name);
    if (!slot) {
      slot = new CappedSlot<Data>(
        intervalMs,
        this.now,
        (d) => this.sendNow(d),
        () => this.clear(),
      );
      this.slots.set(name, slot);
    }
    slot.intervalMs = intervalMs;
    if (slot.offer(data)) {
      if (this.congested()) this.stats.skipped++;
      else this.stats.throttled++;
    }
    if (!this.held(name)) slot.release();
  }

  /** A message that is never skipped (events, laps, traces): queued while the client is congested. */
  enqueue(data: Data): void {
    if (this.closed) return;
    this.queue.push(data);
    this.queueBytes += data.length;
    if (this.queue.length > this.policy.maxQueuedEvents) {
      this.disconnectSlow("event queue full");
      return;
    }
    if (this.queueBytes + this.ws.bufferedAmount > this.policy.maxBufferedBytes) {
      this.disconnectSlow("buffer full");
      return;
    }
    if (!this.loading) this.drainQueue();
  }

  /** A new subscription starts from its snapshot: nothing of the old one may follow. */
  resetStream(): void {
    for (const name of SESSION_SLOTS) {
      this.slots.get(name)?.dispose();
      this.slots.delete(name);
    }
    this.queue = [];
    this.queueBytes = 0;
  }

  /** Everything waiting that may go now. */
  pump(): void {
    if (this.closed) return;
    if (!this.loading) this.drainQueue();
    for (const [name, slot] of this.slots) if (!this.held(name)) slot.release();
  }

  /** The gateway's congestion tick: disconnect per policy, or resume when ws's buffer drained. */
  check(nowMs: number): void {
    if (this.closed) return;
    if (this.ws.bufferedAmount + this.queueBytes > this.policy.maxBufferedBytes) {
      this.disconnectSlow("buffer full");
      return;
    }
    if (this.congested()) {
      this.congestedSinceMs ??= nowMs;
      if (nowMs - this.congestedSinceMs >= this.policy.slowTimeoutMs) this.disconnectSlow("stalled");
      return;
    }
    // Only a client that was congested has anything waiting for this tick: the others' slots send on their own.
    if (this.congestedSinceMs === undefined) return;
    this.congestedSinceMs = undefined;
    this.pump();
  }

  /** Stops timers; the gateway calls it when the socket closed. */
  dispose(): void {
    this.closed = true;
    for (const slot of this.slots.values()) slot.dispose();
    this.slots.clear();
    this.queue = [];
    this.queueBytes = 0;
  }

  get queuedEvents(): number {
    return this.queue.length;
  }

  private held(name: SlotName): boolean {
    return this.loading && SESSION_SLOTS.has(name);
  }

  private congested(): boolean {
    return this.ws.bufferedAmount >= this.policy.slowBufferBytes;
  }

  private drainQueue(): void {
    while (this.queue.length > 0 && !this.closed) {
      // Held for the congestion tick, which resumes it once ws's buffer drains.
      if (this.congested()) {
        this.congestedSinceMs ??= this.now();
        return;
      }
      const data = this.queue.shift() as Data;
      this.queueBytes -= data.length;
      this.sendNow(data);
    }
  }

  /** Whether a slot may send now: not closed, and ws's buffer not congested (the congestion tick retries). */
  private clear(): boolean {
    if (this.closed) return false;
    if (this.congested()) {
      this.congestedSinceMs ??= this.now();
      return false;
    }
    return true;
  }

  private disconnectSlow(why: string): void {
    if (this.closed) return;
    this.stats.disconnectedSlow++;
    const ws = this.ws;
    this.dispose();
    // The close frame waits behind the unread bytes: a client that reads nothing is cut off shortly after.
    ws.close(CLOSE_SLOW, `slow consumer: ${why}`);
    setTimeout(() => ws.terminate(), 1000).unref();
  }
}
