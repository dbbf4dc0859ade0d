// Where the track is: the game's outline for F1 23-25 (web/build/tracks.ts publishes data/tracks as
// tracks/<year>/<trackId>.json; MIT, licence beside them), else learned from where the cars drive.
// Outlines are [X, Z] in game metres; heights are learned from the cars either way.

export interface Outline {
  readonly points: readonly (readonly [number, number])[];
  readonly startFinish?: readonly (readonly [number, number])[];
  readonly name?: string;
}

/** Which game's outline file serves a packetFormat: 2023-2025 as themselves, 2026 (F1 25's season pack) as 2025. */
export function outlineYear(packetFormat: number | undefined): number | undefined {
  if (packetFormat === undefined) return undefined;
  if (packetFormat >= 2023 && packetFormat <= 2025) return packetFormat;
  if (packetFormat === 2026) return 2025;
  return undefined;
}

export async function loadOutline(packetFormat: number | undefined, trackId: number | undefined) {
  const year = outlineYear(packetFormat);
  if (year === undefined || trackId === undefined || trackId < 0) return undefined;
  try {
    const response = await fetch(new URL(`tracks/${year}/${trackId}.json`, document.baseURI));
    if (!response.ok) return undefined;
    const body = (await response.json()) as Outline;
    return Array.isArray(body.points) && body.points.length > 10 ? body : undefined;
  } catch {
    return undefined;
  }
}

/** A track drawn from the cars' own positions: one point per 4 m cell they have driven through. */
export class LearnedTrack {
  readonly max = 30_000;
  readonly xyz = new Float32Array(this.max * 3);
  count = 0;
  version = 0;
  private readonly cells = new Set<number>();

  add(x: number, y: number, z: number): void {
    if (this.count >= this.max || (x === 0 && z === 0)) return;
    const key = Math.round(x / 4) * 100_003 + Math.round(z / 4);
    if (this.cells.has(key)) return;
    this.cells.add(key);
    this.xyz.set([x, y, z], this.count * 3);
    this.count++;
    this.version++;
  }
}

/** Heights along an outline, learned from the cars nearest each point; unknown points interpolated. */
export class OutlineHeights {
  readonly heights: Float32Array;
  private readonly known: Uint8Array;
  private readonly hints = new Map<number, number>();
  dirty = false;

  constructor(private readonly outline: Outline) {
    this.heights = new Float32Array(outline.points.length);
    this.known = new Uint8Array(outline.points.length);
  }

  learn(carIndex: number, x: number, y: number, z: number): void {
    const pts = this.outline.points;
    const n = pts.length;
    const hint = this.hints.get(carIndex);
    const from = hint === undefined ? 0 : hint - 15;
    const to = hint === undefined ? n : hint + 15;
    let best = -1;
    let bestD = 400; // within 20 m of the line
    for (let j = from; j < to; j++) {
      const i = ((j % n) + n) % n;
      const p = pts[i] as readonly [number, number];
      const d = (p[0] - x) ** 2 + (p[1] - z) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best < 0) {
      this.hints.delete(carIndex);
      return;
    }
    this.hints.set(carIndex, best);
    const was = this.known[best] ? (this.heights[best] as number) : y;
    this.heights[best] = 0.7 * was + 0.3 * y;
    this.known[best] = 1;
    this.dirty = true;
  }

  /** Fills unknown points linearly between known ones (around the loop); all zero until one is known. */
  fill(): void {
    const n = this.heights.length;
    const knownAt: number[] = [];
    for (let i = 0; i < n; i++) if (this.known[i]) knownAt.push(i);
    if (knownAt.length === 0) return;
    for (let k = 0; k < knownAt.length; k++) {
      const a = knownAt[k] as number;
      const b = knownAt[(k + 1) % knownAt.length] as number;
      const span = (b - a + n) % n || n;
      for (let s = 1; s < span; s++) {
        const f = s / span;
        this.heights[(a + s) % n] = (this.heights[a] as number) * (1 - f) + (this.heights[b] as number) * f;
      }
    }
    this.dirty = false;
  }
}
