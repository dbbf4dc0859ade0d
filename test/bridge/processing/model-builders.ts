// Model packets built by hand for metric tests: a simple session where each car drives at its own steady speed.
import type {
  EventPacket,
  LapDataCar,
  LapDataPacket,
  ModelEvent,
  ModelPacket,
  PacketMeta,
  ParticipantsPacket,
  SessionKind,
  SessionPacket,
  TelemetryPacket,
} from "../../../bridge/processing/model/types.ts";

export function meta(sessionTimeMs: number, frame: number, playerCarIndex = 0, packetFormat = 2025): PacketMeta {
  return { sessionUID: "42", packetFormat, frame, overallFrame: frame, sessionTimeMs, playerCarIndex };
}

/** The same packet as another format sent it (only the header's packetFormat changes). */
export function withFormat<P extends ModelPacket>(packet: P, packetFormat: number): P {
  return { ...packet, meta: { ...packet.meta, packetFormat } };
}

/** A session packet with what the metrics read: the kind of session and the track length. */
export function sessionOf(sessionKind: SessionKind, trackLengthM = 5000, at = meta(0, 0)): SessionPacket {
  return { kind: "session", meta: at, sessionKind, trackLengthM } as SessionPacket;
}

/** Participants with these names, car index = position in the list. */
export function participantsOf(names: readonly string[], at = meta(0, 0)): ParticipantsPacket {
  return {
    kind: "participants",
    meta: at,
    numActiveCars: names.length,
    cars: names.map((name, i) => ({
      aiControlled: true,
      driverId: i,
      teamId: i,
      raceNumber: i + 1,
      nationalityId: 0,
      name,
    })),
  };
}

/** One car's lap data: an active car on track at the start of lap 1, with `fields` over it. */
export function lapCar(fields: Partial<LapDataCar> = {}): LapDataCar {
  return {
    currentLapMs: 0,
    lapDistanceM: 0,
    totalDistanceM: 0,
    safetyCarDeltaMs: 0,
    position: 1,
    lapNumber: 1,
    sector: 0,
    pitStatus: "none",
    lapInvalid: false,
    penaltiesS: 0,
    gridPosition: 1,
    driverStatus: "on-track",
    resultStatus: "active",
    ...fields,
  };
}

export function lapDataOf(at: PacketMeta, cars: LapDataCar[]): LapDataPacket {
  return { kind: "lapData", meta: at, cars };
}

export function eventOf(event: ModelEvent, at = meta(0, 0)): EventPacket {
  return { kind: "event", meta: at, event };
}

export interface DrivenCar {
  /** Metres per second, or a function of the lap number for laps of different pace. */
  readonly speed: number | ((lap: number) => number);
  /** Laps (1-based) during which the car's lap is flagged invalid. */
  readonly invalidLaps?: readonly number[];
}

interface CarProgress {
  lap: number;
  distance: number;
  lapStartMs: number;
  lastLapMs?: number;
  s1?: number;
  s2?: number;
}

/**
 * Lap data at `hz` for `seconds`, each car at a steady speed from the line, lap times exact to the millisecond
 * as the game would report them (and sectors at a third and two thirds of the lap).
 */
export function driveLaps(cars: readonly DrivenCar[], trackM: number, seconds: number, hz = 60): LapDataPacket[] {
  const progress: CarProgress[] = cars.map(() => ({ lap: 1, distance: 0, lapStartMs: 0 }));
  const out: LapDataPacket[] = [];
  const dt = 1000 / hz;
  for (let f = 0; f * dt <= seconds * 1000; f++) {
    const now = f * dt;
    const lapCars: LapDataCar[] = cars.map((car, i) => {
      const p = progress[i] as CarProgress;
      const speed = typeof car.speed === "function" ? car.speed(p.lap) : car.speed;
      if (f > 0) p.distance += (speed * dt) / 1000;
      if (p.distance >= trackM) {
        // Crossing time interpolated inside the tick, rounded to the ms as the game reports it.
        const over = ((p.distance - trackM) / speed) * 1000;
        const crossedAt = now - over;
        p.lastLapMs = Math.round(crossedAt - p.lapStartMs);
        p.lapStartMs = crossedAt;
        p.distance -= trackM;
        p.lap++;
        p.s1 = undefined;
        p.s2 = undefined;
      }
      const current = now - p.lapStartMs;
      if (p.s1 === undefined && p.distance >= trackM / 3)
        p.s1 = Math.round(current - ((p.distance - trackM / 3) / speed) * 1000);
      if (p.s2 === undefined && p.distance >= (2 * trackM) / 3) {
        p.s2 = Math.round(current - ((p.distance - (2 * trackM) / 3) / speed) * 1000) - (p.s1 as number);
      }
      return {
        lastLapMs: p.lastLapMs,
        currentLapMs: Math.round(current),
        sector1Ms: p.s1,
        sector2Ms: p.s2,
        lapDistanceM: p.distance,
        totalDistanceM: (p.lap - 1) * trackM + p.distance,
        safetyCarDeltaMs: 0,
        position: 0,
        lapNumber: p.lap,
        sector: p.distance < trackM / 3 ? 0 : p.distance < (2 * trackM) / 3 ? 1 : 2,
        pitStatus: "none",
        lapInvalid: car.invalidLaps?.includes(p.lap) ?? false,
        penaltiesS: 0,
        gridPosition: i + 1,
        driverStatus: "on-track",
        resultStatus: "active",
      };
    });
    const order = lapCars.map((c, i) => ({ i, d: c.totalDistanceM })).sort((a, b) => b.d - a.d);
    order.forEach(({ i }, rank) => {
      (lapCars[i] as LapDataCar).position = rank + 1;
    });
    out.push({ kind: "lapData", meta: meta(now, f), cars: lapCars });
  }
  return out;
}

export function telemetryAt(packet: LapDataPacket, speedsKmh: readonly number[]): TelemetryPacket {
  const wheels = [0, 0, 0, 0] as [number, number, number, number];
  return {
    kind: "telemetry",
    meta: packet.meta,
    cars: speedsKmh.map((speedKmh) => ({
      speedKmh,
      throttle: 1,
      steer: 0,
      brake: 0,
      clutch: 0,
      gear: 7,
      engineRpm: 11000,
      drsOpen: false,
      revLightsPct: 50,
      brakesTempC: wheels,
      tyresSurfaceTempC: wheels,
      tyresInnerTempC: wheels,
      engineTempC: 100,
      tyresPressurePsi: wheels,
    })),
  };
}
