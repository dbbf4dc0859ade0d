/**
 * OpenF1's `car_data`, `location` and `laps` (JSON or csv=true), one driver's lap: the lap's `date_start` and
 * `lap_duration` from laps, its samples from car_data (speed, throttle, brake, rpm, n_gear, drs) and location
 * (x, y, z). Lap distance is not in OpenF1: it is speed integrated over time.
 */
import { SlipstreamError } from "../../bridge/errors.ts";
import { type Channel, finishLap, MAX_EDGE_S, type RealLap, SeriesBuilder } from "./real-lap.ts";
import { numberOf, type Table } from "./table.ts";
import { dateSeconds } from "./times.ts";

export interface OpenF1Files {
  readonly carData: Table;
  readonly location: Table;
  readonly laps: Table;
}

const refuse = (message: string) => new SlipstreamError("unreadable-file", message);
const pedal = (v: number) => (v > 100 || v < 0 ? Number.NaN : v / 100);

/** Which of OpenF1's endpoints a table is, by its columns. */
export function openF1Kind(t: Table): keyof OpenF1Files | undefined {
  const has = (...c: string[]) => c.every((x) => t.columns.includes(x));
  if (has("date_start", "lap_duration")) return "laps";
  if (has("date", "speed")) return "carData";
  if (has("date", "x", "y")) return "location";
  return undefined;
}

function require(t: Table, what: string, columns: string[]): void {
  const missing = columns.filter((c) => !t.columns.includes(c));
  if (missing.length > 0) refuseMissing(t, what, missing);
  if (t.rows.length === 0) throw refuse(`OpenF1 ${what} ${t.file}: no rows`);
}
function refuseMissing(t: Table, what: string, missing: string[]): never {
  throw refuse(`OpenF1 ${what} ${t.file}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
}

/** Picks the driver (the only one, or `driver`) and the lap (the only timed one, or `lap`). */
function chooseLap(f: OpenF1Files, driver: number | undefined, lap: number | undefined) {
  const drivers = new Set(f.carData.rows.map((_, i) => numberOf(f.carData, i, "driver_number")));
  drivers.delete(Number.NaN);
  const chosenDriver = driver ?? (drivers.size === 1 ? [...drivers][0] : undefined);
  if (drivers.size > 1 && driver === undefined) {
    throw refuse(`OpenF1: car_data holds drivers ${[...drivers].join(", ")}; choose one with --driver`);
  }
  const rows = f.laps.rows
    .map((_, i) => i)
    .filter(
      (i) =>
        chosenDriver === undefined ||
        !f.laps.columns.includes("driver_number") ||
        numberOf(f.laps, i, "driver_number") === chosenDriver,
    )
    .filter((i) => lap === undefined || numberOf(f.laps, i, "lap_number") === lap)
    .filter((i) => Number.isFinite(numberOf(f.laps, i, "lap_duration")));
  if (rows.length !== 1) {
    const numbers = f.laps.rows.map((_, i) => numberOf(f.laps, i, "lap_number")).filter(Number.isFinite);
    const which = lap === undefined ? "" : ` lap ${lap}`;
    throw refuse(
      rows.length === 0
        ? `OpenF1 laps ${f.laps.file}: no timed${which} (lap_duration) for driver ${chosenDriver ?? "?"}`
        : `OpenF1 laps ${f.laps.file}: ${rows.length} timed laps (${numbers.join(", ")}); choose one with --lap`,
    );
  }
  const i = rows[0] as number;
  const start = dateSeconds(f.laps.rows[i]?.date_start);
  if (!Number.isFinite(start)) throw refuse(`${f.laps.where(i)}: date_start is no date`);
  return {
    driver: chosenDriver,
    start,
    duration: numberOf(f.laps, i, "lap_duration"),
    lap: numberOf(f.laps, i, "lap_number"),
  };
}

/** Adds a table's samples in [start - edge, start + duration + edge], checking dates and their order. */
function addSamples(
  t: Table,
  what: string,
  columns: readonly [Channel, string][],
  chosen: { driver: number | undefined; start: number; duration: number },
  builder: SeriesBuilder,
  skipped: Record<string, number>,
): void {
  let previous = Number.NEGATIVE_INFINITY;
  const hasDriver = t.columns.includes("driver_number");
  for (let i = 0; i < t.rows.length; i++) {
    if (hasDriver && chosen.driver !== undefined && numberOf(t, i, "driver_number") !== chosen.driver) continue;
    const date = dateSeconds(t.rows[i]?.date);
    if (!Number.isFinite(date)) throw refuse(`${t.where(i)}: date ${JSON.stringify(t.rows[i]?.date ?? "")} is no date`);
    if (date < previous) throw refuse(`OpenF1 ${what} ${t.where(i)}: dates go back; the samples must be in time order`);
    previous = date;
    const s = date - chosen.start;
    if (s < -MAX_EDGE_S || s > chosen.duration + MAX_EDGE_S) continue;
    for (const [channel, column] of columns) {
      if (!t.columns.includes(column)) continue;
      let v = numberOf(t, i, column);
      if (channel === "throttle" || channel === "brake") {
        const raw = v;
        v = pedal(v);
        if (Number.isNaN(v) && !Number.isNaN(raw)) skipped[channel] = (skipped[channel] ?? 0) + 1;
      } else if (channel === "drs" && !Number.isNaN(v)) v = v >= 10 && v <= 14 ? 1 : 0;
      builder.add(channel, s, v);
    }
  }
}

export function parseOpenF1(f: OpenF1Files, options: { driver?: number; lap?: number } = {}): RealLap {
  require(f.carData, "car_data", ["date", "speed"]);
  require(f.location, "location", ["date", "x", "y"]);
  require(f.laps, "laps", ["date_start", "lap_duration", "lap_number"]);
  const chosen = chooseLap(f, options.driver, options.lap);
  const builder = new SeriesBuilder();
  const skipped: Record<string, number> = {};
  const car: [Channel, string][] = [
    ["speed", "speed"],
    ["throttle", "throttle"],
    ["brake", "brake"],
    ["rpm", "rpm"],
    ["gear", "n_gear"],
    ["drs", "drs"],
  ];
  const location: [Channel, string][] = [
    ["x", "x"],
    ["y", "y"],
    ["z", "z"],
  ];
  // Positions first, then car data: SeriesBuilder keeps each channel's own order, so the two files may interleave.
  addSamples(f.location, "location", location, chosen, builder, skipped);
  addSamples(f.carData, "car_data", car, chosen, builder, skipped);
  const notes = [`driver ${chosen.driver ?? "?"}, lap ${chosen.lap}`];
  for (const [c, n] of Object.entries(skipped)) notes.push(`${n} ${c} values of 104 (no data) skipped`);
  return finishLap(`OpenF1 lap ${chosen.lap}`, chosen.duration, builder.build(), notes);
}
