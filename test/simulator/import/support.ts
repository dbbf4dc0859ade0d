// Small exports built in the tests: a FastF1-layout CSV of a synthetic lap (any columns, any rows changed).
import { SlipstreamError } from "../../../bridge/errors.ts";
import { parseTable, type Table } from "../../../simulator/import/table.ts";

export const SAMPLES = new URL("../../../recordings/real-data/", import.meta.url).pathname;
export const FASTF1_FULL = `${SAMPLES}fastf1-monza-sim-lap.csv`;
export const FASTF1_SUBSET = `${SAMPLES}fastf1-monza-sim-lap-subset.csv`;
export const OPENF1 = ["car_data", "location", "laps"].map((k) => `${SAMPLES}openf1-monza-sim-${k}.json`);

export const pandasTime = (s: number) => {
  const ms = Math.round(s * 1000);
  const sec = Math.floor(ms / 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `0 days 00:${p(Math.floor(sec / 60))}:${p(sec % 60)}.${String(ms % 1000).padStart(3, "0")}000`;
};

export interface Row {
  t: number;
  [column: string]: string | number;
}

/** A 30 s lap, a row every 0.25 s: speed 100 + t km/h, throttle 50, brake False, X = 10 t, Y = t². */
export function syntheticRows(lapS = 30, step = 0.25): Row[] {
  const rows: Row[] = [];
  for (let k = 0; k * step <= lapS + 1e-9; k++) {
    const t = k * step;
    rows.push({ t, Speed: 100 + t, Throttle: 50, Brake: "False", RPM: 10_000, nGear: 5, DRS: 0, X: 10 * t, Y: t * t });
  }
  return rows;
}

export function csvOf(rows: readonly Row[], columns: readonly string[], time = (t: number) => pandasTime(t)): string {
  const lines = rows.map((r) => columns.map((c) => (c === "Time" ? time(r.t) : String(r[c] ?? ""))).join(","));
  return `${columns.join(",")}\n${lines.join("\n")}\n`;
}

export const COLUMNS = ["Time", "Speed", "Throttle", "Brake", "RPM", "nGear", "DRS", "X", "Y"];
export const table = (text: string, name = "test.csv"): Table => parseTable(text, name);

/** Runs f and returns the SlipstreamError it throws (fails the test when it throws nothing or something else). */
export function refusal(f: () => unknown): SlipstreamError {
  try {
    f();
  } catch (error) {
    if (error instanceof SlipstreamError) return error;
    throw error;
  }
  throw new Error("expected a SlipstreamError, nothing was thrown");
}
