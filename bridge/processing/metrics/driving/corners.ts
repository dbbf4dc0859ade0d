/** One corner of one lap: where the car was slowest, how slow, and where it started braking for it. */
export interface CornerPass {
  /** Lap distance of the slowest point. */
  readonly apexM: number;
  readonly minSpeedKmh: number;
  /** Lap distance where the brake first passed 10 % on the way in; absent for a lift without braking. */
  readonly brakeAtM?: number;
  /** Metres from the braking point to the apex. */
  readonly brakingM?: number;
}

/** A slowdown of at least this much from the last peak counts as a corner (a lift on a straight does not). */
const MIN_DROP_KMH = 25;
const BRAKE_ON = 0.1;

/**
 * Corners found from the data: the local minima of a lap's speed trace that follow a drop of MIN_DROP_KMH from
 * the previous peak and are followed by a rise as large. Samples must be in lap-distance order.
 */
export function findCorners(
  distanceM: readonly number[],
  speedKmh: readonly number[],
  brake: readonly number[],
): CornerPass[] {
  const corners: CornerPass[] = [];
  let peak = Number.NEGATIVE_INFINITY;
  let peakAt = 0;
  let min = Number.POSITIVE_INFINITY;
  let minAt = -1;
  let falling = false;
  for (let k = 0; k < speedKmh.length; k++) {
    const v = speedKmh[k] as number;
    if (!falling) {
      if (v >= peak) {
        peak = v;
        peakAt = k;
      } else if (peak - v >= MIN_DROP_KMH) {
        falling = true;
        min = v;
        minAt = k;
      }
    } else if (v < min) {
      min = v;
      minAt = k;
    } else if (v - min >= MIN_DROP_KMH) {
      corners.push(corner(distanceM, speedKmh, brake, peakAt, minAt));
      falling = false;
      peak = v;
      peakAt = k;
    }
  }
  return corners;
}

function corner(
  d: readonly number[],
  v: readonly number[],
  brake: readonly number[],
  from: number,
  apex: number,
): CornerPass {
  let brakeAt: number | undefined;
  for (let k = from; k <= apex; k++) {
    if ((brake[k] as number) >= BRAKE_ON) {
      brakeAt = d[k];
      break;
    }
  }
  const apexM = d[apex] as number;
  return {
    apexM,
    minSpeedKmh: v[apex] as number,
    brakeAtM: brakeAt,
    brakingM: brakeAt === undefined ? undefined : apexM - brakeAt,
  };
}

/** Numbers a lap's corners by the reference corners (the session's first clean lap) within `toleranceM`. */
export function matchCorners(
  reference: readonly number[],
  lap: readonly CornerPass[],
  toleranceM = 80,
): (CornerPass & { corner: number })[] {
  const out: (CornerPass & { corner: number })[] = [];
  for (const c of lap) {
    let best = -1;
    let bestGap = toleranceM;
    reference.forEach((apex, n) => {
      const gap = Math.abs(apex - c.apexM);
      if (gap <= bestGap) {
        bestGap = gap;
        best = n;
      }
    });
    if (best >= 0) out.push({ ...c, corner: best + 1 });
  }
  return out;
}

/** Standard deviation of lap times, the usual measure of consistency; undefined below three laps. */
export function consistencyMs(lapTimesMs: readonly number[]): number | undefined {
  const n = lapTimesMs.length;
  if (n < 3) return undefined;
  const mean = lapTimesMs.reduce((a, b) => a + b, 0) / n;
  const variance = lapTimesMs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return Math.round(Math.sqrt(variance));
}
