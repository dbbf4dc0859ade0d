import { registerStateClass, reviveAs } from "../../engine/state-codec.ts";
import type { LapDataCar } from "../../model/types.ts";
import { LapTrace, type ReferenceLap } from "../../trace/lap-trace.ts";
import { type CornerPass, findCorners } from "../driving/corners.ts";

/** A lap the data showed completing: its time is the game's own (lastLapMs), never a sum of our samples. */
export interface CompletedLap {
  readonly lap: number;
  readonly timeMs: number;
  readonly sectorsMs: [number | null, number | null, number | null];
  readonly valid: boolean;
  /** Every sample of the lap was seen (we watched it from the line), so its trace can be a reference. */
  readonly whole: boolean;
  readonly topSpeedKmh?: number;
  readonly pitted: boolean;
  /** Corners found in this lap's speed trace (only for laps watched from the line). */
  readonly corners?: CornerPass[];
  /** 2026 cars: from the lap's Car Telemetry 2 samples. */
  readonly activeAero?: { straightPercent: number; overtakeActivePercent: number; overtakeUses: number };
}

/** Driving samples of the lap in progress, one per DRIVE_STEP_M of lap distance. */
const DRIVE_STEP_M = 5;

export type LapChange =
  | { readonly kind: "none" }
  | { readonly kind: "completed"; readonly lap: CompletedLap; readonly trace: LapTrace }
  /** A flashback took the car back over the line: laps from `fromLap` on are undone. */
  | { readonly kind: "rewound"; readonly fromLap: number };

/** How far back along the lap counts as a flashback rather than sensor noise at a standstill. */
const REWIND_M = 30;

/**
 * One car's laps as the lap data shows them: sectors and validity of the lap in progress, its distance-time
 * trace, top speed and pit visits, and the completion when the lap number steps on. Flashbacks rewind it.
 */
export class CarLaps {
  lap: number | undefined;
  laps: CompletedLap[] = [];
  trace = new LapTrace();
  private s1: number | undefined;
  private s2: number | undefined;
  private invalid = false;
  private pitted = false;
  private topSpeed = 0;
  private whole = false;
  private distance = Number.NEGATIVE_INFINITY;
  private drive = { d: [] as number[], v: [] as number[], b: [] as number[] };
  private aeroStats = { samples: 0, straight: 0, overtake: 0, uses: 0, wasOn: false };

  update(c: LapDataCar): LapChange {
    if (this.lap === undefined) {
      // Joining at the start of a lap (the grid, a pit exit) still sees the whole lap.
      this.start(c.lapNumber, c.currentLapMs <= 1000);
      this.sample(c);
      return { kind: "none" };
    }
    let change: LapChange = { kind: "none" };
    if (c.lapNumber > this.lap) {
      change = this.complete(c);
      this.start(c.lapNumber, c.lapNumber === this.lap + 1);
    } else if (c.lapNumber < this.lap) {
      this.laps = this.laps.filter((l) => l.lap < c.lapNumber);
      change = { kind: "rewound", fromLap: c.lapNumber };
      this.start(c.lapNumber, false);
    } else if (c.lapDistanceM < this.trace.lastDistanceM - REWIND_M) {
      this.trace.truncate(c.lapDistanceM);
      const keep = this.drive.d.findIndex((d) => d >= c.lapDistanceM);
      if (keep >= 0) for (const a of Object.values(this.drive)) a.length = keep;
    }
    this.sample(c);
    return change;
  }

  /** Called with every Car Telemetry 2 sample (2026): active aero mode and overtake mode. */
  aero(straight: boolean, overtakeOn: boolean): void {
    const a = this.aeroStats;
    a.samples++;
    if (straight) a.straight++;
    if (overtakeOn) a.overtake++;
    if (overtakeOn && !a.wasOn) a.uses++;
    a.wasOn = overtakeOn;
  }

  /** Called with every telemetry sample of this car, at the lap distance of its latest lap data. */
  telemetry(speedKmh: number, brake: number): void {
    if (speedKmh > this.topSpeed) this.topSpeed = speedKmh;
    const d = this.drive.d;
    const last = d[d.length - 1];
    if (this.distance < 0 || (last !== undefined && this.distance - last < DRIVE_STEP_M)) return;
    d.push(this.distance);
    this.drive.v.push(speedKmh);
    this.drive.b.push(brake);
  }

  best(): CompletedLap | undefined {
    let best: CompletedLap | undefined;
    for (const l of this.laps) if (l.valid && (!best || l.timeMs < best.timeMs)) best = l;
    return best;
  }

  reference(trace: LapTrace, lap: CompletedLap): ReferenceLap | undefined {
    return lap.whole && lap.valid ? { lapTimeMs: lap.timeMs, trace } : undefined;
  }

  private complete(c: LapDataCar): LapChange {
    const time = c.lastLapMs;
    const number = c.lapNumber - 1;
    if (time === undefined) return { kind: "none" };
    const followed = number === this.lap;
    const s1 = followed ? (this.s1 ?? null) : null;
    const s2 = followed ? (this.s2 ?? null) : null;
    const lap: CompletedLap = {
      lap: number,
      timeMs: time,
      sectorsMs: [s1, s2, s1 !== null && s2 !== null ? time - s1 - s2 : null],
      valid: followed ? !this.invalid : false,
      whole: followed && this.whole,
      topSpeedKmh: followed && this.topSpeed > 0 ? this.topSpeed : undefined,
      pitted: followed && this.pitted,
      corners: followed && this.whole ? findCorners(this.drive.d, this.drive.v, this.drive.b) : undefined,
      activeAero: followed ? this.aeroOfLap() : undefined,
    };
    this.laps = [...this.laps.filter((l) => l.lap !== number), lap];
    return { kind: "completed", lap, trace: this.trace };
  }

  private aeroOfLap(): CompletedLap["activeAero"] {
    const a = this.aeroStats;
    if (a.samples === 0) return undefined;
    const pct = (n: number) => Math.round((n / a.samples) * 1000) / 10;
    return { straightPercent: pct(a.straight), overtakeActivePercent: pct(a.overtake), overtakeUses: a.uses };
  }

  private start(lap: number, fromTheLine: boolean): void {
    this.lap = lap;
    this.s1 = undefined;
    this.s2 = undefined;
    this.invalid = false;
    this.pitted = false;
    this.topSpeed = 0;
    this.whole = fromTheLine;
    this.trace = new LapTrace();
    this.drive = { d: [], v: [], b: [] };
    // An overtake held through the line is not a new use on the next lap.
    this.aeroStats = { samples: 0, straight: 0, overtake: 0, uses: 0, wasOn: this.aeroStats?.wasOn ?? false };
  }

  private sample(c: LapDataCar): void {
    // Absent means not done yet, also after a flashback to an earlier sector.
    this.s1 = c.sector1Ms;
    this.s2 = c.sector2Ms;
    if (c.lapInvalid) this.invalid = true;
    if (c.pitStatus !== undefined && c.pitStatus !== "none") this.pitted = true;
    this.trace.add(c.lapDistanceM, c.currentLapMs);
    this.distance = c.lapDistanceM;
  }

  toJSON() {
    return {
      $class: "CarLaps",
      lap: this.lap,
      laps: this.laps,
      trace: this.trace,
      s1: this.s1,
      s2: this.s2,
      invalid: this.invalid,
      pitted: this.pitted,
      topSpeed: this.topSpeed,
      whole: this.whole,
      distance: this.distance,
      drive: this.drive,
      aeroStats: this.aeroStats,
    };
  }

  static fromJSON(j: ReturnType<CarLaps["toJSON"]>): CarLaps {
    const c = new CarLaps();
    const { $class: _, ...fields } = j;
    Object.assign(c, { ...fields, trace: reviveAs(LapTrace, j.trace) });
    return c;
  }
}

registerStateClass("CarLaps", (j) => CarLaps.fromJSON(j as unknown as ReturnType<CarLaps["toJSON"]>));
