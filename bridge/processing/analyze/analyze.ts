import { validateDatagram } from "../../f1/decode.ts";
import type { CarState, DerivedMessage, LapMessage, SessionMessage } from "../../protocol/derived.ts";
import type { AnyMetric } from "../engine/metric.ts";
import { SessionPipeline } from "../engine/session-pipeline.ts";
import { DEFAULT_METRICS } from "../metrics/index.ts";
import type { ReorderHold } from "../reorder/reorder-buffer.ts";

/** One datagram of a recorded input; `timeUs` where the input has times (captures), else absent. */
export interface AnalyzeInput {
  readonly bytes: Uint8Array;
  readonly timeUs?: number;
  readonly source?: string;
}

export interface AnalyzedLap {
  lap: number;
  timeMs: number;
  sectorsMs: [number | null, number | null, number | null];
  valid: boolean;
  /** 2026 cars only. */
  activeAero?: LapMessage["activeAero"];
}

export interface AnalyzedCar {
  carIndex: number;
  name: string;
  team?: string;
  position?: number;
  laps: AnalyzedLap[];
  bestLapMs?: number;
  topSpeedKmh?: number;
  pitStops?: number;
}

export interface AnalyzedSession {
  sessionUID: string;
  packetFormat: number;
  trackId?: number;
  track?: string;
  sessionType?: string;
  cars: AnalyzedCar[];
  counts: { packets: number; rejected: number; duplicates: number; late: number; gaps: number };
}

export interface Analysis {
  sessions: AnalyzedSession[];
  /** Datagrams no session could claim (their header fails validation), by reason. */
  unattributed: Record<string, number>;
}

export interface AnalyzeOptions {
  readonly reorderWindowMs: number;
  readonly reorderHold?: ReorderHold;
  readonly metrics?: readonly AnyMetric[];
}

interface Collected {
  pipeline: SessionPipeline;
  session?: SessionMessage;
  cars: Map<number, CarState>;
  laps: Map<string, LapMessage>;
}

/**
 * The processor's own pipeline over recorded data: same decode, reorder, model and metrics, so a lap here is
 * the lap the live product shows. Inputs without times are ordered by the game's session clock.
 */
export async function analyze(inputs: AsyncIterable<AnalyzeInput>, options: AnalyzeOptions): Promise<Analysis> {
  const sessions = new Map<string, Collected>();
  const unattributed: Record<string, number> = {};
  for await (const input of inputs) {
    const info = validateDatagram(input.bytes);
    if (!info.ok) {
      unattributed[info.rejection.reason] = (unattributed[info.rejection.reason] ?? 0) + 1;
      continue;
    }
    const uid = info.info.sessionUID;
    let c = sessions.get(uid);
    if (!c) {
      const collected: Collected = { cars: new Map(), laps: new Map() } as Collected;
      collected.pipeline = new SessionPipeline({
        sessionUID: uid,
        metrics: options.metrics ?? DEFAULT_METRICS,
        reorderWindowMs: options.reorderWindowMs,
        reorderHold: options.reorderHold,
        carsRateHz: 20,
        onOutput: (m) => collect(collected, m),
      });
      sessions.set(uid, collected);
      c = collected;
    }
    const arrivalMs = input.timeUs === undefined ? info.info.sessionTime * 1000 : input.timeUs / 1000;
    c.pipeline.push({ bytes: input.bytes, arrivalMs, source: input.source });
  }
  const out: AnalyzedSession[] = [];
  for (const [uid, c] of sessions) {
    c.pipeline.flush();
    out.push(summarise(uid, c));
  }
  return { sessions: out, unattributed };
}

function collect(c: Collected, m: DerivedMessage): void {
  if (m.type === "session") c.session = m;
  else if (m.type === "cars") for (const car of m.cars) c.cars.set(car.carIndex, car);
  // A lap completed again after a flashback replaces the undone one (same id).
  else if (m.type === "lap") c.laps.set(m.id, m);
}

function summarise(uid: string, c: Collected): AnalyzedSession {
  const { counters, view } = c.pipeline;
  const byCar = new Map<number, LapMessage[]>();
  for (const lap of c.laps.values()) byCar.set(lap.carIndex, [...(byCar.get(lap.carIndex) ?? []), lap]);
  const indices = new Set([...c.cars.keys(), ...byCar.keys()]);
  const cars = [...indices]
    .sort((a, b) => a - b)
    .map((carIndex): AnalyzedCar => {
      const laps = (byCar.get(carIndex) ?? []).sort((a, b) => a.lap - b.lap);
      // The view holds every car's state after the last packet; the throttled cars messages can miss the
      // final frames (a lap completed on the last one).
      const state = view.cars.get(carIndex) ?? c.cars.get(carIndex);
      const participant = c.session?.participants.find((p) => p.carIndex === carIndex);
      const speeds = laps.map((l) => l.topSpeedKmh).filter((s): s is number => s !== undefined);
      return {
        carIndex,
        name: participant?.name ?? view.driverName(carIndex),
        team: participant?.team,
        position: state?.position,
        laps: laps.map((l) => ({
          lap: l.lap,
          timeMs: l.timeMs,
          sectorsMs: [...l.sectorsMs],
          valid: l.valid,
          ...(l.activeAero ? { activeAero: l.activeAero } : {}),
        })),
        bestLapMs: state?.bestLapMs,
        topSpeedKmh: speeds.length > 0 ? Math.max(...speeds) : undefined,
        pitStops: state?.pitStops,
      };
    });
  return {
    sessionUID: uid,
    packetFormat: view.packetFormat,
    trackId: c.session?.trackId,
    track: c.session?.track,
    sessionType: c.session?.sessionType,
    cars,
    counts: {
      packets: counters.packets,
      rejected: counters.rejected,
      duplicates: counters.duplicates,
      late: counters.late,
      gaps: counters.gaps,
    },
  };
}
