/**
 * Real positions (X, Y in 1/10 m, the timing feed's frame) onto the game's outline of the same circuit (X, Z in
 * metres): a similarity transform, game = s·R(θ)·(x, m·y) + t with m = ±1 (the real Y axis becomes the game's Z;
 * whether that mirrors depends on the two frames, so both are tried and the better kept).
 *
 * First guess: the point at a share u of the lap's distance pairs with the outline's point at share u of its
 * length (both start at the start line); solved in closed form (Umeyama's least squares). Then ICP: each point
 * pairs with its nearest outline point and the transform is solved again, until it stops moving. The residual is
 * each point's distance to the outline polyline.
 */
import { SlipstreamError } from "../../bridge/errors.ts";
import type { Track } from "../simulate/track.ts";

export interface Fit {
  /** Game metres per unit of the data (0.1 for 1/10 m). */
  readonly scale: number;
  readonly rotationRad: number;
  readonly mirrored: boolean;
  readonly tx: number;
  readonly tz: number;
  /** Distances of the fitted points to the outline, metres. */
  readonly rmsM: number;
  readonly p95M: number;
  readonly maxM: number;
}

/** Refused beyond this RMS: real racing lines stay within a few metres of the game's averaged line. */
export const MAX_RMS_M = 8;
/** The data's unit is 1/10 m; game outlines match real circuits to 0.6% (data/tracks/README.md). */
export const EXPECTED_SCALE = 0.1;
export const SCALE_TOLERANCE = 0.05;
const ICP_ROUNDS = 40;

export function applyFit(f: Fit, x: number, y: number): { x: number; z: number } {
  const c = Math.cos(f.rotationRad);
  const s = Math.sin(f.rotationRad);
  const my = f.mirrored ? -y : y;
  return { x: f.scale * (c * x - s * my) + f.tx, z: f.scale * (s * x + c * my) + f.tz };
}

type Solved = Pick<Fit, "scale" | "rotationRad" | "mirrored" | "tx" | "tz">;

/** Least-squares similarity (no reflection beyond `mirrored`) taking points p to q. */
function solve(px: number[], py: number[], qx: number[], qz: number[], mirrored: boolean): Solved {
  const n = px.length;
  const m = mirrored ? -1 : 1;
  let pxm = 0;
  let pym = 0;
  let qxm = 0;
  let qzm = 0;
  for (let i = 0; i < n; i++) {
    pxm += px[i] as number;
    pym += m * (py[i] as number);
    qxm += qx[i] as number;
    qzm += qz[i] as number;
  }
  [pxm, pym, qxm, qzm] = [pxm / n, pym / n, qxm / n, qzm / n];
  let a = 0;
  let b = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const X = (px[i] as number) - pxm;
    const Y = m * (py[i] as number) - pym;
    const U = (qx[i] as number) - qxm;
    const V = (qz[i] as number) - qzm;
    a += X * U + Y * V;
    b += X * V - Y * U;
    norm += X * X + Y * Y;
  }
  const rotationRad = Math.atan2(b, a);
  const scale = Math.hypot(a, b) / (norm || 1);
  const c = Math.cos(rotationRad);
  const s = Math.sin(rotationRad);
  return {
    scale,
    rotationRad,
    mirrored,
    tx: qxm - scale * (c * pxm - s * pym),
    tz: qzm - scale * (s * pxm + c * pym),
  };
}

/** Nearest outline vertex, and the distance to the polyline around it (the two segments that meet there). */
function nearest(track: Track, x: number, z: number): { i: number; d: number } {
  let best = 0;
  let bestD = Number.POSITIVE_INFINITY;
  for (let i = 0; i < track.n; i++) {
    const dx = (track.x[i] as number) - x;
    const dz = (track.z[i] as number) - z;
    const d = dx * dx + dz * dz;
    if (d < bestD) [best, bestD] = [i, d];
  }
  let d = Math.sqrt(bestD);
  for (const j of [(best + track.n - 1) % track.n, (best + 1) % track.n]) {
    d = Math.min(d, segmentDistance(track, best, j, x, z));
  }
  return { i: best, d };
}

function segmentDistance(track: Track, i: number, j: number, x: number, z: number): number {
  const ax = track.x[i] as number;
  const az = track.z[i] as number;
  const ux = (track.x[j] as number) - ax;
  const uz = (track.z[j] as number) - az;
  const f = Math.max(0, Math.min(1, ((x - ax) * ux + (z - az) * uz) / (ux * ux + uz * uz || 1)));
  return Math.hypot(ax + ux * f - x, az + uz * f - z);
}

function residuals(track: Track, f: Solved, px: number[], py: number[]): number[] {
  return px.map((x, i) => {
    const p = applyFit({ ...f, rmsM: 0, p95M: 0, maxM: 0 }, x, py[i] as number);
    return nearest(track, p.x, p.z).d;
  });
}

function icp(track: Track, px: number[], py: number[], fractions: number[], mirrored: boolean): Fit {
  const qx = fractions.map((u) => track.x[Math.round(u * track.n) % track.n] as number);
  const qz = fractions.map((u) => track.z[Math.round(u * track.n) % track.n] as number);
  let f = solve(px, py, qx, qz, mirrored);
  for (let round = 0; round < ICP_ROUNDS; round++) {
    for (let i = 0; i < px.length; i++) {
      const p = applyFit({ ...f, rmsM: 0, p95M: 0, maxM: 0 }, px[i] as number, py[i] as number);
      const k = nearest(track, p.x, p.z).i;
      qx[i] = track.x[k] as number;
      qz[i] = track.z[k] as number;
    }
    const next = solve(px, py, qx, qz, mirrored);
    const moved =
      Math.abs(next.tx - f.tx) + Math.abs(next.tz - f.tz) + Math.abs(next.rotationRad - f.rotationRad) * 1000;
    f = next;
    if (moved < 0.01) break;
  }
  const d = residuals(track, f, px, py).sort((a, b) => a - b);
  const rms = Math.sqrt(d.reduce((s, x) => s + x * x, 0) / d.length);
  return { ...f, rmsM: rms, p95M: d[Math.floor(0.95 * (d.length - 1))] as number, maxM: d[d.length - 1] as number };
}

/**
 * Fits positions onto the outline; `fractions` are each point's share of the lap distance. Refuses a fit whose
 * residual or scale says the data is not this circuit (or not in 1/10 m).
 */
export function fitToOutline(track: Track, px: number[], py: number[], fractions: number[]): Fit {
  const fits = [false, true].map((m) => icp(track, px, py, fractions, m));
  const fit = (fits[0] as Fit).rmsM <= (fits[1] as Fit).rmsM ? (fits[0] as Fit) : (fits[1] as Fit);
  const ratio = fit.scale / EXPECTED_SCALE;
  const summary = `RMS ${fit.rmsM.toFixed(1)} m, worst ${fit.maxM.toFixed(1)} m, scale ${fit.scale.toFixed(4)} m per unit`;
  if (fit.rmsM > MAX_RMS_M || Math.abs(ratio - 1) > SCALE_TOLERANCE) {
    throw new SlipstreamError(
      "invalid-config",
      `the positions do not fit ${track.name}'s outline (${summary}; a lap of this circuit in 1/10 m fits within ${MAX_RMS_M} m RMS at scale ${EXPECTED_SCALE} ±${SCALE_TOLERANCE * 100}%): is --track the circuit of this lap?`,
    );
  }
  return fit;
}
