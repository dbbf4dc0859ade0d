/**
 * The classic quasi-steady-state lap-time simulation: the cornering speed limit at every point from the curvature,
 * then a forward pass (traction and power limits) and a backward pass (braking limits), the speed being the lower
 * of the three. Distances are arc metres on the track's grid; the result gives speed, longitudinal acceleration and
 * elapsed time at every grid point. Between two points the car accelerates uniformly, so time -> distance and
 * distance -> time are exact inverses of each other (what keeps line-crossing times exact).
 */
import type { Track } from "./track.ts";

export const G = 9.81;

/** A 2020s F1 car, enough for plausible speeds and g-forces (lateral up to ~6 g, braking ~5 g, 340 km/h). */
export interface CarModel {
  /** Tyre friction coefficient. */
  readonly mu: number;
  /** Downforce as extra "g" per (m/s)^2: grip grows with v^2 (that is what lets an F1 car take fast corners). */
  readonly downforce: number;
  /** Aerodynamic drag deceleration per (m/s)^2. */
  readonly drag: number;
  /** Engine power per kg, W/kg. */
  readonly powerPerKg: number;
  readonly topSpeed: number;
  /** Friction used under braking, relative to mu (brakes and tyres together). */
  readonly brakeFactor: number;
}

export const F1_CAR: CarModel = {
  mu: 1.6,
  downforce: 0.0003,
  drag: 0.0011,
  powerPerKg: 930,
  topSpeed: 95,
  brakeFactor: 0.85,
};

/** Lateral acceleration the tyres can hold at speed v, m/s^2. */
export const lateralLimit = (car: CarModel, v: number) => car.mu * (G + car.downforce * G * v * v);

/** Highest speed through a corner of curvature k (1/m): v^2 k = mu (g + d g v^2). */
export function cornerSpeed(car: CarModel, k: number): number {
  const a = Math.abs(k) - car.mu * car.downforce * G;
  return a <= 0 ? car.topSpeed : Math.min(car.topSpeed, Math.sqrt((car.mu * G) / a));
}

/** Share of the friction circle left for the longitudinal direction at speed v in a corner of curvature k. */
function leftOver(car: CarModel, v: number, k: number): number {
  const used = (v * v * Math.abs(k)) / lateralLimit(car, v);
  return Math.sqrt(Math.max(0.15, 1 - used * used));
}

export function accelerationLimit(car: CarModel, v: number, k: number): number {
  const traction = lateralLimit(car, v) * leftOver(car, v, k);
  const power = car.powerPerKg / Math.max(v, 1);
  return Math.min(traction, power) - car.drag * v * v;
}

export function brakingLimit(car: CarModel, v: number, k: number): number {
  return lateralLimit(car, v) * car.brakeFactor * leftOver(car, v, k) + car.drag * v * v;
}

export interface Profile {
  /** Arc of point 0 (on the track's grid, any lap: the track wraps). */
  readonly arc0: number;
  readonly step: number;
  /** Speed, m/s. */
  readonly v: Float64Array;
  /** Longitudinal acceleration, m/s^2. */
  readonly a: Float64Array;
  /** Seconds from point 0. */
  readonly t: Float64Array;
  /** Signed curvature, 1/m. */
  readonly k: Float64Array;
}

export interface ProfileSpec {
  /** Grid index of the first point (negative: before the line; wraps). */
  readonly from: number;
  /** Number of grid steps. */
  readonly steps: number;
  /** Speed at the first point (0: standing start); the limits apply anyway. */
  readonly startV: number;
  /** Highest speed at the last point. */
  readonly endV: number;
  /** Extra speed cap at a grid offset from `from` (a pit lane limit, a stop). */
  readonly cap?: (i: number) => number;
}

export function buildProfile(track: Track, car: CarModel, spec: ProfileSpec): Profile {
  const m = spec.steps + 1;
  const step = track.stepM;
  const k = new Float64Array(m);
  const v = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    k[i] = track.curvature[(((spec.from + i) % track.n) + track.n) % track.n] as number;
    v[i] = Math.min(cornerSpeed(car, k[i] as number), spec.cap?.(i) ?? Number.POSITIVE_INFINITY);
  }
  v[0] = Math.min(v[0] as number, spec.startV);
  for (let i = 0; i + 1 < m; i++) {
    const vi = v[i] as number;
    const reach = Math.sqrt(Math.max(0, vi * vi + 2 * accelerationLimit(car, vi, k[i] as number) * step));
    if (reach < (v[i + 1] as number)) v[i + 1] = reach;
  }
  v[m - 1] = Math.min(v[m - 1] as number, spec.endV);
  for (let i = m - 1; i > 0; i--) {
    const vi = v[i] as number;
    const reach = Math.sqrt(vi * vi + 2 * brakingLimit(car, vi, k[i] as number) * step);
    if (reach < (v[i - 1] as number)) v[i - 1] = reach;
  }
  const t = new Float64Array(m);
  const a = new Float64Array(m);
  for (let i = 0; i + 1 < m; i++) {
    const v0 = v[i] as number;
    const v1 = v[i + 1] as number;
    t[i + 1] = (t[i] as number) + (2 * step) / Math.max(v0 + v1, 1e-9);
  }
  for (let i = 0; i < m; i++) {
    const lo = Math.max(0, i - 1);
    const hi = Math.min(m - 1, i + 1);
    const vl = v[lo] as number;
    const vh = v[hi] as number;
    a[i] = (vh * vh - vl * vl) / (2 * step * (hi - lo));
  }
  return { arc0: spec.from * step, step, v, a, t, k };
}

/** The periodic flying lap: the passes run over three laps and the middle one is kept, so its ends meet. */
export function flyingLap(track: Track, car: CarModel): Profile {
  const three = buildProfile(track, car, {
    from: -track.n,
    steps: 3 * track.n,
    startV: car.topSpeed,
    endV: car.topSpeed,
  });
  const slice = (a: Float64Array) => a.slice(track.n, 2 * track.n + 1);
  const t = slice(three.t);
  const t0 = t[0] as number;
  for (let i = 0; i < t.length; i++) t[i] = (t[i] as number) - t0;
  return { arc0: 0, step: three.step, v: slice(three.v), a: slice(three.a), t, k: slice(three.k) };
}

/** Seconds from point 0 to `rel` arc metres into the profile (uniform acceleration within a step). */
export function timeAtArc(p: Profile, rel: number): number {
  const last = p.v.length - 1;
  const i = Math.min(last - 1, Math.max(0, Math.floor(rel / p.step)));
  const d = rel - i * p.step;
  const v0 = p.v[i] as number;
  const v1 = p.v[i + 1] as number;
  const acc = (v1 * v1 - v0 * v0) / (2 * p.step);
  const vd = Math.sqrt(Math.max(0, v0 * v0 + 2 * acc * d));
  return (p.t[i] as number) + (v0 + vd > 0 ? (2 * d) / (v0 + vd) : 0);
}

export interface ProfileState {
  /** Arc metres from point 0. */
  rel: number;
  v: number;
  a: number;
  k: number;
}

/**
 * Where the car is `tau` seconds after point 0. `hint` is a grid index to start the search from (the caller's
 * previous answer: time only moves forward, so the search is a few steps).
 */
export function stateAtTime(p: Profile, tau: number, hint = 0): ProfileState & { index: number } {
  const last = p.v.length - 1;
  let i = Math.min(Math.max(0, hint), last - 1);
  while (i > 0 && (p.t[i] as number) > tau) i--;
  while (i < last - 1 && (p.t[i + 1] as number) <= tau) i++;
  const v0 = p.v[i] as number;
  const v1 = p.v[i + 1] as number;
  const acc = (v1 * v1 - v0 * v0) / (2 * p.step);
  const dt = Math.min(Math.max(0, tau - (p.t[i] as number)), (p.t[i + 1] as number) - (p.t[i] as number));
  const d = Math.min(p.step, v0 * dt + 0.5 * acc * dt * dt);
  const f = d / p.step;
  return {
    index: i,
    rel: i * p.step + d,
    v: Math.max(0, v0 + acc * dt),
    a: (p.a[i] as number) + ((p.a[i + 1] as number) - (p.a[i] as number)) * f,
    k: (p.k[i] as number) + ((p.k[i + 1] as number) - (p.k[i] as number)) * f,
  };
}
