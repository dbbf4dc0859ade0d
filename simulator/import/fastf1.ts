/**
 * FastF1's `Lap.get_telemetry()` saved with pandas' to_csv, whole or a subset of its columns. Times: `Time`
 * (from the lap start; FastF1 interpolates rows at the exact lap start and end), else `SessionTime`, else `Date`.
 * Rows mix car samples (`Source` car), position samples (pos) and FastF1's interpolated edges: each channel is read
 * from the rows that have a value for it. Throttle and Brake 104 mean "no data" and are skipped.
 */
import { SlipstreamError } from "../../bridge/errors.ts";
import { type Channel, finishLap, type RealLap, SeriesBuilder } from "./real-lap.ts";
import { columnOf, numberOf, type Table } from "./table.ts";
import { dateSeconds, durationSeconds } from "./times.ts";

const CHANNELS: readonly [Channel, string][] = [
  ["speed", "Speed"],
  ["throttle", "Throttle"],
  ["brake", "Brake"],
  ["rpm", "RPM"],
  ["gear", "nGear"],
  ["drs", "DRS"],
  ["x", "X"],
  ["y", "Y"],
  ["z", "Z"],
  ["distance", "Distance"],
];

/** Throttle and brake: 104 is the feed's "no data" marker (anything past 100 is treated alike). */
const pedal = (v: number) => (v > 100 || v < 0 ? Number.NaN : v / 100);
/** Brake: True/False (FastF1) or a 0-100 pressure reading (0/100 in OpenF1). */
const brake = (v: number) => (v === 0 || v === 1 ? v : pedal(v));
/** DRS: 10, 12 and 14 mean open (FastF1's documentation); 0-8 closed or only available. */
const drs = (v: number) => (v >= 10 && v <= 14 ? 1 : 0);

export function isFastF1(t: Table): boolean {
  return t.columns.includes("Speed") || t.columns.includes("nGear");
}

export function parseFastF1(t: Table): RealLap {
  const layout = `FastF1 ${t.file}`;
  if (t.rows.length === 0) throw new SlipstreamError("unreadable-file", `${layout}: no rows`);
  const timeColumn = columnOf(t, "Time", "SessionTime", "Date");
  const missing = ["Speed", "X", "Y"].filter((c) => !t.columns.includes(c));
  if (!timeColumn) missing.unshift("Time (or SessionTime or Date)");
  if (missing.length > 0) {
    throw new SlipstreamError(
      "unreadable-file",
      `${layout}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (has ${t.columns.filter(Boolean).join(", ") || "none"})`,
    );
  }
  const time = timeColumn as string;
  const read = time === "Date" ? dateSeconds : durationSeconds;
  const builder = new SeriesBuilder();
  const present = CHANNELS.filter(([, column]) => t.columns.includes(column));
  const skipped = { throttle: 0, brake: 0 };
  const sources = new Map<string, number>();
  let t0 = Number.NaN;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < t.rows.length; i++) {
    const raw = t.rows[i]?.[time];
    const abs = read(raw);
    if (!Number.isFinite(abs)) {
      throw new SlipstreamError("unreadable-file", `${t.where(i)}: ${time} ${JSON.stringify(raw ?? "")} is no time`);
    }
    if (abs < previous) {
      throw new SlipstreamError(
        "unreadable-file",
        `${t.where(i)}: ${time} goes back (${abs.toFixed(3)} after ${previous.toFixed(3)}); the rows must be in time order`,
      );
    }
    previous = abs;
    // Time counts from the lap start already (rows before it, if padded, are negative); the others are absolute.
    if (Number.isNaN(t0)) t0 = time === "Time" ? 0 : abs;
    const s = abs - t0;
    const source = String(t.rows[i]?.Source ?? "");
    if (source) sources.set(source, (sources.get(source) ?? 0) + 1);
    for (const [channel, column] of present) {
      let v = numberOf(t, i, column);
      if (channel === "throttle" || channel === "brake") {
        const raw2 = v;
        v = channel === "throttle" ? pedal(v) : brake(v);
        if (Number.isNaN(v) && !Number.isNaN(raw2)) skipped[channel]++;
      } else if (channel === "drs" && !Number.isNaN(v)) v = drs(v);
      builder.add(channel, s, v);
    }
  }
  const notes: string[] = [];
  if (sources.size > 0) notes.push(`rows by Source: ${[...sources].map(([k, n]) => `${k} ${n}`).join(", ")}`);
  for (const [c, n] of Object.entries(skipped)) if (n > 0) notes.push(`${n} ${c} values of 104 (no data) skipped`);
  return finishLap(layout, previous - t0, builder.build(), notes);
}
