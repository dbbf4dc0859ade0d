import type { CarState } from "../../protocol/derived.ts";
import type { ModelPacket } from "../model/types.ts";
import {
  type AnyMetric,
  applyMetric,
  type EventRecord,
  type LapRecord,
  type MetricContext,
  type TelemetryFields,
  type TraceRecord,
} from "./metric.ts";
import { SessionView } from "./session-view.ts";

export interface MetricRun {
  readonly view: SessionView;
  readonly laps: LapRecord[];
  readonly traces: TraceRecord[];
  readonly events: EventRecord[];
  readonly telemetry: Map<number, TelemetryFields>;
  state: unknown;
  /** Feeds more packets through the same state. */
  feed(packets: Iterable<ModelPacket>): MetricRun;
  /** A flashback to `sessionTimeMs`, as the pipeline reports it. */
  rewind(sessionTimeMs: number): MetricRun;
  car(carIndex: number): CarState | undefined;
}

/** Runs one metric over model packets, without bytes, Kafka or the rest of the engine: for metric tests. */
export function runMetric(metric: AnyMetric, packets: Iterable<ModelPacket> = [], sessionUID = "1"): MetricRun {
  const view = new SessionView(sessionUID);
  const run: MetricRun = {
    view,
    laps: [],
    traces: [],
    events: [],
    telemetry: new Map(),
    state: metric.init(),
    feed(more) {
      for (const packet of more) {
        view.observe(packet);
        applyMetric(metric, run.state, packet, ctx);
      }
      return run;
    },
    rewind(sessionTimeMs) {
      metric.rewind?.(run.state, sessionTimeMs, ctx);
      return run;
    },
    car: (i) => view.cars.get(i),
  };
  const ctx: MetricContext = {
    view,
    emit: {
      lap: (l) => run.laps.push(l),
      trace: (t) => run.traces.push(t),
      event: (e) => run.events.push(e),
      car: (i, f) => view.mergeCar(i, f),
      telemetry: (i, f) => run.telemetry.set(i, { ...run.telemetry.get(i), ...f }),
    },
  };
  return run.feed(packets);
}
