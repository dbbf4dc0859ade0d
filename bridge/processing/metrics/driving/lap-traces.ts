import { defineMetric } from "../../engine/metric.ts";
import { registerStateClass, reviveAs } from "../../engine/state-codec.ts";
import type { LapDataCar } from "../../model/types.ts";

/** The lap distance going back more than this is a flashback (a car standing still jitters less). */
const REWIND_M = 30;
/** The finished lap is kept this far into the next one, for a flashback back over the line (they rewind seconds). */
const KEEP_FINISHED_MS = 60_000;
/** Per sample: distance, elapsed ms, speed as floats; throttle, brake, steer (x100) and gear as bytes. */
const F = 3;
const B = 4;
/**
 * Room for this many samples at first: small typed arrays live on V8's heap, where making one is cheap; each
 * buffer then doubles to the lap's length once and is reused lap after lap. (Starting at a lap's length cost a
 * 20-session run 15 % in garbage collection of the external buffers, for cars that may never move.)
 */
const FIRST_ROOM = 4;

/** One lap's samples in typed arrays that grow by doubling and are reused lap after lap: no per-sample objects. */
class TraceBuffer {
  lap = -1;
  n = 0;
  whole = false;
  invalid = false;
  floats = new Float32Array(F * FIRST_ROOM);
  bytes = new Int8Array(B * FIRST_ROOM);

  /** Not kept any more: nothing of it goes into checkpoints. */
  drop(): void {
    this.lap = -1;
    this.n = 0;
  }

  reset(lap: number, whole: boolean, invalid: boolean): void {
    this.lap = lap;
    this.n = 0;
    this.whole = whole;
    this.invalid = invalid;
  }

  get lastM(): number {
    return this.n > 0 ? (this.floats[(this.n - 1) * F] as number) : Number.NEGATIVE_INFINITY;
  }

  /** A flashback: forget the samples at or past `distanceM`. */
  cut(distanceM: number): void {
    while (this.n > 0 && (this.floats[(this.n - 1) * F] as number) >= distanceM) this.n--;
  }

  push(d: number, t: number, kmh: number, throttle: number, brake: number, steer: number, gear: number): void {
    if ((this.n + 1) * F > this.floats.length) {
      const floats = new Float32Array(this.floats.length * 2);
      floats.set(this.floats);
      this.floats = floats;
      const bytes = new Int8Array(this.bytes.length * 2);
      bytes.set(this.bytes);
      this.bytes = bytes;
    }
    const f = this.n * F;
    const b = this.n * B;
    this.floats[f] = d;
    this.floats[f + 1] = t;
    this.floats[f + 2] = kmh;
    this.bytes[b] = Math.round(throttle * 100);
    this.bytes[b + 1] = Math.round(brake * 100);
    this.bytes[b + 2] = Math.round(steer * 100);
    this.bytes[b + 3] = gear;
    this.n++;
  }

  /** The lap as the message's channels, rounded to what they mean (0.1 m, ms, km/h, 0.01 of pedal travel). */
  channels() {
    const { n, floats: f, bytes: b } = this;
    const col = (k: number, scale: number) =>
      Array.from({ length: n }, (_, i) => Math.round((f[i * F + k] as number) * scale) / scale);
    const byte = (k: number, scale: number) => Array.from({ length: n }, (_, i) => (b[i * B + k] as number) / scale);
    return {
      distanceM: col(0, 10),
      elapsedMs: col(1, 1),
      speedKmh: col(2, 10),
      throttle: byte(0, 100),
      brake: byte(1, 100),
      steer: byte(2, 100),
      gear: byte(3, 1),
    };
  }

  // Checkpoints carry the used bytes only (base64 through the state codec), not a JSON number per value.
  toJSON() {
    const { lap, n, whole, invalid } = this;
    const floats = new Uint8Array(this.floats.buffer, 0, n * F * 4);
    return {
      $class: "TraceBuffer",
      lap,
      n,
      whole,
      invalid,
      floats,
      bytes: new Uint8Array(this.bytes.buffer, 0, n * B),
    };
  }

  static fromJSON(j: {
    lap: number;
    n: number;
    whole: boolean;
    invalid: boolean;
    floats: Uint8Array;
    bytes: Uint8Array;
  }) {
    const t = new TraceBuffer();
    const n = Math.min(j.n, Math.floor(j.floats.length / (4 * F)), Math.floor(j.bytes.length / B));
    t.reset(j.lap, j.whole, j.invalid);
    const room = Math.max(FIRST_ROOM, 2 ** Math.ceil(Math.log2(n + 1)));
    t.floats = new Float32Array(F * room);
    t.floats.set(new Float32Array(j.floats.slice(0, n * F * 4).buffer));
    t.bytes = new Int8Array(B * room);
    t.bytes.set(new Int8Array(j.bytes.slice(0, n * B).buffer));
    t.n = n;
    return t;
  }
}

/** One car: the lap in progress, the lap just finished, and where the car is by its latest lap data. */
class CarTrace {
  current = new TraceBuffer();
  finished = new TraceBuffer();
  distanceM = Number.NaN;
  elapsedMs = 0;
  nextAtM = 0;
  /** A flashback happened: the next lap data says where the car is now. */
  rewound = false;

  constructor(
    readonly carIndex: number,
    readonly stepM: number,
  ) {}

  /** Where the car is; returns the lap it finished, if it crossed the line with a lap watched whole. */
  lapData(c: LapDataCar): TraceBuffer | undefined {
    const cur = this.current;
    this.distanceM = c.lapDistanceM;
    this.elapsedMs = c.currentLapMs;
    // Nearly every call: the same lap, going on.
    if (c.lapNumber === cur.lap && !this.rewound && !(c.lapDistanceM < cur.lastM - REWIND_M)) {
      if (c.lapInvalid) cur.invalid = true;
      if (this.finished.lap >= 0 && c.currentLapMs > KEEP_FINISHED_MS) this.finished.drop();
      return undefined;
    }
    let done: TraceBuffer | undefined;
    if (cur.lap < 0) {
      // Joining at the start of a lap (the grid, a pit exit) still sees the whole lap.
      cur.reset(c.lapNumber, c.currentLapMs <= 1000, c.lapInvalid);
    } else if (c.lapNumber === cur.lap + 1) {
      if (cur.whole && cur.n >= 2) done = cur;
      this.current = this.finished;
      this.finished = cur;
      this.current.reset(c.lapNumber, true, false);
    } else if (c.lapNumber === cur.lap - 1 && this.finished.lap === c.lapNumber && this.finished.n > 0) {
      // A flashback back over the line: carry on the finished lap from where the car is now.
      this.current = this.finished;
      this.finished = cur;
      this.finished.drop();
      this.rewound = true;
    } else if (c.lapNumber !== cur.lap) {
      cur.reset(c.lapNumber, false, c.lapInvalid);
    } else if (c.lapDistanceM < cur.lastM - REWIND_M) {
      this.rewound = true;
    }
    if (this.rewound) {
      this.rewound = false;
      this.current.cut(c.lapDistanceM);
      // After a flashback the game's own validity is the truth, not what the undone part latched.
      this.current.invalid = c.lapInvalid;
    }
    if (c.lapInvalid) this.current.invalid = true;
    const last = this.current.lastM;
    this.nextAtM = last === Number.NEGATIVE_INFINITY ? 0 : (Math.floor(last / this.stepM) + 1) * this.stepM;
    return done;
  }

  toJSON() {
    const { carIndex, stepM, current, finished, distanceM, elapsedMs, nextAtM, rewound } = this;
    return { $class: "CarTrace", carIndex, stepM, current, finished, distanceM, elapsedMs, nextAtM, rewound };
  }

  static fromJSON(j: ReturnType<CarTrace["toJSON"]>): CarTrace {
    const c = new CarTrace(j.carIndex, j.stepM);
    Object.assign(c, {
      current: reviveAs(TraceBuffer, j.current),
      finished: reviveAs(TraceBuffer, j.finished),
      distanceM: j.distanceM,
      elapsedMs: j.elapsedMs,
      nextAtM: j.nextAtM,
      rewound: j.rewound,
    });
    return c;
  }
}

registerStateClass("TraceBuffer", (j) => TraceBuffer.fromJSON(j as never));
registerStateClass("CarTrace", (j) => CarTrace.fromJSON(j as never));

/**
 * Lap traces for every car: speed, pedals, gear and steering against lap distance, the first telemetry sample at
 * or after every `stepM` metres, published when a lap watched from the line completes, with the lap's id and the
 * game's lap time. A flashback cuts the undone part, also back over the line; a lap joined mid-way has no trace.
 */
export function lapTraces(stepM = 10) {
  return defineMetric<Map<number, CarTrace>>({
    name: "lap-traces",
    init: () => new Map(),
    on: {
      lapData(cars, packet, { view, emit }) {
        // view.activeCarIndices() without its array: this runs for every lap data packet.
        for (let i = 0; i < packet.cars.length; i++) {
          const c = packet.cars[i];
          if (!c || c.resultStatus === undefined || c.resultStatus === "invalid" || c.resultStatus === "inactive")
            continue;
          let car = cars.get(i);
          if (!car) {
            car = new CarTrace(i, stepM);
            cars.set(i, car);
          }
          const done = car.lapData(c);
          if (!done || c.lastLapMs === undefined) continue;
          emit.trace({
            carIndex: i,
            driver: view.driverName(i),
            lap: done.lap,
            timeMs: c.lastLapMs,
            valid: !done.invalid,
            stepM: car.stepM,
            ...done.channels(),
          });
        }
      },
      telemetry(cars, packet) {
        for (const car of cars.values()) {
          const d = car.distanceM;
          if (!(d >= car.nextAtM)) continue; // also NaN: no lap data yet
          const t = packet.cars[car.carIndex];
          if (!t) continue;
          car.current.push(d, car.elapsedMs, t.speedKmh, t.throttle, t.brake, t.steer, t.gear);
          car.nextAtM = (Math.floor(d / car.stepM) + 1) * car.stepM;
        }
      },
    },
    rewind(cars) {
      for (const car of cars.values()) {
        car.rewound = true;
        car.distanceM = Number.NaN; // until the next lap data says where the car is now
      }
    },
  });
}
