/** Lap Data and Session History: the timing screens, from the engine's lap state. */
import type { CarFrame, Frame } from "../engine.ts";
import type { SimContext } from "./context.ts";
import { cars, fill, type Rec, setMs, type Template } from "./fill.ts";
import { stintsOf } from "./session-packets.ts";

export function lapDataPacket(ctx: SimContext, frame: Frame): Template | undefined {
  const p = ctx.packets.get("lapData");
  if (!p) return undefined;
  fill(p.data, { timeTrialPBCarIdx: 255, timeTrialRivalCarIdx: 255 });
  cars(p.data, "lapData").forEach((c, i) => {
    const car = frame.cars[i];
    if (!car) return;
    fill(c, {
      lapDistance: car.lapDistanceM,
      totalDistance: car.totalDistanceM,
      carPosition: car.position,
      currentLapNum: car.lap,
      pitStatus: car.pitStatus,
      numPitStops: car.numPitStops,
      sector: car.sector,
      currentLapInvalid: car.lapInvalid ? 1 : 0,
      penalties: 0,
      totalWarnings: car.cornerCuttingWarnings,
      warnings: car.cornerCuttingWarnings,
      cornerCuttingWarnings: car.cornerCuttingWarnings,
      gridPosition: car.gridPosition,
      driverStatus: car.driverStatus,
      resultStatus: car.resultStatus,
      pitLaneTimerActive: car.pitStatus !== 0 ? 1 : 0,
      pitLaneTimeInLaneInMS: Math.round(car.pitLaneTimeMs),
      pitStopTimerInMS: car.pitStopTimerMs,
      speedTrapFastestSpeed: 0,
      speedTrapFastestLap: 255,
    });
    setMs(c, "lastLapTime", car.lastLapMs);
    setMs(c, "currentLapTime", car.currentLapMs);
    setMs(c, "sector1Time", car.sector1Ms);
    setMs(c, "sector2Time", car.sector2Ms);
    setMs(c, "deltaToCarInFront", car.deltaToCarInFrontMs);
    setMs(c, "deltaToRaceLeader", car.deltaToLeaderMs);
    // F1 2018-2020 carry the car's best lap in the lap data (2020 with its sectors).
    setMs(c, "bestLapTime", car.bestLapMs);
    if ("bestLapNum" in c) {
      const best = car.completed.find((l) => l.lap === car.bestLapNum);
      fill(c, {
        bestLapNum: car.bestLapNum,
        bestLapSector1TimeInMS: best?.sectorsMs[0] ?? 0,
        bestLapSector2TimeInMS: best?.sectorsMs[1] ?? 0,
        bestLapSector3TimeInMS: best?.sectorsMs[2] ?? 0,
      });
      bestSectors(car).forEach((s, k) => {
        fill(c, { [`bestOverallSector${k + 1}TimeInMS`]: s.ms, [`bestOverallSector${k + 1}LapNum`]: s.lap });
      });
    }
  });
  return p;
}

/** The car's best time in each sector over its valid laps, and the lap it came on. */
function bestSectors(car: CarFrame): { ms: number; lap: number }[] {
  const best = [0, 1, 2].map(() => ({ ms: 0, lap: 0 }));
  for (const lap of car.completed) {
    if (lap.invalidAtArc !== undefined) continue;
    lap.sectorsMs.forEach((ms, k) => {
      const b = best[k] as { ms: number; lap: number };
      if (b.ms === 0 || ms < b.ms) [b.ms, b.lap] = [ms, lap.lap];
    });
  }
  return best;
}

const filledRows = new WeakMap<Template, number>();

/** Session History (2021+): one car per packet, the caller cycles through the cars. */
export function sessionHistoryPacket(ctx: SimContext, car: CarFrame): Template | undefined {
  const p = ctx.packets.get("sessionHistory");
  if (!p) return undefined;
  const laps = car.completed;
  const best = bestSectors(car);
  const stints = stintsOf(ctx, car);
  const inProgress = car.resultStatus === 3 || car.driverStatus === 0 ? 0 : 1;
  fill(p.data, {
    carIdx: car.index,
    numLaps: Math.min(100, laps.length + inProgress),
    numTyreStints: stints.length,
    bestLapTimeLapNum: car.bestLapNum,
    bestSector1LapNum: best[0]?.lap,
    bestSector2LapNum: best[1]?.lap,
    bestSector3LapNum: best[2]?.lap,
  });
  // Rows past the laps the previous packet (another car) filled are still zero: only those up to it are written.
  const history = cars(p.data, "lapHistoryData");
  const rows = Math.min(history.length, Math.max(laps.length, filledRows.get(p) ?? history.length));
  for (let i = 0; i < rows; i++) {
    const h = history[i] as Rec;
    const lap = laps[i];
    h.lapValidBitFlags = lap !== undefined && lap.invalidAtArc === undefined ? 0x0f : 0;
    setMs(h, "lapTime", lap?.timeMs ?? 0);
    setMs(h, "sector1Time", lap?.sectorsMs[0] ?? 0);
    setMs(h, "sector2Time", lap?.sectorsMs[1] ?? 0);
    setMs(h, "sector3Time", lap?.sectorsMs[2] ?? 0);
  }
  filledRows.set(p, laps.length);
  cars(p.data, "tyreStintsHistoryData").forEach((s, i) => {
    const stint = stints[i];
    fill(s, {
      endLap: stint?.endLap ?? 0,
      tyreActualCompound: stint?.actual ?? 0,
      tyreVisualCompound: stint?.visual ?? 0,
    });
  });
  return p;
}
