// Smooth car motion at the display's frame rate from positions at 10-20 Hz: each car's recent samples on the
// game's session clock, drawn a little in the past (about 1.5 update intervals) and interpolated between the two
// samples around that instant. The session clock is mapped to the local clock by the earliest arrival seen
// recently, so network jitter delays a sample without making the cars stutter.
import type { PositionsMessage } from "../../../bridge/protocol/web.ts";

export interface Pose {
  readonly carIndex: number;
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly yaw: number;
  readonly speedKmh: number;
}

interface Sample {
  t: number;
  x: number;
  y: number;
  z: number;
  yaw: number;
  speed: number;
}

const KEEP = 8;
const OFFSETS = 60;

/** Shortest-way interpolation of angles (radians). */
export function lerpAngle(a: number, b: number, f: number): number {
  let d = (b - a) % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d < -Math.PI) d += 2 * Math.PI;
  return a + d * f;
}

export class Interpolator {
  private readonly cars = new Map<number, Sample[]>();
  private offsets: number[] = [];
  private lastT = Number.NEGATIVE_INFINITY;
  private intervalMs = 50;
  updates = 0;

  push(message: PositionsMessage, arrivedMs: number): void {
    const t = message.sessionTimeMs;
    if (t < this.lastT - 1000) this.reset(); // flashback, or a new session on the same UID
    if (t <= this.lastT) return;
    if (Number.isFinite(this.lastT)) this.intervalMs = 0.8 * this.intervalMs + 0.2 * Math.min(1000, t - this.lastT);
    this.lastT = t;
    this.updates++;
    this.offsets.push(arrivedMs - t);
    if (this.offsets.length > OFFSETS) this.offsets.shift();
    const seen = new Set<number>();
    for (const [carIndex, x, y, z, yaw, speed] of message.cars) {
      seen.add(carIndex);
      const samples = this.cars.get(carIndex) ?? [];
      if (samples.length === 0) this.cars.set(carIndex, samples);
      samples.push({ t, x, y, z, yaw, speed });
      if (samples.length > KEEP) samples.shift();
    }
    for (const carIndex of this.cars.keys()) if (!seen.has(carIndex)) this.cars.delete(carIndex);
  }

  reset(): void {
    this.cars.clear();
    this.offsets = [];
    this.lastT = Number.NEGATIVE_INFINITY;
  }

  get carCount(): number {
    return this.cars.size;
  }

  /** Every car's pose at local time `nowMs` (the same clock as push's arrivedMs). */
  poses(nowMs: number): Pose[] {
    if (this.offsets.length === 0) return [];
    const offset = Math.min(...this.offsets);
    const delay = Math.min(500, Math.max(40, 1.5 * this.intervalMs));
    const t = nowMs - offset - delay;
    const out: Pose[] = [];
    for (const [carIndex, samples] of this.cars) out.push(this.at(carIndex, samples, t));
    return out;
  }

  private at(carIndex: number, s: Sample[], t: number): Pose {
    let i = s.length - 1;
    while (i > 0 && (s[i - 1] as Sample).t > t) i--;
    const b = s[i] as Sample;
    const a = s[i - 1];
    if (!a || t >= b.t) return { carIndex, x: b.x, y: b.y, z: b.z, yaw: b.yaw, speedKmh: b.speed };
    const f = Math.max(0, Math.min(1, (t - a.t) / (b.t - a.t)));
    // A jump of more than 100 m between samples is a teleport (back to the pits, a reset): no sliding across.
    if (Math.hypot(b.x - a.x, b.z - a.z) > 100)
      return { carIndex, x: a.x, y: a.y, z: a.z, yaw: a.yaw, speedKmh: a.speed };
    return {
      carIndex,
      x: a.x + (b.x - a.x) * f,
      y: a.y + (b.y - a.y) * f,
      z: a.z + (b.z - a.z) * f,
      yaw: lerpAngle(a.yaw, b.yaw, f),
      speedKmh: a.speed + (b.speed - a.speed) * f,
    };
  }
}
