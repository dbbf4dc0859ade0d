/**
 * The simulator's ground truth: what a correct analysis of its datagrams must find, taken from the plan (not from
 * the datagrams), as a plain JSON-able object.
 */
import type { SessionPlan } from "./plan.ts";
import type { Entrant } from "./roster.ts";

export interface TruthLap {
  lap: number;
  timeMs: number;
  sectorsMs: [number, number, number];
  valid: boolean;
}

export interface TruthCar {
  carIndex: number;
  name: string;
  team: string;
  gridPosition: number;
  /** Final position (race: the classification; otherwise by best valid lap). */
  position: number;
  laps: TruthLap[];
  bestLapMs: number | undefined;
  pitStops: number;
  /** Race: time from lights out to the flag crossing, ms. */
  raceTimeMs: number | undefined;
}

export interface GroundTruth {
  sessionUID: string;
  packetFormat: number;
  trackId: number;
  track: string;
  session: SessionPlan["spec"]["session"];
  laps: number;
  cars: TruthCar[];
  /** Car indices in finishing order. */
  classification: number[];
  fastestLap: { carIndex: number; lap: number; timeMs: number } | undefined;
}

export function groundTruth(
  plan: SessionPlan,
  entrants: readonly Entrant[],
  sessionUID: string,
  packetFormat: number,
): GroundTruth {
  const { spec } = plan;
  const race = spec.session === "race";
  const cars = plan.cars.map((c): TruthCar => {
    const laps = c.laps.map((l) => ({
      lap: l.lap,
      timeMs: l.timeMs,
      sectorsMs: [...l.sectorsMs] as [number, number, number],
      valid: l.invalidAtArc === undefined,
    }));
    const valid = laps.filter((l) => l.valid).map((l) => l.timeMs);
    return {
      carIndex: c.index,
      name: entrants[c.index]?.name ?? "",
      team: entrants[c.index]?.team ?? "",
      gridPosition: c.gridPosition,
      position: 0,
      laps,
      bestLapMs: valid.length > 0 ? Math.min(...valid) : undefined,
      pitStops: c.pitLap !== undefined ? 1 : 0,
      raceTimeMs: race ? Math.round(((c.finishTime as number) - plan.lightsOut) * 1000) : undefined,
    };
  });
  const order = [...plan.cars].sort((a, b) => {
    if (race) {
      return (
        (b.finishedLaps as number) - (a.finishedLaps as number) || (a.finishTime as number) - (b.finishTime as number)
      );
    }
    const [ba, bb] = [cars[a.index]?.bestLapMs, cars[b.index]?.bestLapMs];
    if (ba === undefined || bb === undefined) return ba !== undefined ? -1 : bb !== undefined ? 1 : a.index - b.index;
    return ba - bb || a.index - b.index;
  });
  order.forEach((c, rank) => {
    (cars[c.index] as TruthCar).position = rank + 1;
  });
  let fastestLap: GroundTruth["fastestLap"];
  for (const car of cars) {
    for (const l of car.laps) {
      const kind = plan.cars[car.carIndex]?.laps.find((p) => p.lap === l.lap)?.kind;
      if (!l.valid || kind === "in" || kind === "out") continue;
      if (!fastestLap || l.timeMs < fastestLap.timeMs)
        fastestLap = { carIndex: car.carIndex, lap: l.lap, timeMs: l.timeMs };
    }
  }
  return {
    sessionUID,
    packetFormat,
    trackId: spec.track.trackId,
    track: spec.track.name,
    session: spec.session,
    laps: spec.laps,
    cars,
    classification: order.map((c) => c.index),
    fastestLap,
  };
}
