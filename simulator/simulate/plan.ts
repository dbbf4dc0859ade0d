/**
 * The whole session decided up front, from the seed: every car's pace, grid slot, laps (their time scale from pace,
 * fuel, tyre age and lap-to-lap noise), pit stop and finish. Frames are then only read off the plan, so line and
 * sector crossing times are exact and the ground truth is known before the first datagram.
 */
import { type Random, seededRandom } from "../replay/rng.ts";
import { drive, type Piece, stand, timeAtArc0 } from "./path.ts";
import { buildProfile, type CarModel, flyingLap, type Profile } from "./speed-profile.ts";
import type { Track } from "./track.ts";

export type SessionKind = "race" | "qualifying" | "time-trial";

export interface PlanSpec {
  readonly track: Track;
  readonly car: CarModel;
  readonly session: SessionKind;
  readonly cars: number;
  /** Race: laps to run; qualifying and time trial: flying laps per car (between an out-lap and an in-lap). */
  readonly laps: number;
  readonly seed: number;
  /** Races longer than this get one pit stop per car. */
  readonly pitAfterLaps: number;
}

export const PIT_LIMIT_KMH = 80;
const PIT_V = PIT_LIMIT_KMH / 3.6;
/** Pit lane: entry before the line, the box and the exit after it, metres of arc. */
export const PIT_ENTRY_M = 400;
export const PIT_BOX_M = 150;
export const PIT_EXIT_M = 400;
/** Race start: lights on one a second from 1 s, out between 5.5 and 6.5 s. */
export const FIRST_LIGHT_S = 1;
/** Fuel: kg per lap (the game's ~1.7 kg), and its cost in lap time. */
export const FUEL_PER_LAP_KG = 1.7;
const SECONDS_PER_KG = 0.03;
/** Cool-down after the flag: laps this much slower. */
const COOL_DOWN = 1.5;

export type Compound = "soft" | "medium" | "hard";
/** Lap time lost per lap of tyre age (linear), seconds. */
const DEGRADATION: Record<Compound, number> = { soft: 0.08, medium: 0.05, hard: 0.03 };

export interface PlannedLap {
  readonly lap: number;
  readonly kind: "start" | "flying" | "in" | "out";
  readonly t0: number;
  readonly t1: number;
  /** Session seconds at the start of sectors 2 and 3. */
  readonly s2: number;
  readonly s3: number;
  readonly timeMs: number;
  readonly sectorsMs: [number, number, number];
  /** Race arc where the lap becomes invalid (a corner cut), undefined for a valid lap. */
  readonly invalidAtArc: number | undefined;
  readonly compound: Compound;
  readonly tyreAgeLaps: number;
}

export interface CarPlan {
  readonly index: number;
  /** 1 = 1% slower than the car's best. */
  readonly pace: number;
  readonly gridPosition: number;
  readonly pieces: Piece[];
  /** Laps the data shows completing, in order. */
  readonly laps: PlannedLap[];
  readonly pitLap: number | undefined;
  readonly pitStopS: number;
  readonly fuelStartKg: number;
  /** Race: laps completed at the flag and the crossing time. */
  readonly finishedLaps: number | undefined;
  readonly finishTime: number | undefined;
}

export interface SessionPlan {
  readonly spec: PlanSpec;
  readonly flyingLapS: number;
  readonly cars: CarPlan[];
  readonly lightsOut: number;
  /** Race: when the leader took the flag. */
  readonly chequeredFlag: number | undefined;
  /** When the session ends (SEND, final classification). */
  readonly end: number;
}

interface Profiles {
  fly: Profile;
  inLap: Profile;
  outLap: Profile;
  garageOut: Profile;
  toBox: Profile;
  start: (slot: number) => Profile;
}

function profiles(track: Track, car: CarModel): Profiles {
  const n = track.n;
  const idx = (m: number) => Math.round(m / track.stepM);
  const fly = flyingLap(track, car);
  const v0 = fly.v[0] as number;
  const [entry, box, exit] = [n - idx(PIT_ENTRY_M), idx(PIT_BOX_M), idx(PIT_EXIT_M)];
  const starts = new Map<number, Profile>();
  return {
    fly,
    inLap: buildProfile(track, car, {
      from: 0,
      steps: n,
      startV: v0,
      endV: PIT_V,
      cap: (i) => (i >= entry ? PIT_V : 1e9),
    }),
    outLap: buildProfile(track, car, {
      from: 0,
      steps: n,
      startV: PIT_V,
      endV: v0,
      cap: (i) => (i === box ? 0 : i <= exit ? PIT_V : 1e9),
    }),
    garageOut: buildProfile(track, car, {
      from: box,
      steps: n - box,
      startV: 0,
      endV: v0,
      cap: (i) => (i + box <= exit ? PIT_V : 1e9),
    }),
    toBox: buildProfile(track, car, { from: 0, steps: box, startV: PIT_V, endV: 0, cap: () => PIT_V }),
    start: (slot) => {
      let p = starts.get(slot);
      if (!p) {
        p = buildProfile(track, car, { from: -slot, steps: n + slot, startV: 0, endV: v0 });
        starts.set(slot, p);
      }
      return p;
    },
  };
}

/** Grid slot of a grid position, in track steps behind the line: 8 m apart, the first 10 m back. */
export const gridSlotSteps = (track: Track, position: number) => Math.round((10 + (position - 1) * 8) / track.stepM);

export function planSession(spec: PlanSpec): SessionPlan {
  const rng = seededRandom(spec.seed);
  const P = profiles(spec.track, spec.car);
  const flyingLapS = P.fly.t[P.fly.t.length - 1] as number;
  const drivers = Array.from({ length: spec.cars }, () => ({
    pace: 1 + 0.02 * rng.next(),
    noise: 0.1 + 0.25 * rng.next(),
  }));
  if (spec.session === "race") return planRace(spec, rng, P, flyingLapS, drivers);
  return planTimed(spec, rng, P, flyingLapS, drivers);
}

type Driver = { pace: number; noise: number };

/** Normal(0, 1), Box-Muller. */
const gauss = (rng: Random) => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());

/** Appends a car's laps one after another, each starting where and when the previous one ended. */
class LapBuilder {
  readonly pieces: Piece[] = [];
  readonly laps: PlannedLap[] = [];
  /** Race: seconds stationary in the pit box. */
  pitStopS = 0;
  constructor(
    private readonly spec: PlanSpec,
    private readonly P: Profiles,
    private readonly flyingLapS: number,
  ) {}

  get t(): number {
    return this.pieces.at(-1)?.t1 ?? 0;
  }
  get arc(): number {
    return this.pieces.at(-1)?.arc1 ?? 0;
  }

  /** Appends one lap (its pieces and its record), `seconds` being its target time as a flying lap. */
  lap(lap: number, kind: PlannedLap["kind"], seconds: number, tyre: [Compound, number], invalidAt?: number): void {
    const { P } = this;
    const k = seconds / this.flyingLapS;
    const n = this.spec.track.n;
    const first = this.pieces.length;
    const [t0, arc0] = [this.t, this.arc];
    const piece = (kind2: Piece["kind"], p: Profile, i0: number, i1: number) =>
      this.pieces.push(drive(kind2, p, i0, i1, this.t, k, this.arc, lap));
    const slot = Math.round(-arc0 / this.spec.track.stepM);
    if (kind === "start") piece("start", P.start(slot), 0, n + slot);
    else if (kind === "in") piece("in", P.inLap, 0, n);
    else if (kind === "out" && this.spec.session === "race") {
      const box = Math.round(PIT_BOX_M / this.spec.track.stepM);
      piece("out", P.outLap, 0, box);
      this.pieces.push(stand("box", this.t, this.t + this.pitStopS, this.arc, lap));
      piece("out", P.outLap, box, n);
    } else if (kind === "out") piece("out", P.garageOut, 0, P.garageOut.v.length - 1);
    else piece("flying", P.fly, 0, n);
    const mine = this.pieces.slice(first);
    const lapStartArc = (lap - 1) * this.spec.track.arcM;
    const sectorTime = (m: number) => {
      const arc = lapStartArc + (m * this.spec.track.arcM) / this.spec.track.lengthM;
      return arc <= arc0 ? t0 : (timeAtArc0(mine, arc) as number);
    };
    const [s2, s3, t1] = [sectorTime(this.spec.track.sector2M), sectorTime(this.spec.track.sector3M), this.t];
    const timeMs = Math.round((t1 - t0) * 1000);
    const s1Ms = Math.round((s2 - t0) * 1000);
    const s2Ms = Math.round((s3 - s2) * 1000);
    this.laps.push({
      lap,
      kind,
      t0,
      t1,
      s2,
      s3,
      timeMs,
      sectorsMs: [s1Ms, s2Ms, timeMs - s1Ms - s2Ms],
      invalidAtArc: invalidAt === undefined ? undefined : lapStartArc + invalidAt * this.spec.track.arcM,
      compound: tyre[0],
      tyreAgeLaps: tyre[1],
    });
  }
}

function planRace(spec: PlanSpec, rng: Random, P: Profiles, flyingLapS: number, drivers: Driver[]): SessionPlan {
  const { track } = spec;
  const lightsOut = FIRST_LIGHT_S + 4.5 + rng.next();
  // The grid follows pace loosely, so faster cars start behind slower ones now and then: positions change.
  const order = drivers.map((d, i) => ({ i, key: d.pace + 0.006 * gauss(rng) })).sort((a, b) => a.key - b.key);
  const grid = new Map(order.map((o, position) => [o.i, position + 1]));
  const fuelStartKg = FUEL_PER_LAP_KG * spec.laps + 3;
  const plans = drivers.map((d, index) => {
    const pitLap =
      spec.laps > spec.pitAfterLaps
        ? Math.min(spec.laps - 1, Math.max(2, Math.round(spec.laps * (0.35 + 0.3 * rng.next()))))
        : undefined;
    const b = new LapBuilder(spec, P, flyingLapS);
    b.pitStopS = 2 + 1.5 * rng.next();
    const gridPosition = grid.get(index) as number;
    const slot = gridSlotSteps(track, gridPosition);
    b.pieces.push(stand("grid", 0, lightsOut, -slot * track.stepM, 1));
    let compound: Compound = "medium";
    let age = 0;
    for (let lap = 1; lap <= spec.laps; lap++) {
      const fuel = fuelStartKg - FUEL_PER_LAP_KG * (lap - 1);
      const seconds = flyingLapS * d.pace + fuel * SECONDS_PER_KG + DEGRADATION[compound] * age + d.noise * gauss(rng);
      const kind =
        lap === 1 ? "start" : lap === pitLap ? "in" : pitLap !== undefined && lap === pitLap + 1 ? "out" : "flying";
      const cut = kind === "flying" && rng.next() < 0.04 ? 0.1 + 0.8 * rng.next() : undefined;
      b.lap(lap, kind, seconds, [compound, age], cut);
      age++;
      if (kind === "in") [compound, age] = ["hard", 0];
    }
    return { index, d, b, pitLap, gridPosition, fuelStartKg };
  });
  // The flag falls when the leader completes the last lap; everyone else finishes at their next crossing.
  const flag = Math.min(...plans.map((p) => (p.b.laps.at(-1) as PlannedLap).t1));
  const cars = plans.map(({ index, d, b, pitLap, gridPosition, fuelStartKg: fuel }): CarPlan => {
    const last = b.laps.findIndex((l) => l.t1 >= flag - 1e-9);
    const finishedLaps = last + 1;
    const finish = b.laps[last] as PlannedLap;
    const pieces = b.pieces.filter((p) => p.t0 < finish.t1 || p.kind === "grid");
    // Two slow laps after the flag, then the car stops where it is.
    const cool = new LapBuilder(spec, P, flyingLapS);
    cool.pieces.push(...pieces);
    for (let lap = finishedLaps + 1; lap <= finishedLaps + 2; lap++) {
      cool.pieces.push(drive("cool", P.fly, 0, track.n, cool.t, COOL_DOWN * d.pace, cool.arc, lap));
    }
    return {
      index,
      pace: d.pace,
      gridPosition,
      pieces: cool.pieces,
      laps: b.laps.slice(0, finishedLaps),
      pitLap: pitLap !== undefined && pitLap < finishedLaps ? pitLap : undefined,
      pitStopS: b.pitStopS,
      fuelStartKg: fuel,
      finishedLaps,
      finishTime: finish.t1,
    };
  });
  const end = Math.max(...cars.map((c) => c.finishTime as number)) + 5;
  return { spec, flyingLapS, cars, lightsOut, chequeredFlag: flag, end };
}

function planTimed(spec: PlanSpec, rng: Random, P: Profiles, flyingLapS: number, drivers: Driver[]): SessionPlan {
  const { track } = spec;
  const boxArc = Math.round(PIT_BOX_M / track.stepM) * track.stepM;
  const fuelStartKg = 5 + FUEL_PER_LAP_KG * (spec.laps + 2);
  const cars = drivers.map((d, index): CarPlan => {
    const b = new LapBuilder(spec, P, flyingLapS);
    // Out of the garage one after another, about 5 s apart.
    const leave = 2 + index * 5 + rng.next();
    b.pieces.push(stand("garage", 0, leave, boxArc, 1));
    const base = flyingLapS * d.pace + fuelStartKg * SECONDS_PER_KG;
    b.lap(1, "out", base * 1.15, ["soft", 0], 0);
    for (let lap = 2; lap <= spec.laps + 1; lap++) {
      const cut = rng.next() < 0.08 ? 0.1 + 0.8 * rng.next() : undefined;
      b.lap(lap, "flying", base + d.noise * gauss(rng) + DEGRADATION.soft * (lap - 1), ["soft", lap - 1], cut);
    }
    b.lap(spec.laps + 2, "in", base * 1.3, ["soft", spec.laps + 1], 0);
    const k = (base * 1.3) / flyingLapS;
    b.pieces.push(drive("to-box", P.toBox, 0, P.toBox.v.length - 1, b.t, k, b.arc, spec.laps + 3));
    b.pieces.push(stand("garage", b.t, Number.POSITIVE_INFINITY, b.arc, spec.laps + 3));
    return {
      index,
      pace: d.pace,
      gridPosition: index + 1,
      pieces: b.pieces,
      laps: b.laps,
      pitLap: undefined,
      pitStopS: 0,
      fuelStartKg,
      finishedLaps: undefined,
      finishTime: undefined,
    };
  });
  const end = Math.max(...cars.map((c) => (c.pieces.at(-1) as Piece).t0)) + 3;
  return { spec, flyingLapS, cars, lightsOut: 0, chequeredFlag: undefined, end };
}
