/**
 * A circuit as the simulator drives it: the game's outline (data/tracks, 800 [X, Z] points of an averaged racing
 * line, index 0 at the start line) resampled by arc length, with a smoothed signed curvature, the game's lap length
 * and sector boundaries. Physics runs in arc metres (world metres, so speeds and positions agree); lap distance is
 * the game's measure, arc x lengthM / arcM (the averaged line is up to a few % shorter than the game's trackLength).
 */
import { readFileSync } from "node:fs";
import { SlipstreamError } from "../../bridge/errors.ts";

export interface Track {
  /** The outline's key, e.g. "Monza", "Sakhir_Bahrain". */
  readonly name: string;
  readonly trackId: number;
  /** The game's lap length (trackLength, lap distance of one lap), metres. */
  readonly lengthM: number;
  /** Length of the resampled outline, metres. */
  readonly arcM: number;
  readonly n: number;
  readonly stepM: number;
  readonly x: Float64Array;
  readonly z: Float64Array;
  /** Unit tangent (direction of travel). */
  readonly tx: Float64Array;
  readonly tz: Float64Array;
  /** Signed curvature, 1/m: positive turns towards the car's right, (-tz, tx). */
  readonly curvature: Float64Array;
  /** Lap distance where sectors 2 and 3 start. */
  readonly sector2M: number;
  readonly sector3M: number;
}

const DATA = new URL("../../data/tracks/", import.meta.url);
const cache = new Map<string, unknown>();
function json<T>(file: string): T {
  if (!cache.has(file)) cache.set(file, JSON.parse(readFileSync(new URL(file, DATA), "utf8")));
  return cache.get(file) as T;
}

interface Outlines {
  tracks: Record<string, { points_xz: [number, number][] }>;
}
interface Segments {
  track_length?: number;
  circuit_number?: number;
  sectors?: { s1: number; s2: number };
}
interface TrackIds {
  tracks: { id: number; name: string }[];
}

const normal = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
/** Outline names that differ from the trackId table's. */
const ALIASES: Record<string, string> = { losail: "lusail" };

/** The outline files to try for a packetFormat, nearest game first (circuits were rebuilt between games). */
function outlineFiles(packetFormat: number): string[] {
  const years = [2025, 2024, 2023];
  const first = Math.max(2023, Math.min(2025, packetFormat));
  return [first, ...years.filter((y) => y !== first)].map((y) => `f1_${y}_world_xz.json`);
}

/** Every circuit with an outline: [trackId, outline name]. */
export function knownTracks(): { trackId: number; name: string }[] {
  const names = new Set(outlineFiles(2025).flatMap((f) => Object.keys(json<Outlines>(f).tracks)));
  const ids = json<TrackIds>("track-ids.json").tracks;
  return [...names]
    .map((name) => ({ name, trackId: ids.find((t) => normal(t.name) === normal(name))?.id ?? -1 }))
    .filter((t) => t.trackId >= 0)
    .sort((a, b) => a.trackId - b.trackId);
}

/** Finds a circuit by trackId, outline name or game name (case and punctuation ignored, a unique prefix will do). */
export function findTrack(query: string): { trackId: number; name: string } {
  const known = knownTracks();
  const q = normal(query);
  const byId = /^\d+$/.test(query.trim()) ? known.find((t) => t.trackId === Number(query)) : undefined;
  const exact = known.filter((t) => normal(t.name) === q || normal(t.name).replace("sakhir", "") === q);
  const prefix = known.filter((t) => normal(t.name).includes(q));
  const found = byId ?? (exact.length === 1 ? exact[0] : prefix.length === 1 ? prefix[0] : undefined);
  if (!found) {
    const list = known.map((t) => `${t.name} (${t.trackId})`).join(", ");
    throw new SlipstreamError("invalid-config", `--track: ${JSON.stringify(query)} is not one of ${list}`);
  }
  return found;
}

function segmentsOf(name: string, trackId: number): Segments | undefined {
  const file = ALIASES[normal(name)] ?? name;
  for (const candidate of [file, name]) {
    try {
      const s = json<Segments>(`segments/${candidate[0]?.toUpperCase()}${candidate.slice(1)}.json`);
      if (s.circuit_number === undefined || s.circuit_number === trackId) return s;
    } catch {
      // no segments file for this circuit: thirds and the outline's own length
    }
  }
  return undefined;
}

/** Loads and prepares a circuit for a packetFormat (its game's outline when there is one). */
export function loadTrack(query: string, packetFormat = 2025, stepM = 2): Track {
  const { trackId, name } = findTrack(query);
  const file = outlineFiles(packetFormat).find((f) => json<Outlines>(f).tracks[name]);
  const points = json<Outlines>(file as string).tracks[name]?.points_xz ?? [];
  const { x, z, arcM } = resample(points, stepM);
  const n = x.length;
  smooth(x, 4);
  smooth(z, 4);
  const { tx, tz, curvature } = differentiate(x, z, arcM / n);
  // Averaging over ~30 m: the outline is an average of laps, so its raw curvature is noisy at the metre scale.
  smooth(curvature, Math.round(15 / (arcM / n)));
  const seg = segmentsOf(name, trackId);
  const lengthM = seg?.track_length ?? Math.round(arcM);
  const sectors = seg?.sectors;
  const valid = sectors && sectors.s1 > 0 && sectors.s1 < sectors.s2 && sectors.s2 < lengthM;
  return {
    name,
    trackId,
    lengthM,
    arcM,
    n,
    stepM: arcM / n,
    x,
    z,
    tx,
    tz,
    curvature,
    sector2M: valid ? sectors.s1 : lengthM / 3,
    sector3M: valid ? sectors.s2 : (2 * lengthM) / 3,
  };
}

/** The closed polygon resampled at equal arc steps (about stepM), starting at point 0 (the start line). */
function resample(points: readonly [number, number][], stepM: number) {
  const m = points.length;
  const cum = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) {
    const [ax, az] = points[i] as [number, number];
    const [bx, bz] = points[(i + 1) % m] as [number, number];
    cum[i + 1] = (cum[i] as number) + Math.hypot(bx - ax, bz - az);
  }
  const arcM = cum[m] as number;
  const n = Math.max(16, Math.round(arcM / stepM));
  const x = new Float64Array(n);
  const z = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const s = (i * arcM) / n;
    while ((cum[j + 1] as number) < s) j++;
    const f = (s - (cum[j] as number)) / ((cum[j + 1] as number) - (cum[j] as number) || 1);
    const [ax, az] = points[j % m] as [number, number];
    const [bx, bz] = points[(j + 1) % m] as [number, number];
    x[i] = ax + (bx - ax) * f;
    z[i] = az + (bz - az) * f;
  }
  return { x, z, arcM };
}

/** Periodic moving average of half-width w, three passes (close to a Gaussian). */
export function smooth(a: Float64Array, w: number): void {
  const n = a.length;
  if (w < 1) return;
  const tmp = new Float64Array(n);
  for (let pass = 0; pass < 3; pass++) {
    let sum = 0;
    for (let k = -w; k <= w; k++) sum += a[(k + n) % n] as number;
    for (let i = 0; i < n; i++) {
      tmp[i] = sum / (2 * w + 1);
      sum += (a[(i + w + 1) % n] as number) - (a[(i - w + n) % n] as number);
    }
    a.set(tmp);
  }
}

function differentiate(x: Float64Array, z: Float64Array, ds: number) {
  const n = x.length;
  const tx = new Float64Array(n);
  const tz = new Float64Array(n);
  const curvature = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const dx = (x[(i + 1) % n] as number) - (x[(i - 1 + n) % n] as number);
    const dz = (z[(i + 1) % n] as number) - (z[(i - 1 + n) % n] as number);
    const len = Math.hypot(dx, dz) || 1;
    tx[i] = dx / len;
    tz[i] = dz / len;
  }
  for (let i = 0; i < n; i++) {
    // Heading change between neighbours over 2 steps, measured towards the right vector (-tz, tx).
    const ax = tx[(i - 1 + n) % n] as number;
    const az = tz[(i - 1 + n) % n] as number;
    const bx = tx[(i + 1) % n] as number;
    const bz = tz[(i + 1) % n] as number;
    // b = a + e(-az, ax) (a turn towards the right vector) gives cross = e > 0.
    const cross = ax * bz - az * bx;
    const dot = ax * bx + az * bz;
    curvature[i] = Math.atan2(cross, dot) / (2 * ds);
  }
  return { tx, tz, curvature };
}

/** Arc metres of a lap distance, and back. */
export const arcOf = (t: Track, lapDistanceM: number) => (lapDistanceM * t.arcM) / t.lengthM;
export const lapDistanceOf = (t: Track, arc: number) => (arc * t.lengthM) / t.arcM;

/** Interpolated centre line at an arc position (any real number: wraps around the lap). */
export function pointAt(t: Track, arc: number): { x: number; z: number; tx: number; tz: number; curvature: number } {
  const u = ((((arc / t.stepM) % t.n) + t.n) % t.n) as number;
  const i = Math.floor(u);
  const j = (i + 1) % t.n;
  const f = u - i;
  const lerp = (a: Float64Array) => (a[i] as number) + ((a[j] as number) - (a[i] as number)) * f;
  const tx = lerp(t.tx);
  const tz = lerp(t.tz);
  const len = Math.hypot(tx, tz) || 1;
  return { x: lerp(t.x), z: lerp(t.z), tx: tx / len, tz: tz / len, curvature: lerp(t.curvature) };
}
