import type { InputDatagram } from "../capture/input.ts";
import type { InputReport } from "../capture/open-input.ts";
import { type Clock, monotonicClock, waitUntil } from "./clock.ts";
import { type ImpairCounts, Impairer, type Impairments, NO_IMPAIRMENTS, type PlannedSend } from "./impair.ts";
import { Prefetch } from "./prefetch.ts";
import { seededRandom } from "./rng.ts";
import { SessionRewriter } from "./session-uid.ts";
import type { ReplaySink } from "./sinks.ts";

/**
 * What a replay plays: any async iterable of game-format datagrams that can say how far it is. Files opened with
 * openInput() are sources as they are; a synthetic race or an import of real car data can be one too.
 */
export interface ReplaySource extends AsyncIterable<InputDatagram> {
  /** How much has been read, 0 to 1. */
  progress(): number;
  /** What reading skipped or found cut, once read to the end (undefined when there is nothing to say). */
  report(): InputReport | undefined;
}

export interface ReplayOptions {
  /** 1: real pace; N: N times faster; "max": as fast as the destination takes them (times and jitter ignored). */
  readonly speed: number | "max";
  /** How many times to play the recording (Infinity: until stopped). */
  readonly loops: number;
  /** Skip this much of the recording, from its first entry, in every loop. */
  readonly startOffsetUs: number;
  /** Give every loop new sessionUIDs (consistent within the loop). */
  readonly newSessionPerLoop: boolean;
  readonly impairments: Impairments;
  /** Seeds the impairments and the new sessionUIDs: the same seed, the same replay. */
  readonly seed: number;
  /** Aborting stops the replay after the send in progress. */
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  /** Each send's scheduled and actual time on the clock (ns): the send-time error. */
  readonly onSend?: (targetNs: number, actualNs: number) => void;
}

export const DEFAULT_REPLAY: ReplayOptions = {
  speed: 1,
  loops: 1,
  startOffsetUs: 0,
  newSessionPerLoop: false,
  impairments: NO_IMPAIRMENTS,
  seed: 1,
};

export interface ReplayProgress {
  /** 1-based loop being played. */
  readonly loop: number;
  readonly loops: number;
  /** How much of the file this loop has read, 0 to 1. */
  readonly fileFraction: number;
  /** Recording time of the latest send in this loop, µs from the first entry. */
  readonly recordingUs: number;
  /** Datagrams sent (impairments applied: duplicates count twice, losses not at all). */
  readonly sends: number;
  readonly impair: Readonly<ImpairCounts>;
}

export interface ReplayResult extends ReplayProgress {
  readonly loopsDone: number;
  readonly stopped: boolean;
  /** What the last loop's input skipped or found cut. */
  readonly report: InputReport | undefined;
}

interface Scheduled {
  readonly targetNs: number;
  readonly seq: number;
  readonly send: PlannedSend;
}

/** Each datagram with how far into the file the reader was right after it. */
function withPosition(input: ReplaySource): AsyncIterator<readonly [InputDatagram, number]> {
  const source = input[Symbol.asyncIterator]();
  return {
    next: async () => {
      const r = await source.next();
      return r.done ? { done: true, value: undefined } : { done: false, value: [r.value, input.progress()] as const };
    },
    return: async () => {
      await source.return?.();
      return { done: true, value: undefined };
    },
  };
}

/** A binary min-heap of sends by time, then by plan order. */
class SendHeap {
  private readonly items: Scheduled[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Scheduled | undefined {
    return this.items[0];
  }
  private less(a: Scheduled, b: Scheduled): boolean {
    return a.targetNs < b.targetNs || (a.targetNs === b.targetNs && a.seq < b.seq);
  }
  push(item: Scheduled): void {
    const h = this.items;
    h.push(item);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i] as Scheduled, h[parent] as Scheduled)) break;
      [h[i], h[parent]] = [h[parent] as Scheduled, h[i] as Scheduled];
      i = parent;
    }
  }
  pop(): Scheduled | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l] as Scheduled, h[m] as Scheduled)) m = l;
        if (r < h.length && this.less(h[r] as Scheduled, h[m] as Scheduled)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Scheduled, h[i] as Scheduled];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Plays a recording into a sink on the recording's own timing. Each send is scheduled from the monotonic clock
 * against the entry's recorded time (never by adding up intervals, so errors do not accumulate): a timer for the
 * bulk of the wait, then event-loop turns to the exact time. Sends with jitter are ordered by their new times
 * through a heap; one is released only when no later entry can be due before it.
 */
export class Replayer {
  private readonly clock: Clock;
  private readonly impairer: Impairer;
  private readonly rewriter: SessionRewriter | undefined;
  private loop = 0;
  /** How far into the file the latest entry taken was (read-ahead does not count). */
  private fileFraction = 0;
  private recordingUs = 0;
  private sends = 0;
  private seq = 0;

  constructor(
    /** Called once per loop for a fresh pass over the recording. */
    private readonly open: () => Promise<ReplaySource>,
    private readonly sink: ReplaySink,
    private readonly options: ReplayOptions,
  ) {
    this.clock = options.clock ?? monotonicClock();
    const impairRandom = seededRandom(options.seed);
    const uidRandom = seededRandom(options.seed ^ 0x5eed1d);
    this.impairer = new Impairer(options.impairments, impairRandom);
    this.rewriter = options.newSessionPerLoop ? new SessionRewriter(() => uidRandom.nextU64()) : undefined;
  }

  progress(): ReplayProgress {
    return {
      loop: this.loop,
      loops: this.options.loops,
      fileFraction: this.fileFraction,
      recordingUs: this.recordingUs,
      sends: this.sends,
      impair: { ...this.impairer.counts },
    };
  }

  async run(): Promise<ReplayResult> {
    const { signal, loops } = this.options;
    // Set when the first entry is in hand: opening the file and the first read must not make the start late.
    let baseNs: number | undefined;
    let report: InputReport | undefined;
    let loopsDone = 0;
    for (let i = 0; i < loops && !signal?.aborted; i++) {
      this.loop = i + 1;
      this.recordingUs = 0;
      this.rewriter?.newLoop();
      const input = await this.open();
      this.fileFraction = 0;
      const played = await this.playOnce(input, baseNs);
      baseNs = played.baseNs;
      report = input.report();
      if (signal?.aborted) break;
      loopsDone++;
      // The next loop starts one mean interval after this one's last entry, as if the recording went on.
      const speed = this.options.speed === "max" ? Number.POSITIVE_INFINITY : this.options.speed;
      const gapUs = played.count > 1 ? played.lastUs / (played.count - 1) : 16_667;
      // Never in the past: a loop that ran late (a backed-up destination) must not make the next one burst.
      const next = baseNs + ((played.lastUs + gapUs) * 1000) / speed;
      baseNs = Number.isFinite(next) ? Math.max(next, this.clock.nowNs()) : this.clock.nowNs();
      if (played.count === 0) break; // nothing to play: looping would spin
    }
    return { ...this.progress(), loopsDone, stopped: signal?.aborted === true, report };
  }

  /**
   * One pass over the input, timed from `startNs` (undefined: from when the first entry has been read); returns
   * the start used, how many entries were played and the last one's time.
   */
  private async playOnce(
    input: ReplaySource,
    startNs: number | undefined,
  ): Promise<{ baseNs: number; count: number; lastUs: number }> {
    const { speed, startOffsetUs, signal } = this.options;
    const max = speed === "max";
    const heap = new SendHeap();
    const ahead = new Prefetch(withPosition(input));
    let firstUs: number | undefined;
    let lastUs = 0;
    let count = 0;
    let baseNs = startNs ?? 0;
    const targetOf = (s: PlannedSend) => (max ? 0 : baseNs + (s.dueUs * 1000) / speed + s.delayUs * 1000);
    const schedule = (sends: PlannedSend[]) => {
      for (const send of sends) heap.push({ targetNs: targetOf(send), seq: this.seq++, send });
    };
    try {
      for (;;) {
        if (signal?.aborted) return { baseNs, count, lastUs };
        const next = await ahead.next();
        if (next === undefined) break;
        const [entry, fraction] = next;
        this.fileFraction = fraction;
        if (startNs === undefined && count === 0) baseNs = this.clock.nowNs();
        const timeUs = entry.timeUs ?? firstUs ?? 0;
        firstUs ??= timeUs;
        const sinceFirst = timeUs - firstUs;
        if (sinceFirst < startOffsetUs && entry.timeUs !== undefined) continue;
        const dueUs = Math.max(0, sinceFirst - (entry.timeUs === undefined ? 0 : startOffsetUs));
        const bytes = this.rewriter ? this.rewriter.rewrite(entry.bytes) : entry.bytes;
        count++;
        lastUs = dueUs;
        schedule(this.impairer.push({ bytes, dueUs, source: entry.source }));
        // Nothing read later is due before this entry's own time: everything up to it can go.
        await this.release(heap, max ? Number.POSITIVE_INFINITY : baseNs + (dueUs * 1000) / speed);
      }
      this.fileFraction = 1;
      schedule(this.impairer.flush());
      await this.release(heap, Number.POSITIVE_INFINITY);
      return { baseNs, count, lastUs };
    } finally {
      await ahead.close();
    }
  }

  /** Sends, each at its time, every scheduled send due at or before `boundNs`. */
  private async release(heap: SendHeap, boundNs: number): Promise<void> {
    const { signal, onSend } = this.options;
    const max = this.options.speed === "max";
    for (let top = heap.peek(); top !== undefined && top.targetNs <= boundNs; top = heap.peek()) {
      if (max) {
        if (this.sends % 256 === 255) await new Promise<void>((resolve) => setImmediate(resolve));
      } else await waitUntil(this.clock, top.targetNs, signal);
      if (signal?.aborted) return;
      const backedUp = this.sink.ready();
      if (backedUp) await backedUp;
      heap.pop();
      const actualNs = this.clock.nowNs();
      this.sink.send(top.send.bytes, top.send.source);
      onSend?.(top.targetNs, actualNs);
      this.sends++;
      this.recordingUs = Math.max(this.recordingUs, top.send.dueUs);
    }
  }
}
