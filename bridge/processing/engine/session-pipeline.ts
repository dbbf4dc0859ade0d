import { crc32 } from "node:zlib";
import { decode } from "../../f1/decode.ts";
import type { DecodedPacket } from "../../f1/formats/index.ts";
import type { DerivedMessage } from "../../protocol/derived.ts";
import { normalise } from "../model/normalise.ts";
import type { ModelPacket } from "../model/types.ts";
import { ReorderBuffer } from "../reorder/reorder-buffer.ts";
import { FrameGapCounter } from "./frame-gaps.ts";
import type { AnyMetric, MetricContext } from "./metric.ts";
import { SessionOutputs } from "./session-outputs.ts";
import { SessionView } from "./session-view.ts";

/** One datagram as the processor receives it. */
export interface RawInput {
  readonly bytes: Uint8Array;
  /** Receive time in ms (the bridge's header, a capture's timestamp), the reorder window's clock. */
  readonly arrivalMs: number;
  /** Bridge receive time in µs, carried to the outputs for end-to-end latency. */
  readonly receivedAtUs?: number;
  readonly source?: string;
}

export interface SessionCounters {
  packets: number;
  rejected: number;
  duplicates: number;
  late: number;
  gaps: number;
  rewinds: number;
}

export interface SessionPipelineOptions {
  readonly sessionUID: string;
  readonly metrics: readonly AnyMetric[];
  readonly reorderWindowMs: number;
  /** Fan-facing car frames per second of session time (the player's telemetry goes at the game's rate). */
  readonly carsRateHz: number;
  readonly onOutput: (message: DerivedMessage) => void;
  readonly onRejected?: (reason: string) => void;
}

interface Ordered {
  readonly packet: DecodedPacket;
  readonly input: RawInput;
}

/**
 * Everything one session goes through: decode, reorder and dedupe, normalise, then each metric in order,
 * then the outputs (throttled car frames, the player's telemetry, laps, events, session info).
 * Pure of I/O: the processor, `analyze` and the tests drive it alike.
 */
export class SessionPipeline {
  readonly view: SessionView;
  readonly counters: SessionCounters = { packets: 0, rejected: 0, duplicates: 0, late: 0, gaps: 0, rewinds: 0 };
  readonly sources = new Set<string>();
  private readonly options: SessionPipelineOptions;
  private reorder: ReorderBuffer<Ordered> | undefined;
  private readonly states = new Map<string, unknown>();
  private readonly outputs: SessionOutputs;
  private readonly gaps = new FrameGapCounter();
  private readonly ctx: MetricContext;
  private lastFrame: number | undefined;
  private lastSessionTimeMs = 0;

  constructor(options: SessionPipelineOptions) {
    this.options = options;
    this.view = new SessionView(options.sessionUID);
    this.outputs = new SessionOutputs(this.view, options.carsRateHz, options.onOutput, () => [...this.sources]);
    this.ctx = { view: this.view, emit: this.outputs.emit };
    for (const m of options.metrics) this.states.set(m.name, m.init());
  }

  push(input: RawInput): void {
    this.counters.packets++;
    if (input.source) this.sources.add(input.source);
    const result = decode(input.bytes);
    if (!result.ok) {
      this.counters.rejected++;
      this.options.onRejected?.(result.rejection.reason);
      return;
    }
    const packet = result.packet;
    const header = packet.header;
    const overall = "overallFrameIdentifier" in header ? header.overallFrameIdentifier : undefined;
    this.reorder ??= this.createReorder(overall !== undefined);
    const before = this.reorder.stats.duplicates;
    this.reorder.push({
      value: { packet, input },
      frame: overall ?? header.frameIdentifier,
      sessionTimeMs: header.sessionTime * 1000,
      arrivalMs: input.arrivalMs,
      fingerprint: crc32(input.bytes),
    });
    this.counters.duplicates += this.reorder.stats.duplicates - before;
  }

  /** Releases what has waited a whole window by `nowMs` (same clock as arrivalMs). */
  poll(nowMs: number): void {
    this.reorder?.poll(nowMs);
  }

  /** End of input: everything held goes through. */
  flush(): void {
    this.reorder?.flush();
  }

  get reorderStats() {
    return this.reorder?.stats;
  }

  private createReorder(monotonicFrames: boolean): ReorderBuffer<Ordered> {
    return new ReorderBuffer<Ordered>({
      windowMs: this.options.reorderWindowMs,
      monotonicFrames,
      onEmit: (o) => this.process(o),
      onLate: () => {
        this.counters.late++;
      },
      onRewind: (o) => this.rewind(o.packet.header.sessionTime * 1000),
    });
  }

  private process({ packet, input }: Ordered): void {
    const frame = packet.header.frameIdentifier;
    const sessionTimeMs = packet.header.sessionTime * 1000;
    // A flashback in formats with an overall frame: frameIdentifier and the clock go back, the order did not.
    if (this.lastFrame !== undefined && frame + 1 < this.lastFrame && sessionTimeMs < this.lastSessionTimeMs) {
      this.rewind(sessionTimeMs);
    }
    this.lastFrame = frame;
    this.lastSessionTimeMs = sessionTimeMs;
    this.outputs.receivedAtUs = input.receivedAtUs;
    for (const model of normalise(packet)) this.apply(model);
  }

  private apply(packet: ModelPacket): void {
    this.view.observe(packet);
    if (packet.kind === "lapData") {
      const missedBefore = this.gaps.missing;
      this.gaps.observe(packet.meta.sessionTimeMs);
      this.counters.gaps += this.gaps.missing - missedBefore;
    }
    for (const metric of this.options.metrics) {
      const handler = metric.on[packet.kind] as ((s: unknown, p: ModelPacket, c: MetricContext) => void) | undefined;
      handler?.(this.states.get(metric.name), packet, this.ctx);
    }
    this.outputs.after(packet);
  }

  private rewind(sessionTimeMs: number): void {
    this.counters.rewinds++;
    this.gaps.reset();
    for (const metric of this.options.metrics) metric.rewind?.(this.states.get(metric.name), sessionTimeMs, this.ctx);
    this.outputs.rewind();
  }
}
