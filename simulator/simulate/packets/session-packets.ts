/** Session, Participants, Event, Final Classification, Lap Positions and Time Trial packets. */
import type { CarFrame, Frame, SimEvent } from "../engine.ts";
import { PIT_LIMIT_KMH } from "../plan.ts";
import { compoundIds, type SimContext, WEATHER } from "./context.ts";
import { cars, fill, type Rec, setMs, type Template } from "./fill.ts";

const POINTS = [25, 18, 15, 12, 10, 8, 6, 4, 2, 1];

export function sessionPacket(ctx: SimContext, t: number): Template | undefined {
  const p = ctx.packets.get("session");
  if (!p) return undefined;
  const { plan } = ctx;
  const { track, session, laps } = plan.spec;
  const duration = session === "race" ? 7200 : Math.ceil(plan.end);
  const zones = ctx.zones.map((z) => ({ zoneStart: z.from / track.arcM, zoneEnd: (z.to / track.arcM) % 1 }));
  const pitLap = plan.cars[0]?.pitLap ?? 0;
  fill(p.data, {
    weather: 0,
    trackTemperature: WEATHER.trackC,
    airTemperature: WEATHER.airC,
    totalLaps: session === "race" ? laps : laps + 2,
    trackLength: track.lengthM,
    sessionType: ctx.sessionTypeId,
    trackId: track.trackId,
    formula: 0,
    era: 0,
    sessionTimeLeft: Math.max(0, Math.round(duration - t)),
    sessionDuration: duration,
    pitSpeedLimit: PIT_LIMIT_KMH,
    spectatorCarIndex: 255,
    numMarshalZones: 3,
    marshalZones: [0, 0.33, 0.66].map((zoneStart) => ({ zoneStart, zoneFlag: 1 })),
    numWeatherForecastSamples: 3,
    weatherForecastSamples: [0, 5, 10].map((timeOffset) => ({
      sessionType: ctx.sessionTypeId,
      timeOffset,
      weather: 0,
      trackTemperature: WEATHER.trackC,
      airTemperature: WEATHER.airC,
    })),
    aiDifficulty: 90,
    pitStopWindowIdealLap: pitLap,
    pitStopWindowLatestLap: pitLap ? pitLap + 2 : 0,
    gameMode: 0,
    ruleSet: session === "race" ? 1 : session === "qualifying" ? 0 : 2,
    timeOfDay: 14 * 60,
    sessionLength: 3,
    numSessionsInWeekend: 1,
    weekendStructure: [ctx.sessionTypeId],
    sector2LapDistanceStart: track.sector2M,
    sector3LapDistanceStart: track.sector3M,
    // 2026: the straights are active aero zones (the DRS list stays empty, as in the 2026 rules).
    numActiveAeroZonesFull: zones.length,
    activeAeroZonesFull: zones,
  });
  return p;
}

export function participantsPacket(ctx: SimContext): Template | undefined {
  const p = ctx.packets.get("participants");
  if (!p) return undefined;
  const n = ctx.entrants.length;
  fill(p.data, { numActiveCars: n, numCars: n });
  cars(p.data, "participants").forEach((c, i) => {
    const e = ctx.entrants[i];
    if (!e) return;
    fill(c, {
      aiControlled: i === 0 ? 0 : 1,
      driverId: e.driverId,
      networkId: 255,
      teamId: e.teamId,
      raceNumber: e.raceNumber,
      nationality: e.nationality,
      name: e.name,
      yourTelemetry: 1,
      showOnlineNames: 1,
      techLevel: 0,
      platform: 255,
    });
  });
  return p;
}

export function eventPacket(ctx: SimContext, e: SimEvent): Template | undefined {
  const details: Rec = { vehicleIdx: e.vehicleIdx ?? 0, lapTime: e.lapTimeS ?? 0, numLights: e.numLights ?? 0 };
  if (e.code === "OVTK") {
    details.overtakingVehicleIdx = e.vehicleIdx;
    details.beingOvertakenVehicleIdx = e.otherVehicleIdx;
  }
  return ctx.packets.event(e.code, details);
}

/** Race: points and total times; qualifying and time trial: best laps. Laps counted are those the car finished. */
export function finalClassificationPacket(ctx: SimContext, frame: Frame): Template | undefined {
  const p = ctx.packets.get("finalClassification");
  if (!p) return undefined;
  const { plan } = ctx;
  const race = plan.spec.session === "race";
  fill(p.data, { numCars: frame.cars.length });
  cars(p.data, "classificationData").forEach((c, i) => {
    const car = frame.cars[i];
    const planned = plan.cars[i];
    if (!car || !planned) return;
    const stints = stintsOf(ctx, car);
    fill(c, {
      position: car.position,
      numLaps: race ? planned.finishedLaps : car.completed.length,
      gridPosition: car.gridPosition,
      points: race ? (POINTS[car.position - 1] ?? 0) : 0,
      numPitStops: car.numPitStops,
      resultStatus: 3,
      resultReason: 0,
      totalRaceTime: race ? (planned.finishTime as number) - plan.lightsOut : 0,
      numTyreStints: stints.length,
      tyreStintsActual: stints.map((s) => s.actual),
      tyreStintsVisual: stints.map((s) => s.visual),
      tyreStintsEndLaps: stints.map((s) => s.endLap),
    });
    setMs(c, "bestLapTime", car.bestLapMs);
  });
  return p;
}

/** The car's tyre stints: compound and the lap each ended on (255: still running). */
export function stintsOf(ctx: SimContext, car: CarFrame): { actual: number; visual: number; endLap: number }[] {
  const laps = ctx.plan.cars[car.index]?.laps ?? [];
  const out: { actual: number; visual: number; endLap: number }[] = [];
  let current: string | undefined;
  for (const lap of laps) {
    if (lap.compound !== current) {
      const last = out.at(-1);
      if (last) last.endLap = lap.lap - 1;
      out.push({ ...compoundIds(ctx.packets.format, lap.compound), endLap: 255 });
      current = lap.compound;
    }
  }
  const last = out.at(-1);
  if (last && car.resultStatus === 3) last.endLap = laps.length;
  return out.length > 0 ? out : [{ ...compoundIds(ctx.packets.format, car.compound), endLap: 255 }];
}

/** Lap Positions (F1 25+): each car's position at the start of the last 50 laps. */
export function lapPositionsPacket(ctx: SimContext, frame: Frame): Template | undefined {
  const p = ctx.packets.get("lapPositions");
  if (!p) return undefined;
  const laps = Math.max(...frame.cars.map((c) => c.lapStartPositions.length));
  const lapStart = Math.max(0, laps - 50);
  fill(p.data, { numLaps: laps - lapStart, lapStart: lapStart + 1 });
  const rows = p.data.positionForVehicleIdx as number[][];
  rows.forEach((row, r) => {
    row.forEach((_, i) => {
      row[i] = frame.cars[i]?.lapStartPositions[lapStart + r] ?? 0;
    });
  });
  return p;
}

/** Time Trial (F1 24+, time trial sessions): the player's session best and personal best, no rival. */
export function timeTrialPacket(ctx: SimContext, frame: Frame): Template | undefined {
  const p = ctx.packets.get("timeTrial");
  const car = frame.cars[0];
  if (!p || !car || ctx.plan.spec.session !== "time-trial") return undefined;
  const best = car.completed.find((l) => l.lap === car.bestLapNum && l.invalidAtArc === undefined);
  const set = {
    carIdx: 0,
    teamId: ctx.entrants[0]?.teamId ?? 0,
    lapTimeInMS: best?.timeMs ?? 0,
    sector1TimeInMS: best?.sectorsMs[0] ?? 0,
    sector2TimeInMS: best?.sectorsMs[1] ?? 0,
    sector3TimeInMS: best?.sectorsMs[2] ?? 0,
    valid: best ? 1 : 0,
  };
  fill(p.data.playerSessionBestDataSet as Rec, set);
  fill(p.data.personalBestDataSet as Rec, set);
  fill(p.data.rivalDataSet as Rec, { carIdx: 255 });
  return p;
}
