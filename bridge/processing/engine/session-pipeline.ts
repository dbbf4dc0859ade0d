import { crc32 } from "node:zlib";
import { type DatagramInfo, decode, validateDatagram } from "../../f1/decode.ts";
import type { PacketName } from "../../f1/packet-ids.ts";
import type { DerivedMessage } from "../../protocol/derived.ts";
import { normalise } from "../model/normalise.ts";
import type { ModelKind, ModelPacket } from "../model/types.ts";
import { ReorderBuffer, type ReorderHold, type ReorderSnapshot } from "../reorder/reorder-buffer.ts";
import { FrameGapCounter } from "./frame-gaps.ts";
import { JoinedCars, type Split } from "./joined-cars.ts";
import { type AnyMetric, applyMetric, type MetricContext } from "./metric.ts";
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
  /** Default fixed: the whole window (the processor's setting defaults to adaptive). */
  readonly reorderHold?: ReorderHold;
  /** Fan-facing car frames per second of session time (the player's telemetry goes at the game's rate). */
  readonly carsRateHz: number;
  readonly onOutput: (message: DerivedMessage) => void;
  readonly onRejected?: (reason: string) => void;
}

interface Ordered {
  readonly info: DatagramInfo;
  readonly input: RawInput;
}

/** The model kinds each packet gives (see normalise): a packet nobody reads is never decoded. */
const KINDS_OF: Readonly<Record<PacketName, readonly ModelKind[]>> = {
  motion: ["motion", "motionEx"],
  session: ["session"],
  lapData: ["lapData"],
  event: ["event"],
  participants: ["participants"],
  carSetups: ["carSetups"],
  carTelemetry: ["telemetry"],
  carStatus: ["status", "damage"],
  finalClassification: ["finalClassification"],
  lobbyInfo: ["lobbyInfo"],
  carDamage: ["damage"],
  sessionHistory: ["sessionHistory"],
  tyreSets: ["tyreSets"],
  motionEx: ["motionEx"],
  timeTrial: ["timeTrial"],
  lapPositions: ["lapPositions"],
  carTelemetry2: ["telemetry2"],
};

/** What the view and the outputs read, whatever the metrics. */
const ALWAYS_READ: readonly ModelKind[] = ["session", "participants", "lapData", "telemetry", "status", "damage"];

/**
 * Everything one session goes through: decode, reorder and dedupe, normalise, then each metric in order,
 * then the outputs (throttled car frames, the player's telemetry, laps, events, session info).
 * Pure of I/O: the processor, `analyze` and the tests drive it alike.
 */
export class SessionPipeline {
  view: SessionView;
  counters: SessionCounters = { packets: 0, rejected: 0, duplicates: 0, late: 0, gaps: 0, rewinds: 0 };
  sources = new Set<string>();
  private readonly options: SessionPipelineOptions;
  private reorder: ReorderBuffer<Ordered> | undefined;
  private readonly states = new Map<string, unknown>();
  private readonly outputs: SessionOutputs;
  private gaps = new FrameGapCounter();
  /** Cars other sources drive in this session (a ghost lap): see joined-cars.ts. */
  private joined = new JoinedCars();
  private readonly ctx: MetricContext;
  private lastFrame: number | undefined;
  private lastSessionTimeMs = 0;
  /** The newest arrival time pushed, and the caller's wall clock then: poll() extrapolates from them. */
  private newestArrivalMs = Number.NEGATIVE_INFINITY;
  private pushedAtWallMs = 0;
  private readonly needed: ReadonlySet<string>;

  constructor(options: SessionPipelineOptions) {
    this.options = options;
    const kinds = new Set<ModelKind>([
      ...ALWAYS_READ,
      ...options.metrics.flatMap((m) => Object.keys(m.on) as ModelKind[]),
    ]);
    this.needed = new Set(
      Object.entries(KINDS_OF)
        .filter(([, ks]) => ks.some((k) => kinds.has(k)))
        .map(([name]) => name),
    );
    this.view = new SessionView(options.sessionUID);
    this.outputs = new SessionOutputs(
      this.view,
      options.carsRateHz,
      (m) => this.output(m),
      () => [...this.sources],
    );
    this.ctx = { view: this.view, emit: this.outputs.emit };
    for (const m of options.metrics) this.states.set(m.name, m.init());
  }

  push(input: RawInput, wallNowMs = 0): void {
    this.counters.packets++;
    if (input.arrivalMs > this.newestArrivalMs) this.newestArrivalMs = input.arrivalMs;
    this.pushedAtWallMs = wallNowMs;
    if (input.source) this.sources.add(input.source);
    // The header and size checks only: the body is decoded after ordering, and only if something reads it.
    const result = validateDatagram(input.bytes);
    if (!result.ok) {
      this.counters.rejected++;
      this.options.onRejected?.(result.rejection.reason);
      return;
    }
    const info = result.info;
    const overall = info.overallFrameIdentifier;
    this.reorder ??= this.createReorder(overall !== undefined);
    const before = this.reorder.stats.duplicates;
    const frame = overall ?? info.frameIdentifier;
    this.reorder.add({ info, input }, frame, info.sessionTime * 1000, input.arrivalMs, crc32(input.bytes));
    this.counters.duplicates += this.reorder.stats.duplicates - before;
  }

  /**
   * Releases what has waited a whole window when the stream goes quiet. The arrival clock is taken to have
   * moved on by the wall time since the last push, never by the wall clock itself: re-reading a backlog (a
   * takeover, a replay faster than real time) then orders exactly as the live run did.
   */
  poll(wallNowMs: number): void {
    if (this.newestArrivalMs === Number.NEGATIVE_INFINITY) return;
    this.reorder?.poll(this.newestArrivalMs + Math.max(0, wallNowMs - this.pushedAtWallMs));
  }

  /** The wall time at which poll() next has something to release (by the same extrapolation), if anything is held. */
  nextReleaseWallMs(): number | undefined {
    const due = this.reorder?.nextReleaseMs();
    return due === undefined ? undefined : this.pushedAtWallMs + (due - this.newestArrivalMs);
  }

  /**
   * A lap (and its trace) of a car a joined source drives is marked a reference lap: kept off the boards; in the
   * cars frame the car itself is marked, so the tower shows it as a reference, not as one of the field.
   */
  private output(message: DerivedMessage): void {
    const owners = this.joined.owners;
    if (owners.size === 0) this.options.onOutput(message);
    else if ((message.type === "lap" || message.type === "trace") && owners.has(message.carIndex)) {
      this.options.onOutput({ ...message, reference: true });
    } else if (message.type === "cars") {
      const cars = message.cars.map((c) => (owners.has(c.carIndex) ? { ...c, reference: true as const } : c));
      this.options.onOutput({ ...message, cars });
    } else this.options.onOutput(message);
  }

  /** End of input: everything held goes through. */
  flush(): void {
    this.reorder?.flush();
  }

  get reorderStats() {
    return this.reorder?.stats;
  }

  /** Everything needed to carry on exactly where this left off (state-codec JSON). */
  save(): unknown {
    const states = new Map<string, unknown>(this.states);
    return {
      counters: this.counters,
      sources: this.sources,
      states,
      view: this.view,
      outputs: this.outputs.save(),
      gaps: this.gaps,
      joined: this.joined,
      lastFrame: this.lastFrame,
      lastSessionTimeMs: this.lastSessionTimeMs,
      newestArrivalMs: this.newestArrivalMs,
      monotonic: this.reorder?.monotonic,
      reorder: this.reorder?.snapshot((o) => o.input),
    };
  }

  load(saved: ReturnType<SessionPipeline["save"]>): void {
    const s = saved as {
      counters: SessionCounters;
      sources: Set<string>;
      states: Map<string, unknown>;
      view: SessionView;
      outputs: Parameters<SessionOutputs["load"]>[0];
      gaps: FrameGapCounter;
      joined: JoinedCars | undefined;
      lastFrame: number | undefined;
      lastSessionTimeMs: number;
      newestArrivalMs: number;
      monotonic: boolean | undefined;
      reorder: ReorderSnapshot<RawInput> | undefined;
    };
    this.counters = s.counters;
    this.sources = s.sources;
    for (const [name, state] of s.states) this.states.set(name, state);
    this.view = s.view;
    this.ctx.view = s.view;
    this.outputs.view = s.view;
    this.outputs.load(s.outputs);
    this.gaps = s.gaps;
    this.joined = s.joined ?? new JoinedCars();
    this.lastFrame = s.lastFrame;
    this.lastSessionTimeMs = s.lastSessionTimeMs;
    this.newestArrivalMs = s.newestArrivalMs;
    if (s.monotonic !== undefined && s.reorder) {
      this.reorder = this.createReorder(s.monotonic);
      this.reorder.restore(s.reorder, (input) => {
        const valid = validateDatagram(input.bytes);
        if (!valid.ok) throw new Error("a checkpoint held a datagram that no longer validates");
        return { info: valid.info, input };
      });
    }
  }

  private createReorder(monotonicFrames: boolean): ReorderBuffer<Ordered> {
    return new ReorderBuffer<Ordered>({
      windowMs: this.options.reorderWindowMs,
      adaptive: this.options.reorderHold === "adaptive",
      monotonicFrames,
      onEmit: (o) => this.process(o),
      onLate: () => {
        this.counters.late++;
      },
      onRewind: (o) => this.rewind(o.info.sessionTime * 1000),
    });
  }

  private process({ info, input }: Ordered): void {
    const frame = info.frameIdentifier;
    const sessionTimeMs = info.sessionTime * 1000;
    // A joined source's frames (a ghost lap) do not move the session's clock: only the hosts' do.
    const host = !this.joined.isJoined(input.source);
    // A flashback in formats with an overall frame: frameIdentifier and the clock go back, the order did not.
    if (host && this.lastFrame !== undefined && frame + 1 < this.lastFrame && sessionTimeMs < this.lastSessionTimeMs) {
      this.rewind(sessionTimeMs);
    }
    if (host) {
      this.lastFrame = frame;
      this.lastSessionTimeMs = sessionTimeMs;
    }
    this.outputs.receivedAtUs = input.receivedAtUs;
    if (!this.needed.has(info.name)) return;
    const decoded = decode(input.bytes);
    if (decoded.ok) for (const model of normalise(decoded.packet)) this.apply(model, input.source);
  }

  private apply(packet: ModelPacket, source?: string): void {
    // With a joined source (a ghost lap) each source updates only its own cars; undefined: no copy, as ever.
    const split = this.joined.split(packet, source, this.view, this.options.metrics);
    if (split !== undefined) {
      if (split) this.applySplit(split);
      return;
    }
    this.view.observe(packet);
    if (packet.kind === "lapData") {
      const missedBefore = this.gaps.missing;
      this.gaps.observe(packet.meta.sessionTimeMs);
      this.counters.gaps += this.gaps.missing - missedBefore;
    }
    for (const metric of this.options.metrics) {
      applyMetric(metric, this.states.get(metric.name), packet, this.ctx);
    }
    this.outputs.after(packet);
  }

  /** apply() for a session with joined cars: the view gets every car, the metrics the source's own. */
  private applySplit({ view, own, states }: Split): void {
    this.view.observe(view);
    if (view.kind === "lapData" && !states) {
      const missedBefore = this.gaps.missing;
      this.gaps.observe(view.meta.sessionTimeMs);
      this.counters.gaps += this.gaps.missing - missedBefore;
    }
    for (const metric of this.options.metrics) {
      applyMetric(metric, (states ?? this.states).get(metric.name), own, this.ctx);
    }
    // The player's telemetry and the session info come from the game's packets only.
    if (!states || view.kind === "lapData") this.outputs.after(view);
  }

  private rewind(sessionTimeMs: number): void {
    this.counters.rewinds++;
    this.gaps.reset();
    for (const metric of this.options.metrics) metric.rewind?.(this.states.get(metric.name), sessionTimeMs, this.ctx);
    this.outputs.rewind();
  }
}
