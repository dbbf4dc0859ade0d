/**
 * One lap of real car data, whatever layout it came in: each channel its own time series (FastF1 rows mix car
 * samples and position samples, OpenF1 keeps them in two files), times in seconds from the lap's start line.
 * Checked here once for every layout: a lap that cannot be imported faithfully is refused with the reason.
 */
import { SlipstreamError } from "../../bridge/errors.ts";

export type Channel = "speed" | "throttle" | "brake" | "rpm" | "gear" | "drs" | "x" | "y" | "z" | "distance";

/** Sample times (s from the lap start, non-decreasing) and values; no missing values inside. */
export interface Series {
  readonly t: readonly number[];
  readonly v: readonly number[];
}

export interface RealLap {
  /** "FastF1", "OpenF1"... for reports. */
  readonly layout: string;
  readonly lapTimeS: number;
  /** speed km/h, throttle and brake 0..1, rpm, gear, drs 0/1, x y z in 1/10 m, distance m from the lap start. */
  readonly channels: Partial<Record<Channel, Series>>;
  /** What the import had to note about the data (rows skipped as "no data", channels absent...). */
  readonly notes: string[];
}

/** Required: speed and a position. The rest is sent as 0 when absent (noted). */
const REQUIRED: readonly Channel[] = ["speed", "x", "y"];
/** Longest stretch without a sample of a required channel, and the most the samples may miss at either end. */
export const MAX_GAP_S = 2;
export const MAX_EDGE_S = 1;

const refuse = (message: string) => new SlipstreamError("unreadable-file", message);

/** Collects samples channel by channel; NaN (missing) values are skipped for that channel only. */
export class SeriesBuilder {
  private readonly data = new Map<Channel, { t: number[]; v: number[] }>();

  add(channel: Channel, t: number, v: number): void {
    if (Number.isNaN(v)) return;
    const s = this.data.get(channel) ?? { t: [], v: [] };
    this.data.set(channel, s);
    // Same time twice (FastF1's interpolated edge rows can coincide with a sample): the later row wins.
    if (s.t.length > 0 && s.t[s.t.length - 1] === t) s.v[s.v.length - 1] = v;
    else {
      s.t.push(t);
      s.v.push(v);
    }
  }

  build(): Partial<Record<Channel, Series>> {
    return Object.fromEntries(this.data);
  }
}

/** Checks a lap and completes it: distance from the data (its own column, else speed integrated over time). */
export function finishLap(layout: string, lapTimeS: number, built: Partial<Record<Channel, Series>>, notes: string[]) {
  if (!(lapTimeS >= 20 && lapTimeS <= 600)) {
    throw refuse(`${layout}: the lap lasts ${lapTimeS.toFixed(3)} s, not a lap (20 to 600 s); export one whole lap`);
  }
  const channels = { ...built };
  for (const c of REQUIRED) {
    const s = channels[c];
    if (!s || s.t.length < 2) {
      throw refuse(
        `${layout}: ${c === "speed" ? "Speed" : c.toUpperCase()} has ${s?.t.length ?? 0} samples (needs 2 or more)`,
      );
    }
    const first = s.t[0] as number;
    const last = s.t[s.t.length - 1] as number;
    if (first > MAX_EDGE_S || last < lapTimeS - MAX_EDGE_S) {
      throw refuse(
        `${layout}: ${c} covers ${first.toFixed(2)} to ${last.toFixed(2)} s of a ${lapTimeS.toFixed(3)} s lap; export the whole lap (samples within ${MAX_EDGE_S} s of its start and end)`,
      );
    }
    for (let i = 1; i < s.t.length; i++) {
      const gap = (s.t[i] as number) - (s.t[i - 1] as number);
      if (gap > MAX_GAP_S) {
        throw refuse(
          `${layout}: no ${c} sample from ${(s.t[i - 1] as number).toFixed(2)} to ${(s.t[i] as number).toFixed(2)} s (more than ${MAX_GAP_S} s)`,
        );
      }
    }
  }
  const d = channels.distance;
  if (d && d.t.length >= 2) {
    const d0 = valueAt(d, 0);
    channels.distance = { t: d.t, v: d.v.map((x) => x - d0) };
  } else {
    channels.distance = integrate(channels.speed as Series);
    notes.push("no Distance column: lap distance is Speed integrated over time (as FastF1's add_distance does)");
  }
  for (const c of ["throttle", "brake", "rpm", "gear", "drs", "z"] as const) {
    if (!channels[c]) notes.push(`no ${c} in the data: sent as 0`);
  }
  return { layout, lapTimeS, channels, notes } satisfies RealLap;
}

/** Trapezoidal integral of km/h over seconds, metres, from the lap start (t = 0). */
function integrate(speed: Series): Series {
  const t = [0, ...speed.t.filter((x) => x > 0)];
  const v = [0];
  for (let i = 1; i < t.length; i++) {
    const a = valueAt(speed, t[i - 1] as number);
    const b = valueAt(speed, t[i] as number);
    v.push((v[i - 1] as number) + ((a + b) / 2 / 3.6) * ((t[i] as number) - (t[i - 1] as number)));
  }
  return { t, v };
}

/** Index of the last sample at or before t (0 when t is before the first). */
function before(ts: readonly number[], t: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  if (t >= (ts[hi] as number)) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((ts[mid] as number) <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Linear interpolation at t; before the first sample or after the last, the nearest sample's value. */
export function valueAt(s: Series, t: number): number {
  const { t: ts, v } = s;
  if (t <= (ts[0] as number)) return v[0] as number;
  const i = before(ts, t);
  if (i === ts.length - 1) return v[i] as number;
  const f = (t - (ts[i] as number)) / ((ts[i + 1] as number) - (ts[i] as number));
  return (v[i] as number) + ((v[i + 1] as number) - (v[i] as number)) * f;
}

/** The value of the latest sample at or before t (gear and DRS: steps, never blends). */
export function stepAt(s: Series, t: number): number {
  return s.v[before(s.t, t)] as number;
}
