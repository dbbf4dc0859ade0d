// The processing API: a metric is a small function of (its keyed state, one model packet) that emits derived
// output. It never sees bytes, formats, Kafka or Redis, so a metric is one short file plus a unit test.
// Modelled on quix-streams' StreamingDataFrame with keyed State: the key here is the session.
import type { CarState, EventMessage, LapMessage, LapTraceMessage, TelemetryMessage } from "../../protocol/derived.ts";
import type { ModelKind, ModelPacket, ModelPacketOf } from "../model/types.ts";
import type { SessionView } from "./session-view.ts";

export type LapRecord = Omit<LapMessage, "v" | "type" | "id" | "sessionUID" | "sessionTimeMs" | "receivedAtUs">;
export type TraceRecord = Omit<LapTraceMessage, "v" | "type" | "id" | "sessionUID" | "sessionTimeMs" | "receivedAtUs">;
export type EventRecord = Omit<EventMessage, "v" | "type" | "id" | "sessionUID" | "sessionTimeMs" | "receivedAtUs">;
export type TelemetryFields = Partial<
  Omit<TelemetryMessage, "v" | "type" | "sessionUID" | "sessionTimeMs" | "receivedAtUs" | "carIndex">
>;

/** What a metric can publish. Car and telemetry fields merge into the live state of that car. */
export interface Emit {
  lap(lap: LapRecord): void;
  /** A completed lap's trace; it takes the lap's id. */
  trace(trace: TraceRecord): void;
  event(event: EventRecord): void;
  car(carIndex: number, fields: Partial<Omit<CarState, "carIndex">>): void;
  telemetry(carIndex: number, fields: TelemetryFields): void;
}

export interface MetricContext {
  view: SessionView;
  readonly emit: Emit;
}

type Handlers<S> = { readonly [K in ModelKind]?: (state: S, packet: ModelPacketOf<K>, ctx: MetricContext) => void };

export interface Metric<S> {
  readonly name: string;
  /** Per-session state: JSON, Maps and registered classes (engine/state-codec.ts), so it checkpoints as is. */
  readonly init: () => S;
  readonly on: Handlers<S>;
  /** The game went back in time (a flashback): drop what this metric derived after `sessionTimeMs`. */
  readonly rewind?: (state: S, sessionTimeMs: number, ctx: MetricContext) => void;
}

/** Declares a metric; the identity function that makes TypeScript infer the state type once. */
export function defineMetric<S>(metric: Metric<S>): Metric<S> {
  return metric;
}

/** Runs the metric's handler for this packet's kind, if it has one (the engine and runMetric alike). */
export function applyMetric(metric: AnyMetric, state: unknown, packet: ModelPacket, ctx: MetricContext): void {
  const handler = metric.on[packet.kind] as ((s: unknown, p: ModelPacket, c: MetricContext) => void) | undefined;
  handler?.(state, packet, ctx);
}

// biome-ignore lint/suspicious/noExplicitAny: a list of metrics holds each with its own state type.
export type AnyMetric = Metric<any>;
