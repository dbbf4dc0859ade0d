/**
 * A real lap at the game's rate. Frames at f / rate from the lap start, up to the first at or past the lap's end
 * (the frame that shows the lap completing). Nothing is invented beyond interpolation between samples:
 * - speed, throttle, brake, RPM and lap distance: linear (never beyond the samples either side);
 * - gear and DRS: the latest sample (steps, never blended);
 * - positions: cubic Hermite through the fitted samples (Catmull-Rom tangents), so a 4 Hz path turns smoothly
 *   instead of in 20 m straight pieces; heading and lateral g come from its derivative, longitudinal g from speed.
 * Before the first sample and after the last (at most MAX_EDGE_S, checked on import) the nearest sample is held.
 */
import { applyFit, type Fit } from "./fit.ts";
import { type RealLap, type Series, stepAt, valueAt } from "./real-lap.ts";

export interface LapFrame {
  /** Seconds from the lap start. */
  readonly t: number;
  readonly speedKmh: number;
  readonly throttle: number;
  readonly brake: number;
  readonly rpm: number;
  readonly gear: number;
  readonly drs: boolean;
  /** Lap distance from the data, metres. */
  readonly distanceM: number;
  /** Game world position (metres; Y up) and unit forward vector. */
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly fx: number;
  readonly fz: number;
  readonly gLat: number;
  readonly gLong: number;
  /** Signed path curvature, 1/m (positive: turning right). */
  readonly curvature: number;
}

const G = 9.81;

/** Cubic Hermite through points at times t (Catmull-Rom tangents for uneven spacing): position and velocity. */
export class HermitePath {
  private readonly mx: number[];
  private readonly mz: number[];

  constructor(
    readonly t: readonly number[],
    readonly x: readonly number[],
    readonly z: readonly number[],
  ) {
    const n = t.length;
    const tangent = (a: readonly number[], i: number) => {
      const lo = Math.max(0, i - 1);
      const hi = Math.min(n - 1, i + 1);
      return ((a[hi] as number) - (a[lo] as number)) / ((t[hi] as number) - (t[lo] as number));
    };
    this.mx = t.map((_, i) => tangent(x, i));
    this.mz = t.map((_, i) => tangent(z, i));
  }

  at(time: number): { x: number; z: number; vx: number; vz: number } {
    const { t } = this;
    const n = t.length;
    const tc = Math.min(Math.max(time, t[0] as number), t[n - 1] as number);
    let k = 0;
    let hi = n - 1;
    while (hi - k > 1) {
      const mid = (k + hi) >> 1;
      if ((t[mid] as number) <= tc) k = mid;
      else hi = mid;
    }
    const h = (t[k + 1] as number) - (t[k] as number);
    const s = (tc - (t[k] as number)) / h;
    const s2 = s * s;
    const s3 = s2 * s;
    const [h00, h10, h01, h11] = [2 * s3 - 3 * s2 + 1, s3 - 2 * s2 + s, -2 * s3 + 3 * s2, s3 - s2];
    const [d00, d10, d01, d11] = [6 * s2 - 6 * s, 3 * s2 - 4 * s + 1, -6 * s2 + 6 * s, 3 * s2 - 2 * s];
    const one = (p: readonly number[], m: readonly number[]) => {
      const [p0, p1, m0, m1] = [p[k] as number, p[k + 1] as number, m[k] as number, m[k + 1] as number];
      return {
        pos: h00 * p0 + h10 * h * m0 + h01 * p1 + h11 * h * m1,
        vel: (d00 * p0 + d10 * h * m0 + d01 * p1 + d11 * h * m1) / h,
      };
    };
    const X = one(this.x, this.mx);
    const Z = one(this.z, this.mz);
    return { x: X.pos, z: Z.pos, vx: X.vel, vz: Z.vel };
  }
}

/** The fitted path of a lap: every position sample through the fit. */
export function fittedPath(lap: RealLap, fit: Fit): HermitePath {
  const xs = lap.channels.x as Series;
  const ys = lap.channels.y as Series;
  const pts = xs.t.map((t, i) => applyFit(fit, xs.v[i] as number, valueAt(ys, t)));
  return new HermitePath(
    xs.t,
    pts.map((p) => p.x),
    pts.map((p) => p.z),
  );
}

export function resampleLap(lap: RealLap, fit: Fit, rateHz: number): LapFrame[] {
  const c = lap.channels;
  const path = fittedPath(lap, fit);
  const lin = (s: Series | undefined, t: number) => (s ? valueAt(s, t) : 0);
  const z0 = c.z ? valueAt(c.z, 0) : 0;
  const dt = 1 / rateHz;
  const frames: LapFrame[] = [];
  const count = Math.ceil(lap.lapTimeS * rateHz - 1e-9);
  let fx = 0;
  let fz = 1;
  for (let f = 0; f <= count; f++) {
    const t = f / rateHz;
    const p = path.at(t);
    const len = Math.hypot(p.vx, p.vz);
    // Standing still keeps the last heading (a zero velocity has none).
    if (len > 0.5) [fx, fz] = [p.vx / len, p.vz / len];
    const heading = (time: number) => {
      const q = path.at(time);
      return Math.atan2(q.vz, q.vx);
    };
    let dHeading = heading(t + dt / 2) - heading(t - dt / 2);
    dHeading = Math.atan2(Math.sin(dHeading), Math.cos(dHeading));
    const v = lin(c.speed, t) / 3.6;
    // Positive curvature turns towards the right vector (-fz, fx), as the simulator's track does.
    const curvature = v > 1 ? dHeading / dt / v : 0;
    frames.push({
      t,
      speedKmh: lin(c.speed, t),
      throttle: lin(c.throttle, t),
      brake: lin(c.brake, t),
      rpm: lin(c.rpm, t),
      gear: c.gear ? stepAt(c.gear, t) : 0,
      drs: c.drs ? stepAt(c.drs, t) > 0 : false,
      distanceM: Math.max(0, lin(c.distance, t)),
      x: p.x,
      y: c.z ? (valueAt(c.z, t) - z0) * fit.scale : 0,
      z: p.z,
      fx,
      fz,
      gLat: (v * v * curvature) / G,
      gLong: (lin(c.speed, t + dt / 2) - lin(c.speed, t - dt / 2)) / 3.6 / dt / G,
      curvature,
    });
  }
  return frames;
}
