// A bounded reorder buffer for one session's datagrams (Flink's bounded out-of-orderness, in arrival time).
//
// Order: by frame (overallFrameIdentifier where the format has it, else frameIdentifier), then sessionTime,
// then arrival. A datagram is held until `windowMs` of arrival time has passed after it (measured by the
// newest arrival seen, or by the caller's clock on `poll`, so an idle stream still drains): a datagram that
// arrives up to `windowMs` after one that should follow it is still put in place. The window is the latency
// the buffer adds; 0 turns reordering off (emit on arrival, still deduplicated and late-checked).
//
// Adaptive hold (`adaptive`, the live processor's default): after learning for ADAPT_LEARN_MS at the whole
// window, a datagram is held only as long as the disorder the stream has shown (how long after a datagram it
// should precede one arrived, its peak fading with a half-life), with a margin, never longer than the window: a
// clean stream (a game on the same machine or a wired LAN) is ordered at no latency, a Wi-Fi one pays for its own
// jitter, as a jitter buffer does. The cost: a datagram more out of order than anything seen lately is late
// (counted as `lateAdaptive` too: the whole window would have put it in place), and the hold grows to cover it.
//
// Late policy: a datagram ordered before one already emitted is never merged into the ordered stream: it goes
// to `onLate` and is counted. Duplicates (same frame, same bytes) are dropped and counted, whether the copy is
// still held or was emitted recently. Rewinds: in formats without overallFrameIdentifier a flashback makes
// frames go back; `rewindConfirm` consecutive datagrams well behind the emitted ones (by more than
// `rewindMinMs` of session time) are taken as the game's new timeline, not as late data.

export interface ReorderItem<T> {
  readonly value: T;
  /** overallFrameIdentifier, or frameIdentifier where the format has no overall frame. */
  readonly frame: number;
  readonly sessionTimeMs: number;
  /** When the datagram was received, in ms (bridge receive time, or a recording's timestamp). */
  readonly arrivalMs: number;
  /** Identifies identical datagrams of one frame (for example a CRC of the bytes). */
  readonly fingerprint: number;
}

export interface ReorderOptions<T> {
  readonly windowMs: number;
  /** Frames that never go back (overallFrameIdentifier): rewinds cannot happen, backwards means late. */
  readonly monotonicFrames: boolean;
  readonly onEmit: (value: T) => void;
  readonly onLate?: (value: T) => void;
  /** Called before the first datagram of a new timeline is emitted (a flashback in an old format). */
  readonly onRewind?: (value: T) => void;
  /** Most datagrams held at once; beyond it the oldest is released early (counted as forced). */
  readonly maxHeld?: number;
  readonly rewindConfirm?: number;
  readonly rewindMinMs?: number;
  /** Hold only for the disorder observed, up to the window (see above); default: always the whole window. */
  readonly adaptive?: boolean;
}

export interface ReorderStats {
  emitted: number;
  reordered: number;
  duplicates: number;
  late: number;
  rewinds: number;
  forced: number;
  held: number;
  maxHeld: number;
  /** Adaptive hold only: late datagrams that came within a window of the last one emitted (which they should
   * have preceded), so the whole window would likely have put them in place: what the lower latency cost. */
  lateAdaptive: number;
  /** The hold now, in ms (the window, or less when adaptive). */
  holdMs: number;
}

export const MAX_REORDER_WINDOW_MS = 60_000;

/** How long datagrams wait: the whole window always, or only for the disorder seen, up to it (see above). */
export type ReorderHold = "fixed" | "adaptive";

export interface ReorderSnapshot<J> {
  readonly held: readonly (Omit<ReorderItem<unknown>, "value"> & { readonly value: J })[];
  /**
   * The dedupe keys remembered, oldest first: float64 bytes (a checkpoint encodes them as base64 in C++, where 4,096
   * keys as JSON numbers were a third of a session's encoding time); an array in checkpoints made before that.
   */
  readonly recent: Uint8Array | readonly number[];
  readonly last: { readonly frame: number; readonly sessionTimeMs: number } | undefined;
  readonly newestArrivalMs: number;
  readonly stats: ReorderStats;
}
const RECENT_FINGERPRINTS = 4096;
/** Adaptive hold: the whole window for this long (by arrival time) from the first datagram, while it learns. */
export const ADAPT_LEARN_MS = 2000;
/** The observed disorder fades with this half-life, so the hold comes down again after a burst of jitter. */
const ADAPT_HALF_LIFE_MS = 30_000;
/** Hold = disorder x margin + slack; below FADED_MS the disorder counts as gone. */
const ADAPT_MARGIN = 1.5;
const ADAPT_SLACK_MS = 1;
const FADED_MS = 0.5;

interface Held<T> extends ReorderItem<T> {
  readonly seq: number;
  readonly key: number;
  released: boolean;
}

/**
 * One number per (frame, fingerprint) for the dedupe sets (numbers hash faster than strings): the frame modulo
 * 2^21 (9.7 hours at 60 Hz, far beyond what the sets remember) times 2^32, plus the 32-bit fingerprint.
 */
function keyOf(frame: number, fingerprint: number): number {
  return (frame % 2_097_152) * 4_294_967_296 + (fingerprint >>> 0);
}

function before(a: Held<unknown>, b: Held<unknown>): boolean {
  if (a.frame !== b.frame) return a.frame < b.frame;
  if (a.sessionTimeMs !== b.sessionTimeMs) return a.sessionTimeMs < b.sessionTimeMs;
  return a.seq < b.seq;
}

export class ReorderBuffer<T> {
  readonly stats: ReorderStats = {
    emitted: 0,
    reordered: 0,
    duplicates: 0,
    late: 0,
    rewinds: 0,
    forced: 0,
    held: 0,
    maxHeld: 0,
    lateAdaptive: 0,
    holdMs: 0,
  };
  private readonly options: ReorderOptions<T>;
  private readonly maxHeld: number;
  /** Sorted, oldest first; `head` skips released entries without shifting the array each time. */
  private held: Held<T>[] = [];
  private head = 0;
  private readonly heldKeys = new Set<number>();
  /** Fingerprints of recently emitted datagrams, to tell a late duplicate from late data. */
  private readonly recent = new Set<number>();
  /** Ring of the same fingerprints, oldest at `recentNext` once full. */
  private readonly recentRing: (number | undefined)[] = new Array(RECENT_FINGERPRINTS);
  private recentNext = 0;
  private lastEmitted: Held<T> | undefined;
  private newestArrivalMs = Number.NEGATIVE_INFINITY;
  private seq = 0;
  private behindRun: Held<T>[] = [];
  /** Held datagrams in arrival order, to find the one that has waited longest without a scan. */
  private arrivals: Held<T>[] = [];
  private arrivalsHead = 0;
  /** Adaptive hold: arrival time of the first datagram (learning), and the peak disorder with when it was seen. */
  private firstArrivalMs: number | undefined;
  private disorderMs = 0;
  private disorderAtMs = 0;

  get monotonic(): boolean {
    return this.options.monotonicFrames;
  }

  constructor(options: ReorderOptions<T>) {
    if (!(options.windowMs >= 0 && options.windowMs <= MAX_REORDER_WINDOW_MS)) {
      throw new RangeError(`reorder window must be 0..${MAX_REORDER_WINDOW_MS} ms, got ${options.windowMs}`);
    }
    this.options = options;
    this.maxHeld = options.maxHeld ?? 100_000;
    this.stats.holdMs = options.windowMs;
  }

  push(item: ReorderItem<T>): void {
    this.add(item.value, item.frame, item.sessionTimeMs, item.arrivalMs, item.fingerprint);
  }

  /** push() without an item object (the processor's path: one object fewer per datagram). */
  add(value: T, frame: number, sessionTimeMs: number, arrivalMs: number, fingerprint: number): void {
    const key = keyOf(frame, fingerprint);
    if (this.heldKeys.has(key) || this.recent.has(key)) {
      this.stats.duplicates++;
      return;
    }
    const held: Held<T> = {
      value,
      frame,
      sessionTimeMs,
      arrivalMs,
      fingerprint,
      seq: this.seq++,
      key,
      released: false,
    };
    if (this.lastEmitted && before(held, this.lastEmitted)) {
      this.behind(held);
      return;
    }
    this.dropBehindRun();
    this.firstArrivalMs ??= arrivalMs;
    this.insert(held);
    if (arrivalMs > this.newestArrivalMs) this.newestArrivalMs = arrivalMs;
    this.release(this.newestArrivalMs);
  }

  /** Releases what has waited a whole window by the caller's clock (same time base as arrivalMs). */
  poll(nowMs: number): void {
    this.release(Math.max(nowMs, this.newestArrivalMs));
  }

  /** When (by the arrival clock) the next held datagram will have waited its window; undefined when none is held. */
  nextReleaseMs(): number | undefined {
    return this.size === 0 ? undefined : this.longestWaitingArrival() + this.holdMs(this.newestArrivalMs);
  }

  /** How long a datagram waits now (by the arrival clock at `clockMs`): the window, or less when adaptive. */
  holdMs(clockMs: number): number {
    const windowMs = this.options.windowMs;
    if (!this.options.adaptive || this.firstArrivalMs === undefined) return windowMs;
    if (clockMs - this.firstArrivalMs < ADAPT_LEARN_MS) return windowMs;
    const disorder = this.disorderAt(clockMs);
    return disorder < FADED_MS ? 0 : Math.min(windowMs, disorder * ADAPT_MARGIN + ADAPT_SLACK_MS);
  }

  /** Emits everything held, in order (end of input, or shutdown). */
  flush(): void {
    this.release(Number.POSITIVE_INFINITY);
  }

  /** What a checkpoint needs to carry on exactly: held datagrams, recent fingerprints, the emitted front. */
  snapshot<J>(toJson: (value: T) => J): ReorderSnapshot<J> {
    const held = this.held.slice(this.head).map(({ value, frame, sessionTimeMs, arrivalMs, fingerprint }) => ({
      value: toJson(value),
      frame,
      sessionTimeMs,
      arrivalMs,
      fingerprint,
    }));
    const keys: number[] = [];
    for (let k = 0; k < RECENT_FINGERPRINTS; k++) {
      const key = this.recentRing[(this.recentNext + k) % RECENT_FINGERPRINTS];
      if (key !== undefined) keys.push(key);
    }
    const recent = new Uint8Array(Float64Array.from(keys).buffer);
    const last = this.lastEmitted;
    return {
      held,
      recent,
      last: last && { frame: last.frame, sessionTimeMs: last.sessionTimeMs },
      newestArrivalMs: this.newestArrivalMs,
      stats: { ...this.stats },
    };
  }

  restore<J>(snapshot: ReorderSnapshot<J>, fromJson: (json: J) => T): void {
    const recent = snapshot.recent;
    const keys =
      recent instanceof Uint8Array
        ? new Float64Array(recent.slice().buffer, 0, Math.floor(recent.byteLength / 8))
        : recent;
    for (const key of keys) this.remember(key);
    if (snapshot.last) {
      const seq = this.seq++;
      this.lastEmitted = {
        ...snapshot.last,
        value: undefined as T,
        arrivalMs: 0,
        fingerprint: 0,
        seq,
        key: -1,
        released: true,
      };
    }
    Object.assign(this.stats, snapshot.stats);
    for (const h of snapshot.held)
      this.insert({
        ...h,
        value: fromJson(h.value),
        seq: this.seq++,
        key: keyOf(h.frame, h.fingerprint),
        released: false,
      });
    this.newestArrivalMs = snapshot.newestArrivalMs;
    this.stats.held = this.size;
    // An adaptive hold learns again from the next datagram: the stream after a restart may not be the one before.
    this.firstArrivalMs = undefined;
  }

  get size(): number {
    return this.held.length - this.head;
  }

  private insert(item: Held<T>): void {
    const held = this.held;
    let i = held.length;
    // Arrivals are nearly in order: walk back from the end, usually zero steps.
    while (i > this.head && before(item, held[i - 1] as Held<T>)) i--;
    if (i < held.length) {
      this.stats.reordered++;
      // How long after the first-arrived of the datagrams it precedes this one came.
      let firstAfter = Number.POSITIVE_INFINITY;
      for (let k = i; k < held.length; k++) firstAfter = Math.min(firstAfter, (held[k] as Held<T>).arrivalMs);
      this.observeDisorder(item.arrivalMs - firstAfter, item.arrivalMs);
    }
    held.splice(i, 0, item);
    this.arrivals.push(item);
    this.heldKeys.add(item.key);
    const size = this.size;
    this.stats.held = size;
    if (size > this.stats.maxHeld) this.stats.maxHeld = size;
    if (size > this.maxHeld) {
      this.stats.forced++;
      this.emitHead();
    }
  }

  private release(clockMs: number): void {
    const hold = this.holdMs(clockMs);
    this.stats.holdMs = hold;
    const limit = clockMs - hold;
    while (this.head < this.held.length) {
      const first = this.held[this.head] as Held<T>;
      // Released in order: the head goes once it has waited a window, or once anything after it has.
      if (first.arrivalMs > limit && this.longestWaitingArrival() > limit) break;
      this.emitHead();
    }
    if (this.size === 0) {
      // Emptied (on every datagram when nothing needs holding): both arrays start over, nothing stays reachable.
      this.held.length = 0;
      this.head = 0;
      this.arrivals.length = 0;
      this.arrivalsHead = 0;
    } else if (this.head > 1024 && this.head * 2 > this.held.length) {
      this.held = this.held.slice(this.head);
      this.head = 0;
    }
    this.stats.held = this.size;
  }

  /** Arrival time of the held datagram that has waited longest. */
  private longestWaitingArrival(): number {
    while (this.arrivalsHead < this.arrivals.length && (this.arrivals[this.arrivalsHead] as Held<T>).released) {
      this.arrivalsHead++;
    }
    if (this.arrivalsHead > 1024 && this.arrivalsHead * 2 > this.arrivals.length) {
      this.arrivals = this.arrivals.slice(this.arrivalsHead);
      this.arrivalsHead = 0;
    }
    return this.arrivals[this.arrivalsHead]?.arrivalMs ?? Number.POSITIVE_INFINITY;
  }

  private emitHead(): void {
    const item = this.held[this.head] as Held<T>;
    this.held[this.head] = undefined as unknown as Held<T>;
    this.head++;
    item.released = true;
    this.heldKeys.delete(item.key);
    this.remember(item.key);
    this.lastEmitted = item;
    this.stats.emitted++;
    this.options.onEmit(item.value);
  }

  private remember(key: number): void {
    const evicted = this.recentRing[this.recentNext];
    if (evicted !== undefined) this.recent.delete(evicted);
    this.recentRing[this.recentNext] = key;
    this.recentNext = (this.recentNext + 1) % RECENT_FINGERPRINTS;
    this.recent.add(key);
  }

  /** A datagram ordered before what was emitted: late data, or part of a rewound timeline. */
  private behind(item: Held<T>): void {
    const last = this.lastEmitted as Held<T>;
    const farBehind = last.sessionTimeMs - item.sessionTimeMs > (this.options.rewindMinMs ?? 1000);
    if (this.options.monotonicFrames || !farBehind) {
      this.late(item);
      return;
    }
    this.behindRun.push(item);
    if (this.behindRun.length < (this.options.rewindConfirm ?? 3)) return;
    // The game rewound: what is held belongs to the abandoned timeline and goes out first.
    const run = this.behindRun;
    this.behindRun = [];
    this.flush();
    this.stats.rewinds++;
    this.lastEmitted = undefined;
    this.options.onRewind?.((run[0] as Held<T>).value);
    for (const r of run) this.push(r);
  }

  /** A run behind the emitted stream that did not go on long enough to be a rewind was late data. */
  private dropBehindRun(): void {
    if (this.behindRun.length === 0) return;
    for (const item of this.behindRun) this.late(item);
    this.behindRun = [];
  }

  /** A datagram came `ms` after one it should precede: the adaptive hold's peak, fading from `atMs`. */
  private observeDisorder(ms: number, atMs: number): void {
    if (!this.options.adaptive || !(ms > 0)) return;
    const now = Math.max(atMs, this.disorderAtMs);
    if (ms < this.disorderAt(now)) return;
    this.disorderMs = ms;
    this.disorderAtMs = now;
  }

  /** The peak disorder seen, faded to `clockMs`. */
  private disorderAt(clockMs: number): number {
    return this.disorderMs * 2 ** (-(clockMs - this.disorderAtMs) / ADAPT_HALF_LIFE_MS);
  }

  private late(item: Held<T>): void {
    this.stats.late++;
    const last = this.lastEmitted;
    if (this.options.adaptive && last && last.key !== -1) {
      // At least this long after a datagram it should precede (the one emitted last arrived no earlier).
      const after = item.arrivalMs - last.arrivalMs;
      if (after <= this.options.windowMs) this.stats.lateAdaptive++;
      this.observeDisorder(after, item.arrivalMs);
    }
    this.options.onLate?.(item.value);
  }
}
