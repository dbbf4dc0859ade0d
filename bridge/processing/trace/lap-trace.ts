import { registerStateClass } from "../engine/state-codec.ts";
import { interpolate } from "./interpolate.ts";

export interface LapTraceJson {
  $class: "LapTrace";
  d: number[];
  t: number[];
  step: number;
}

/**
 * A lap as (lap distance -> elapsed lap time) samples, for live deltas and predictions by distance.
 * Samples are kept at most one per `stepM` metres so a 60 Hz lap costs a few hundred points, not thousands.
 * Distances must grow: a sample at or behind the last one is ignored (the car reversing, or a flashback the
 * caller has not reset for).
 */
export class LapTrace {
  private readonly distances: number[] = [];
  private readonly times: number[] = [];
  private readonly stepM: number;

  constructor(stepM = 5) {
    this.stepM = stepM;
  }

  get length(): number {
    return this.distances.length;
  }

  get lastDistanceM(): number {
    return this.distances[this.distances.length - 1] ?? Number.NEGATIVE_INFINITY;
  }

  add(distanceM: number, timeMs: number): void {
    if (!Number.isFinite(distanceM) || !Number.isFinite(timeMs) || distanceM < 0) return;
    const last = this.lastDistanceM;
    if (distanceM <= last) return;
    if (this.distances.length > 0 && distanceM - last < this.stepM) return;
    this.distances.push(distanceM);
    this.times.push(timeMs);
  }

  /** A flashback within the lap: forget the samples at or past `distanceM`. */
  truncate(distanceM: number): void {
    let n = this.distances.length;
    while (n > 0 && (this.distances[n - 1] as number) >= distanceM) n--;
    this.distances.length = n;
    this.times.length = n;
  }

  /** Elapsed time at a distance, linearly interpolated; undefined outside what the trace covers. */
  timeAt(distanceM: number): number | undefined {
    return interpolate(this.distances, this.times, distanceM);
  }

  toJSON(): LapTraceJson {
    return { $class: "LapTrace", d: this.distances, t: this.times, step: this.stepM };
  }

  static fromJSON(json: LapTraceJson): LapTrace {
    const trace = new LapTrace(json.step);
    trace.distances.push(...json.d);
    trace.times.push(...json.t);
    return trace;
  }
}

/**
 * A completed lap kept as a reference: its trace and its official time (the game's, which ends exactly at
 * the line, where the last sample falls a few metres short).
 */
export interface ReferenceLap {
  readonly lapTimeMs: number;
  readonly trace: LapTrace;
}

/** Live delta: how far ahead (negative) or behind (positive) the car is against the reference at this point. */
export function deltaTo(reference: ReferenceLap, distanceM: number, currentLapMs: number): number | undefined {
  const t = reference.trace.timeAt(distanceM);
  return t === undefined ? undefined : currentLapMs - t;
}

registerStateClass("LapTrace", (j) => LapTrace.fromJSON(j as unknown as LapTraceJson));
