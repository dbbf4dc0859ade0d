/**
 * The session frame by frame: each car's motion read off its plan, its lap, sector, timing, pit and tyre state,
 * the running order (race distance in a race, best lap otherwise), gaps, and the events the game would send. The
 * engine knows nothing of packet layouts: packets/ turns its frames into any format's datagrams.
 */

import { type Consumables, newConsumables, newLap, newTyres, updateConsumables } from "./consumables.ts";
import { type Controls, controlsFor } from "./controls.ts";
import { type CarMotion, PathCursor, timeAtArc0 } from "./path.ts";
import { type Compound, PIT_ENTRY_M, PIT_EXIT_M, type PlannedLap, type SessionPlan } from "./plan.ts";
import { G } from "./speed-profile.ts";
import { lapDistanceOf, pointAt, type Track } from "./track.ts";

export type EventCode = "SSTA" | "SEND" | "STLG" | "LGOT" | "DRSE" | "FTLP" | "OVTK" | "CHQF" | "RCWN";

export interface SimEvent {
  readonly code: EventCode;
  readonly vehicleIdx?: number;
  readonly otherVehicleIdx?: number;
  readonly lapTimeS?: number;
  readonly numLights?: number;
}

/** The game's enums as the engine uses them (the same numbers in every format). */
export const PIT = { none: 0, pitting: 1, inPitArea: 2 } as const;
export const DRIVER = { garage: 0, flyingLap: 1, inLap: 2, outLap: 3, onTrack: 4 } as const;
export const RESULT = { active: 2, finished: 3 } as const;

export interface CarFrame {
  readonly index: number;
  motion: CarMotion;
  controls: Controls;
  /** World position, velocity, forward and right unit vectors (Y up, flat track). */
  x: number;
  y: number;
  z: number;
  fx: number;
  fz: number;
  gLat: number;
  gLong: number;
  lap: number;
  lapDistanceM: number;
  totalDistanceM: number;
  currentLapMs: number;
  lastLapMs: number;
  bestLapMs: number;
  bestLapNum: number;
  sector: 0 | 1 | 2;
  sector1Ms: number;
  sector2Ms: number;
  position: number;
  gridPosition: number;
  pitStatus: number;
  numPitStops: number;
  pitLaneTimeMs: number;
  pitStopTimerMs: number;
  lapInvalid: boolean;
  cornerCuttingWarnings: number;
  driverStatus: number;
  resultStatus: number;
  deltaToCarInFrontMs: number;
  deltaToLeaderMs: number;
  /** On a DRS straight with the car at full speed (2026: straight-line aero for everyone). */
  straight: boolean;
  drs: boolean;
  drsAllowed: boolean;
  compound: Compound;
  tyreAgeLaps: number;
  consumables: Consumables;
  /** Completed laps so far (the plan's records), for history packets. */
  completed: PlannedLap[];
  /** Position at the start of each lap (index 0: lap 1). */
  lapStartPositions: number[];
}

export interface Frame {
  readonly t: number;
  readonly cars: readonly CarFrame[];
  readonly events: SimEvent[];
}

/** Straights long enough for DRS (and 2026's straight-line aero): arc ranges within a lap. */
export interface Zone {
  readonly from: number;
  readonly to: number;
}

export function drsZones(track: Track): Zone[] {
  const straight = (i: number) => Math.abs(track.curvature[i % track.n] as number) < 1 / 700;
  let first = 0;
  while (first < track.n && straight(first)) first++; // start the scan inside a corner, so no run is split
  const zones: Zone[] = [];
  let runStart = -1;
  for (let j = first; j <= first + track.n; j++) {
    if (straight(j) && j < first + track.n) {
      if (runStart < 0) runStart = j;
    } else if (runStart >= 0) {
      const from = (runStart * track.stepM + 100) % track.arcM;
      if ((j - runStart) * track.stepM >= 500) zones.push({ from, to: from + (j - runStart) * track.stepM - 100 });
      runStart = -1;
    }
  }
  return zones.sort((a, b) => a.from - b.from);
}

const inZone = (zones: readonly Zone[], lapArc: number, arcM: number) =>
  zones.some((z) => (lapArc >= z.from && lapArc < z.to) || (lapArc + arcM >= z.from && lapArc + arcM < z.to));

/** Which side the pit lane is on: the inside of the circuit (right on a clockwise one). */
const pitSide = (track: Track) => (track.curvature.reduce((s, k) => s + k, 0) >= 0 ? 1 : -1);
const PIT_OFFSET_M = 14;

export class SessionEngine {
  readonly cars: CarFrame[];
  readonly zones: Zone[];
  private readonly cursors: PathCursor[];
  private readonly lapIndex: number[];
  private readonly track: Track;
  private lastT = 0;
  private started = false;
  private lights = 0;
  private flagShown = false;
  private drsEnabled = false;
  private ended = false;
  private fastestMs = Number.POSITIVE_INFINITY;
  private order: number[] = [];

  constructor(readonly plan: SessionPlan) {
    this.track = plan.spec.track;
    this.zones = drsZones(this.track);
    this.cursors = plan.cars.map((c) => new PathCursor(c.pieces));
    this.lapIndex = plan.cars.map(() => 0);
    this.cars = plan.cars.map((c) => {
      const motion = this.cursors[c.index]?.motionAt(0) as CarMotion;
      return {
        index: c.index,
        motion,
        controls: controlsFor(plan.spec.car, 0, 0, 0, false),
        ...{ x: 0, y: 0, z: 0, fx: 0, fz: 1, gLat: 0, gLong: 0 },
        ...{ lap: 1, lapDistanceM: 0, totalDistanceM: 0, currentLapMs: 0, lastLapMs: 0, bestLapMs: 0, bestLapNum: 0 },
        ...{ sector: 0, sector1Ms: 0, sector2Ms: 0, position: c.gridPosition, gridPosition: c.gridPosition },
        ...{ pitStatus: 0, numPitStops: 0, pitLaneTimeMs: 0, pitStopTimerMs: 0, lapInvalid: false },
        ...{ cornerCuttingWarnings: 0, driverStatus: 0, resultStatus: RESULT.active },
        ...{ deltaToCarInFrontMs: 0, deltaToLeaderMs: 0, straight: false, drs: false, drsAllowed: false },
        compound: c.laps[0]?.compound ?? "medium",
        tyreAgeLaps: 0,
        consumables: newConsumables(c.fuelStartKg),
        completed: [],
        lapStartPositions: [c.gridPosition],
      };
    });
    this.order = this.cars.map((c) => c.index).sort((a, b) => this.carAt(a).position - this.carAt(b).position);
  }

  private carAt(i: number): CarFrame {
    return this.cars[i] as CarFrame;
  }

  /** Advances to session time t (seconds, never less than the previous call's). */
  frame(t: number): Frame {
    const dt = Math.max(0, t - this.lastT);
    this.lastT = t;
    const events: SimEvent[] = [];
    const { plan } = this;
    const race = plan.spec.session === "race";
    if (!this.started) {
      this.started = true;
      events.push({ code: "SSTA" });
    }
    if (race) this.startLights(t, events);
    for (const car of this.cars) this.moveCar(car, t, dt, events);
    this.rank(t, events);
    if (race && !this.flagShown && plan.chequeredFlag !== undefined && t >= plan.chequeredFlag) {
      this.flagShown = true;
      const winner = this.order[0] as number;
      events.push({ code: "CHQF" }, { code: "RCWN", vehicleIdx: winner });
    }
    if (!this.ended && t >= plan.end) {
      this.ended = true;
      events.push({ code: "SEND" });
    }
    return { t, cars: this.cars, events };
  }

  private startLights(t: number, events: SimEvent[]): void {
    while (this.lights < 5 && t >= 1 + this.lights) events.push({ code: "STLG", numLights: ++this.lights });
    if (this.lights === 5 && t >= this.plan.lightsOut) {
      this.lights = 6;
      events.push({ code: "LGOT" });
    }
  }

  private moveCar(car: CarFrame, t: number, dt: number, events: SimEvent[]): void {
    const plan = this.plan.cars[car.index];
    if (!plan) return;
    const { track } = this;
    const before = car.motion;
    const m = (this.cursors[car.index] as PathCursor).motionAt(t);
    car.motion = m;
    const piece = m.piece;
    if (before.piece.kind === "box" && piece.kind !== "box") {
      car.numPitStops++;
      newTyres(car.consumables);
    }
    // Laps completed since the last frame.
    let idx = this.lapIndex[car.index] as number;
    while (idx < plan.laps.length && (plan.laps[idx] as PlannedLap).t1 <= t) {
      const done = plan.laps[idx] as PlannedLap;
      car.completed.push(done);
      car.lastLapMs = done.timeMs;
      const valid = done.invalidAtArc === undefined;
      if (valid && (car.bestLapMs === 0 || done.timeMs < car.bestLapMs)) {
        car.bestLapMs = done.timeMs;
        car.bestLapNum = done.lap;
      }
      if (valid && done.timeMs < this.fastestMs && done.kind !== "in" && done.kind !== "out") {
        this.fastestMs = done.timeMs;
        events.push({ code: "FTLP", vehicleIdx: car.index, lapTimeS: done.timeMs / 1000 });
      }
      car.lapStartPositions.push(car.position);
      newLap(car.consumables);
      idx++;
      if (this.plan.spec.session === "race" && !this.drsEnabled && done.lap === 2) {
        this.drsEnabled = true;
        events.push({ code: "DRSE" });
      }
    }
    this.lapIndex[car.index] = idx;
    const current = plan.laps[idx];
    const last = plan.laps[idx - 1];
    const finished = plan.finishTime !== undefined && t >= plan.finishTime;
    car.lap = finished ? (plan.finishedLaps as number) + 1 : piece.lap;
    const lapArc = m.raceArc - (piece.lap - 1) * track.arcM;
    car.lapDistanceM = lapDistanceOf(track, lapArc);
    car.totalDistanceM = lapDistanceOf(track, m.raceArc);
    const lapStart = current && t >= current.t0 ? current.t0 : last && !current ? last.t1 : undefined;
    car.currentLapMs = lapStart === undefined ? 0 : Math.round((t - lapStart) * 1000);
    const live = current && t >= current.t0 ? current : undefined;
    car.sector = !live ? this.sectorOf(car.lapDistanceM) : t < live.s2 ? 0 : t < live.s3 ? 1 : 2;
    car.sector1Ms = live && t >= live.s2 ? live.sectorsMs[0] : 0;
    car.sector2Ms = live && t >= live.s3 ? live.sectorsMs[1] : 0;
    const invalid = live?.invalidAtArc !== undefined && m.raceArc >= live.invalidAtArc;
    if (invalid && !car.lapInvalid && live.kind === "flying") car.cornerCuttingWarnings++;
    car.lapInvalid = invalid;
    const tyreLap = live ?? last ?? current;
    car.compound = tyreLap?.compound ?? car.compound;
    car.tyreAgeLaps = (tyreLap?.tyreAgeLaps ?? 0) + (live || !last ? 0 : 1);
    this.pitState(car, lapArc, t, dt);
    car.driverStatus = this.driverStatus(piece.kind);
    car.resultStatus = finished ? RESULT.finished : RESULT.active;
    this.kinematics(car, lapArc, dt);
  }

  private sectorOf(lapDistanceM: number): 0 | 1 | 2 {
    const { track } = this;
    return lapDistanceM < track.sector2M ? 0 : lapDistanceM < track.sector3M ? 1 : 2;
  }

  private pitState(car: CarFrame, lapArc: number, t: number, dt: number): void {
    const kind = car.motion.piece.kind;
    const arcM = this.track.arcM;
    const lane =
      (kind === "in" && lapArc >= arcM - PIT_ENTRY_M) || (kind === "out" && lapArc <= PIT_EXIT_M) || kind === "to-box";
    const inArea = kind === "box" || kind === "garage";
    const status = inArea ? PIT.inPitArea : lane ? PIT.pitting : PIT.none;
    if (status !== PIT.none && car.pitStatus === PIT.none) car.pitLaneTimeMs = 0;
    if (status !== PIT.none && kind !== "garage") car.pitLaneTimeMs += dt * 1000;
    car.pitStopTimerMs = kind === "box" ? Math.round((t - car.motion.piece.t0) * 1000) : 0;
    car.pitStatus = status;
  }

  private driverStatus(kind: string): number {
    if (kind === "garage") return DRIVER.garage;
    if (kind === "in" || kind === "to-box" || kind === "cool") return DRIVER.inLap;
    if (kind === "out" || kind === "box") return DRIVER.outLap;
    if (kind === "flying" && this.plan.spec.session !== "race") return DRIVER.flyingLap;
    return DRIVER.onTrack;
  }

  private kinematics(car: CarFrame, lapArc: number, dt: number): void {
    const { track, plan } = this;
    const m = car.motion;
    const p = pointAt(track, m.raceArc);
    car.controls = controlsFor(plan.spec.car, m.v, m.a, m.k, m.moving || m.piece.kind === "grid");
    // Off the racing line: the pit lane (ramped in and out over 80 m) and the staggered grid.
    let offset = 0;
    const kind = m.piece.kind;
    if (car.pitStatus !== PIT.none) {
      const ramp =
        kind === "in" ? (lapArc - (track.arcM - PIT_ENTRY_M)) / 80 : kind === "out" ? (PIT_EXIT_M - lapArc) / 80 : 1;
      offset = pitSide(track) * PIT_OFFSET_M * Math.min(1, Math.max(0, ramp));
    } else if (kind === "grid") offset = car.gridPosition % 2 === 1 ? -2 : 2;
    car.x = p.x - p.tz * offset;
    car.z = p.z + p.tx * offset;
    car.y = 0;
    car.fx = p.tx;
    car.fz = p.tz;
    // Positive lateral g turning right, the sign the game's captures show with positive steering.
    car.gLat = m.moving ? (m.v * m.v * m.k) / G : 0;
    car.gLong = m.moving ? m.a / G : 0;
    const c = car.controls;
    updateConsumables(car.consumables, {
      dt,
      metres: m.v * dt,
      lapM: track.arcM,
      v: m.v,
      gLat: car.gLat,
      throttle: c.throttle,
      brake: c.brake,
      compound: car.compound,
      tyreAgeLaps: car.tyreAgeLaps,
    });
    const zone = inZone(this.zones, ((lapArc % track.arcM) + track.arcM) % track.arcM, track.arcM);
    const race = plan.spec.session === "race";
    car.drsAllowed = !race || (this.drsEnabled && car.deltaToCarInFrontMs > 0 && car.deltaToCarInFrontMs < 1000);
    car.straight = zone && c.brake === 0 && car.pitStatus === PIT.none && m.moving && kind !== "out";
    car.drs = car.straight && car.drsAllowed;
  }

  /** Running order: race distance (frozen at the flag) in a race, best lap otherwise. */
  private rank(t: number, events: SimEvent[]): void {
    const { plan, track } = this;
    const race = plan.spec.session === "race";
    const key = (c: CarFrame) => {
      const p = plan.cars[c.index];
      if (!race) return [c.bestLapMs > 0 ? -c.bestLapMs : Number.NEGATIVE_INFINITY, -c.index];
      if (p?.finishTime !== undefined && t >= p.finishTime)
        return [(p.finishedLaps as number) * track.arcM, -p.finishTime];
      return [c.motion.raceArc, Number.NEGATIVE_INFINITY];
    };
    const keys = this.cars.map(key);
    const order = this.cars
      .map((c) => c.index)
      .sort((a, b) => {
        const [ka, kb] = [keys[a] as number[], keys[b] as number[]];
        return (kb[0] as number) - (ka[0] as number) || (kb[1] as number) - (ka[1] as number);
      });
    const before = this.cars.map((c) => c.position);
    order.forEach((i, rank) => {
      this.carAt(i).position = rank + 1;
    });
    if (race && t > plan.lightsOut && !this.flagShown) this.overtakes(before, events);
    this.order = order;
    if (race) this.gaps(t);
  }

  /** A car now ahead of one it was behind, both on track (a pit stop is not an overtake). */
  private overtakes(before: readonly number[], events: SimEvent[]): void {
    for (const a of this.cars) {
      if (a.position >= (before[a.index] as number) || a.pitStatus !== PIT.none) continue;
      for (const b of this.cars) {
        const passed = (before[b.index] as number) < (before[a.index] as number) && b.position > a.position;
        if (passed && b.pitStatus === PIT.none) {
          events.push({ code: "OVTK", vehicleIdx: a.index, otherVehicleIdx: b.index });
        }
      }
    }
  }

  private gaps(t: number): void {
    const leader = this.carAt(this.order[0] as number);
    for (let r = 0; r < this.order.length; r++) {
      const car = this.carAt(this.order[r] as number);
      const p = this.plan.cars[car.index];
      if (r === 0 || (p?.finishTime !== undefined && t >= p.finishTime) || t <= this.plan.lightsOut) {
        if (r === 0 || t <= this.plan.lightsOut) [car.deltaToCarInFrontMs, car.deltaToLeaderMs] = [0, 0];
        continue;
      }
      const ahead = this.carAt(this.order[r - 1] as number);
      const gap = (other: CarFrame) => {
        const when = timeAtArc0(this.plan.cars[other.index]?.pieces ?? [], car.motion.raceArc);
        return when === undefined ? 0 : Math.max(0, Math.round((t - when) * 1000));
      };
      car.deltaToCarInFrontMs = gap(ahead);
      car.deltaToLeaderMs = gap(leader);
    }
  }
}
