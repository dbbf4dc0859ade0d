import { defineMetric, type MetricContext } from "../../engine/metric.ts";
import type { LapDataCar } from "../../model/types.ts";
import { LapTimePredictor } from "../../predict/lap-time-predictor.ts";
import { deltaTo, type ReferenceLap } from "../../trace/lap-trace.ts";
import { consistencyMs, matchCorners } from "../driving/corners.ts";
import { CarLaps, type CompletedLap } from "./car-laps.ts";

/** Live deltas and predictions for fans at this rate of session time; the player's car on every packet. */
const LIVE_INTERVAL_MS = 50;

interface SessionBest {
  carIndex: number;
  lap: number;
  timeMs: number;
  reference: ReferenceLap | undefined;
}

interface TimingState {
  cars: Map<number, CarLaps>;
  predictors: Map<number, LapTimePredictor>;
  references: Map<number, ReferenceLap>;
  sessionBest: SessionBest | undefined;
  nextLiveAtMs: number;
  /** Apexes of the first clean lap watched from the line: the corners every lap's corners are numbered by. */
  cornerApexesM: number[] | undefined;
}

/**
 * Lap timing for every car: completed laps with the game's own lap time, sectors and validity; last, best,
 * personal and session bests; live deltas by lap distance to the car's best and the session best; the in-stream
 * lap-time prediction with its scored error; current lap, sector, position and pit status for the tower.
 */
export const lapTiming = defineMetric<TimingState>({
  name: "lap-timing",
  init: () => ({
    cars: new Map(),
    predictors: new Map(),
    references: new Map(),
    sessionBest: undefined,
    nextLiveAtMs: Number.NEGATIVE_INFINITY,
    cornerApexesM: undefined,
  }),
  on: {
    lapData(state, packet, ctx) {
      const live = packet.meta.sessionTimeMs >= state.nextLiveAtMs;
      if (live) state.nextLiveAtMs = packet.meta.sessionTimeMs + LIVE_INTERVAL_MS;
      for (const i of ctx.view.activeCarIndices()) {
        const c = packet.cars[i];
        if (c) updateCar(state, ctx, i, c, live || i === ctx.view.playerCarIndex);
      }
    },
    telemetry(state, packet) {
      for (const [i, car] of state.cars) {
        const t = packet.cars[i];
        if (t) car.telemetry(t.speedKmh, t.brake);
      }
    },
    telemetry2(state, packet) {
      for (const [i, car] of state.cars) {
        const t = packet.cars[i];
        if (t) car.aero(t.activeAeroMode === "straight", t.overtakeActive);
      }
    },
  },
});

function updateCar(state: TimingState, ctx: MetricContext, i: number, c: LapDataCar, live: boolean): void {
  let car = state.cars.get(i);
  if (!car) {
    car = new CarLaps();
    state.cars.set(i, car);
  }
  let predictor = state.predictors.get(i);
  if (!predictor) {
    predictor = new LapTimePredictor();
    state.predictors.set(i, predictor);
  }
  const change = car.update(c);
  if (change.kind === "completed") completed(state, ctx, i, c, change.lap, change.trace, predictor);
  if (change.kind === "rewound") {
    predictor.abandonLap();
    const best = car.best();
    if (!best || state.references.get(i)?.lapTimeMs !== best.timeMs) state.references.delete(i);
  }
  const best = c.bestLapMs ?? car.best()?.timeMs;
  // Every car on every lap data: set on the live state (what emit.car does, without a literal and a merge).
  const carState = ctx.view.liveCar(i);
  carState.position = c.position;
  carState.lap = c.lapNumber;
  carState.lapDistanceM = c.lapDistanceM;
  carState.sector = c.sector as 0 | 1 | 2;
  carState.currentLapMs = c.currentLapMs;
  carState.lastLapMs = c.lastLapMs;
  carState.bestLapMs = best;
  carState.lapInvalid = c.lapInvalid;
  carState.sector1Ms = c.sector1Ms;
  carState.sector2Ms = c.sector2Ms;
  carState.pit = c.pitStatus;
  carState.pitStops = c.numPitStops;
  carState.status = c.resultStatus;
  if (!live) return;
  const own = state.references.get(i);
  const sessionRef = state.sessionBest?.reference;
  const trackLength = ctx.view.trackLengthM() ?? 0;
  const fields = {
    deltaToBestMs: own ? deltaTo(own, c.lapDistanceM, c.currentLapMs) : undefined,
    deltaToSessionBestMs: sessionRef ? deltaTo(sessionRef, c.lapDistanceM, c.currentLapMs) : undefined,
    predictedLapMs: predictor.predict(c.lapDistanceM, c.currentLapMs, trackLength, sessionRef),
  };
  ctx.emit.car(i, fields);
  if (i === ctx.view.playerCarIndex || i === ctx.view.secondaryPlayerCarIndex) {
    ctx.emit.telemetry(i, {
      lap: c.lapNumber,
      lapDistanceM: c.lapDistanceM,
      currentLapMs: c.currentLapMs,
      // Absent until the sector is done, so a new lap clears the last one's.
      sector1Ms: c.sector1Ms,
      sector2Ms: c.sector2Ms,
      deltaToBestMs: fields.deltaToBestMs,
      predictedLapMs: fields.predictedLapMs,
    });
  }
}

function completed(
  state: TimingState,
  ctx: MetricContext,
  i: number,
  c: LapDataCar,
  lap: CompletedLap,
  trace: CarLaps["trace"],
  predictor: LapTimePredictor,
): void {
  const car = state.cars.get(i) as CarLaps;
  const reference = car.reference(trace, lap);
  const clean = reference !== undefined && !lap.pitted;
  const score = predictor.completeLap({ lapTimeMs: lap.timeMs, trace }, clean);
  const personalBest = lap.valid && car.best() === lap;
  if (personalBest && reference) state.references.set(i, reference);
  const sessionBest = lap.valid && (!state.sessionBest || lap.timeMs < state.sessionBest.timeMs);
  if (!state.cornerApexesM && clean && lap.corners && lap.corners.length > 0) {
    state.cornerApexesM = lap.corners.map((c) => c.apexM);
  }
  const times = car.laps.filter((l) => l.valid && l.whole && !l.pitted).map((l) => l.timeMs);
  ctx.emit.car(i, { consistencyMs: consistencyMs(times) });
  if (sessionBest) state.sessionBest = { carIndex: i, lap: lap.lap, timeMs: lap.timeMs, reference };
  ctx.emit.lap({
    carIndex: i,
    driver: ctx.view.driverName(i),
    lap: lap.lap,
    timeMs: lap.timeMs,
    sectorsMs: lap.sectorsMs,
    valid: lap.valid,
    topSpeedKmh: lap.topSpeedKmh,
    position: c.position,
    tyre: ctx.view.status?.cars[i]?.visualTyreCompound,
    personalBest,
    sessionBest,
    predictedMs: score.predictedAtHalfMs,
    predictionErrorMs: score.errorAtHalfMs,
    predictionMeanAbsErrorMs: score.meanAbsErrorMs,
    activeAero: lap.activeAero,
    corners:
      lap.corners && state.cornerApexesM
        ? matchCorners(state.cornerApexesM, lap.corners).map((c) => ({
            corner: c.corner,
            apexM: Math.round(c.apexM),
            minSpeedKmh: Math.round(c.minSpeedKmh),
            brakeAtM: c.brakeAtM === undefined ? undefined : Math.round(c.brakeAtM),
          }))
        : undefined,
  });
}
