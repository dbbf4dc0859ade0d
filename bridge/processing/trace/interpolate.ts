/**
 * y at x, linearly interpolated between samples with ascending xs (binary search); undefined outside them.
 * Lap traces (distance -> lap time) and race-distance logs (distance -> session time) both read this way.
 */
export function interpolate(xs: readonly number[], ys: readonly number[], x: number): number | undefined {
  const n = xs.length;
  if (n === 0 || x < (xs[0] as number) || x > (xs[n - 1] as number)) return undefined;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) <= x) lo = mid;
    else hi = mid;
  }
  const x0 = xs[lo] as number;
  const x1 = xs[hi] as number;
  const y0 = ys[lo] as number;
  return x1 === x0 ? y0 : y0 + (((ys[hi] as number) - y0) * (x - x0)) / (x1 - x0);
}
