import assert from "node:assert/strict";
import { test } from "node:test";
import { parseFastF1 } from "../../../simulator/import/fastf1.ts";
import { readLap } from "../../../simulator/import/import-lap.ts";
import { parseOpenF1 } from "../../../simulator/import/openf1.ts";
import { type Series, valueAt } from "../../../simulator/import/real-lap.ts";
import { readTable } from "../../../simulator/import/table.ts";
import { dateSeconds, durationSeconds } from "../../../simulator/import/times.ts";
import {
  COLUMNS,
  csvOf,
  FASTF1_FULL,
  FASTF1_SUBSET,
  OPENF1,
  pandasTime,
  refusal,
  syntheticRows,
  table,
} from "./support.ts";

const series = (s: Series | undefined) => s as Series;

test("times as pandas and the feeds write them", () => {
  assert.equal(durationSeconds("0 days 00:01:21.745000"), 81.745);
  assert.equal(durationSeconds("0 days 01:00:00"), 3600);
  assert.ok(Math.abs(durationSeconds("-1 days +23:59:59.800000") - -0.2) < 1e-9);
  assert.equal(durationSeconds("1:21.745"), 81.745);
  assert.equal(durationSeconds("81.745"), 81.745);
  assert.ok(Number.isNaN(durationSeconds("NaT")));
  assert.ok(Number.isNaN(durationSeconds("yesterday")));
  const a = dateSeconds("2024-09-01T13:01:43.273790+00:00");
  const b = dateSeconds("2024-09-01 13:01:43.273791");
  assert.ok(Math.abs(b - a - 1e-6) < 5e-7, "microseconds kept, no zone is UTC");
  assert.equal(dateSeconds("2024-09-01T15:01:43+02:00"), dateSeconds("2024-09-01T13:01:43Z"));
});

test("the full FastF1 layout: every column, mixed car/pos/interpolation rows, Distance taken from the data", () => {
  const lap = readLap([FASTF1_FULL]);
  assert.equal(lap.lapTimeS, 77.861);
  assert.ok(lap.notes.some((n) => /car 322/.test(n) && /pos 353/.test(n) && /interpolation 2/.test(n)));
  assert.ok(lap.notes.some((n) => /4 throttle values of 104/.test(n)));
  for (const c of ["speed", "throttle", "brake", "rpm", "gear", "drs", "x", "y", "z", "distance"] as const) {
    assert.ok(lap.channels[c], `${c} read`);
  }
  // Distance is FastF1's own column, made relative to the lap start.
  assert.ok(!lap.notes.some((n) => /no Distance/.test(n)));
  assert.equal(valueAt(series(lap.channels.distance), 0), 0);
  assert.ok(Math.abs(valueAt(series(lap.channels.distance), lap.lapTimeS) - 5764.9324) < 1e-6);
  assert.ok(
    series(lap.channels.throttle).v.every((v) => v >= 0 && v <= 1),
    "104 never read as a throttle",
  );
});

test("a subset of the columns reads, with distance integrated from Speed and absent channels noted", () => {
  const lap = readLap([FASTF1_SUBSET]);
  assert.equal(lap.lapTimeS, 77.861);
  assert.equal(lap.channels.z, undefined);
  assert.ok(lap.notes.some((n) => /no Distance column/.test(n)));
  assert.ok(lap.notes.some((n) => /no z/.test(n)));
  const full = readLap([FASTF1_FULL]);
  // The same integral as FastF1's add_distance over the same rows: within a metre over the lap.
  const d = (l: typeof lap) => valueAt(series(l.channels.distance), l.lapTimeS);
  assert.ok(Math.abs(d(lap) - d(full)) < 1, `${d(lap)} vs ${d(full)}`);
});

test("True/False brake, 104 throttle and brake, DRS codes", () => {
  const rows = syntheticRows();
  Object.assign(rows[4] as object, { Brake: "True", DRS: 12 });
  Object.assign(rows[5] as object, { Throttle: 104, Brake: 104 });
  Object.assign(rows[6] as object, { Brake: "True", DRS: 8 });
  const lap = parseFastF1(table(csvOf(rows, COLUMNS)));
  const brake = series(lap.channels.brake);
  const throttle = series(lap.channels.throttle);
  assert.equal(brake.v[4], 1);
  assert.equal(brake.v[0], 0);
  assert.equal(brake.t.length, rows.length - 1, "the 104 brake is skipped");
  assert.equal(throttle.t.length, rows.length - 1, "the 104 throttle is skipped");
  assert.equal(throttle.v[0], 0.5);
  assert.ok(!throttle.t.includes(1.25));
  assert.deepEqual(series(lap.channels.drs).v.slice(3, 8), [0, 1, 0, 0, 0], "12 is open, 8 only available");
  assert.ok(lap.notes.some((n) => /1 throttle values of 104/.test(n)));
  assert.ok(lap.notes.some((n) => /1 brake values of 104/.test(n)));
});

test("mixed rows: pos rows without car values and car rows without positions feed each channel separately", () => {
  const rows = syntheticRows().map((r, i) => ({ ...r, Source: i % 2 === 0 ? "car" : "pos" }));
  for (const [i, r] of rows.entries()) {
    if (i % 2 === 0) Object.assign(r, { X: "", Y: "" });
    else Object.assign(r, { Speed: "", Throttle: "", Brake: "", RPM: "", nGear: "", DRS: "" });
  }
  // Keep a position at both ends (the lap must be covered).
  Object.assign(rows[0] as object, { X: 0, Y: 0 });
  const lap = parseFastF1(table(csvOf(rows, [...COLUMNS, "Source"])));
  assert.equal(series(lap.channels.speed).t.length, Math.ceil(rows.length / 2));
  assert.equal(series(lap.channels.x).t.length, Math.floor(rows.length / 2) + 1);
  assert.equal(series(lap.channels.x).t[1], 0.25);
  assert.equal(series(lap.channels.speed).t[1], 0.5);
  assert.ok(lap.notes.some((n) => /car \d+, pos \d+/.test(n)));
});

test("SessionTime or Date stand in for Time; Time with padded negative rows keeps the lap start at 0", () => {
  const rows = syntheticRows();
  // SessionTime is absolute (here 10 minutes into the session): the lap counts from its first row.
  const bySession = csvOf(rows, COLUMNS, (t) => pandasTime(600 + t)).replace(/^Time,/, "SessionTime,");
  assert.equal(parseFastF1(table(bySession)).lapTimeS, 30);
  const byDate = csvOf(rows, COLUMNS, (t) => `2024-09-01 13:00:${(10 + t).toFixed(6).padStart(9, "0")}`).replace(
    /^Time,/,
    "Date,",
  );
  assert.equal(parseFastF1(table(byDate)).lapTimeS, 30);
  const padded = [{ ...rows[0], t: -0.2 } as (typeof rows)[number], ...rows];
  const withPad = parseFastF1(
    table(
      csvOf(padded, COLUMNS, (t) =>
        t < 0 ? "-1 days +23:59:59.800000" : `0 days 00:00:${t.toFixed(3).padStart(6, "0")}`,
      ),
    ),
  );
  assert.equal(withPad.lapTimeS, 30);
  assert.ok(Math.abs((series(withPad.channels.speed).t[0] as number) + 0.2) < 1e-9);
});

test("OpenF1 JSON and the same data as CSV give the same lap", () => {
  const json = readLap(OPENF1);
  assert.equal(json.lapTimeS, 77.861);
  assert.ok(json.notes.some((n) => /driver 81, lap 7/.test(n)));
  assert.ok((series(json.channels.speed).t[0] as number) < 0, "samples before the line are kept for interpolation");
  const asCsv = OPENF1.map((f) => {
    const t = readTable(f);
    const cols = t.columns;
    const text = `${cols.join(",")}\n${t.rows.map((r) => cols.map((c) => String(r[c] ?? "")).join(",")).join("\n")}\n`;
    return table(text, f.replace(".json", ".csv"));
  });
  const lap = parseOpenF1({ carData: asCsv[0], location: asCsv[1], laps: asCsv[2] } as never);
  assert.deepEqual(lap.channels, json.channels);
});

test("OpenF1: several drivers or laps need --driver / --lap, and a missing file is named", () => {
  const [car, loc, laps] = OPENF1.map(readTable) as [
    ReturnType<typeof readTable>,
    ReturnType<typeof readTable>,
    ReturnType<typeof readTable>,
  ];
  const twoLaps = { ...laps, rows: [...laps.rows, { ...laps.rows[0], lap_number: 8 }] };
  assert.match(
    refusal(() => parseOpenF1({ carData: car, location: loc, laps: twoLaps })).message,
    /2 timed laps \(7, 8\); choose one with --lap/,
  );
  assert.equal(parseOpenF1({ carData: car, location: loc, laps: twoLaps }, { lap: 7 }).lapTimeS, 77.861);
  const twoDrivers = { ...car, rows: [...car.rows, { ...car.rows[0], driver_number: 1 }] };
  assert.match(
    refusal(() => parseOpenF1({ carData: twoDrivers, location: loc, laps })).message,
    /drivers 81, 1; choose one with --driver/,
  );
  assert.equal(parseOpenF1({ carData: twoDrivers, location: loc, laps }, { driver: 81 }).lapTimeS, 77.861);
  assert.match(refusal(() => readLap([OPENF1[0] as string, OPENF1[2] as string])).message, /missing: location/);
});
