// Every way an export can be unusable is refused with a SlipstreamError that says where and why, never a crash.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseFastF1 } from "../../../simulator/import/fastf1.ts";
import { readLap } from "../../../simulator/import/import-lap.ts";
import { parseOpenF1 } from "../../../simulator/import/openf1.ts";
import { readTable } from "../../../simulator/import/table.ts";
import { COLUMNS, csvOf, OPENF1, refusal, syntheticRows, table } from "./support.ts";

const fastF1 = (text: string) => refusal(() => parseFastF1(table(text)));

test("missing columns are listed", () => {
  const e = fastF1(csvOf(syntheticRows(), ["Time", "Speed", "Throttle"]));
  assert.equal(e.code, "unreadable-file");
  assert.match(e.message, /missing columns X, Y \(has Time, Speed, Throttle\)/);
  assert.match(
    fastF1(csvOf(syntheticRows(), ["Speed", "X", "Y"])).message,
    /missing column Time \(or SessionTime or Date\)/,
  );
});

test("empty data: no rows, an empty file", () => {
  assert.match(fastF1(`${COLUMNS.join(",")}\n`).message, /no rows/);
  assert.match(refusal(() => readLap(["/dev/null"])).message, /neither FastF1 telemetry .* \(columns: none\)/);
});

test("rows out of time order, with the line", () => {
  const rows = syntheticRows();
  [rows[10], rows[11]] = [rows[11] as never, rows[10] as never];
  assert.match(fastF1(csvOf(rows, COLUMNS)).message, /test\.csv line 13: Time goes back \(2\.500 after 2\.750\)/);
});

test("NaN: a row without a time, a channel without any value, text that is no number", () => {
  const rows = syntheticRows();
  const noTime = csvOf(rows, COLUMNS, (t) => (t === 1 ? "NaT" : `${t}`));
  assert.match(fastF1(noTime).message, /line 6: Time "NaT" is no time/);
  const noSpeed = csvOf(
    rows.map((r) => ({ ...r, Speed: "NaN" })),
    COLUMNS,
  );
  assert.match(fastF1(noSpeed).message, /Speed has 0 samples/);
  const text = csvOf(
    rows.map((r, i) => (i === 3 ? { ...r, RPM: "fast" } : r)),
    COLUMNS,
  );
  assert.match(fastF1(text).message, /line 5, column RPM: "fast" is not a number/);
});

test("data that is not one whole lap: too short, not covering the lap, a gap", () => {
  assert.match(fastF1(csvOf(syntheticRows(5), COLUMNS)).message, /lasts 5\.000 s, not a lap/);
  const late = syntheticRows().map((r) => (r.t < 3 ? { ...r, X: "", Y: "" } : r));
  assert.match(fastF1(csvOf(late, COLUMNS)).message, /x covers 3\.00 to 30\.00 s of a 30\.000 s lap/);
  const gap = syntheticRows().map((r) => (r.t > 10 && r.t < 13 ? { ...r, Speed: "" } : r));
  assert.match(fastF1(csvOf(gap, COLUMNS)).message, /no speed sample from 10\.00 to 13\.00 s/);
});

test("files that are no table: ragged CSV, JSON that is not an array of objects, a missing file", () => {
  assert.match(refusal(() => table("a,b\n1,2,3\n")).message, /not a readable CSV: .*line 2/);
  assert.match(refusal(() => table('{"x": 1}', "t.json")).message, /expected a JSON array of objects/);
  assert.match(refusal(() => table("[1, 2]", "t.json")).message, /expected a JSON array of objects/);
  assert.match(refusal(() => table("[{", "t.json")).message, /t\.json is not valid JSON/);
  assert.match(refusal(() => readTable("/nonexistent/lap.csv")).message, /cannot read \/nonexistent\/lap\.csv/);
});

test("OpenF1: dates out of order, no timed lap, a laps file without its columns", () => {
  const [car, loc, laps] = OPENF1.map(readTable) as [
    ReturnType<typeof readTable>,
    ReturnType<typeof readTable>,
    ReturnType<typeof readTable>,
  ];
  const rows = [...car.rows];
  [rows[5], rows[6]] = [rows[6] as never, rows[5] as never];
  assert.match(
    refusal(() => parseOpenF1({ carData: { ...car, rows }, location: loc, laps })).message,
    /car_data .* element 6: dates go back/,
  );
  const untimed = { ...laps, rows: laps.rows.map((r) => ({ ...r, lap_duration: null })) };
  assert.match(
    refusal(() => parseOpenF1({ carData: car, location: loc, laps: untimed })).message,
    /no timed \(lap_duration\)/,
  );
  const bare = { ...laps, columns: ["date_start", "lap_duration"] };
  assert.match(
    refusal(() => parseOpenF1({ carData: car, location: loc, laps: bare })).message,
    /laps .*missing column lap_number/,
  );
});
