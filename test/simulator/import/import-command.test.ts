// End to end: a lap in each layout through `slipstream import` into a capture, then the project's analysis
// (bridge/processing/analyze, the live processing) must find the source's lap time and top speed.
//
// Tolerances: the lap time travels as lastLapTimeInMS, the data's lap time rounded to the ms, so it must match to
// 1 ms; the capture lasts the lap to within one frame (1/60 s) since frames fall on the game's 60 Hz grid. Top
// speed travels as Car Telemetry's whole km/h, and interpolation never exceeds the samples, so the analysed top
// speed is within 0.5 km/h of the data's highest sample when a frame lands near it (the samples' peak is a
// plateau at full throttle), and never above it by more than the rounding.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { decode, validateDatagram } from "../../../bridge/f1/decode.ts";
import { analyze } from "../../../bridge/processing/analyze/analyze.ts";
import { openInput } from "../../../simulator/capture/open-input.ts";
import { writeSamples } from "../../../simulator/import/make-samples.ts";
import { readTable } from "../../../simulator/import/table.ts";
import { runCli } from "../support/cli-process.ts";
import { FASTF1_FULL, FASTF1_SUBSET, OPENF1, SAMPLES } from "./support.ts";

const dir = mkdtempSync(join(tmpdir(), "slipstream-import-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(["import", ...args]);

async function entries(file: string) {
  const input = await openInput(file, { port: 20777 });
  const all: { timeUs: number; bytes: Uint8Array }[] = [];
  for await (const d of input) all.push({ timeUs: d.timeUs as number, bytes: d.bytes });
  return all;
}

const maxOf = (file: string, column: string) => {
  const t = readTable(file);
  return Math.max(...t.rows.map((r) => Number(r[column])).filter(Number.isFinite));
};

const LAYOUTS = [
  { name: "FastF1 full", files: [FASTF1_FULL], speed: () => maxOf(FASTF1_FULL, "Speed") },
  { name: "FastF1 subset", files: [FASTF1_SUBSET], speed: () => maxOf(FASTF1_SUBSET, "Speed") },
  { name: "OpenF1 JSON", files: [...OPENF1].reverse(), speed: () => maxOf(OPENF1[0] as string, "speed") },
];

for (const layout of LAYOUTS) {
  test(`${layout.name}: imported, then analysed: the source's lap time and top speed`, async () => {
    const out = join(dir, `${layout.name.replaceAll(" ", "-")}.slipcap`);
    const r = await cli([...layout.files, "--track", "monza", "--out", out]);
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.match(r.out.join("\n"), /lap 1:17\.9 \(77861 ms\)/);
    const fit = /fit on Monza: RMS (\d+\.\d+) m.*scale (0\.\d+) m per unit, rotation (-?\d+\.\d+)°, mirrored/.exec(
      r.out.join("\n"),
    );
    assert.ok(fit, r.out.join("\n"));
    assert.ok(Number(fit[1]) < 0.2, `fit RMS ${fit[1]} m`);
    const all = await entries(out);
    const lastUs = all.at(-1)?.timeUs as number;
    assert.ok(lastUs >= 77_861_000 && lastUs - 77_861_000 < 1e6 / 60, `capture ends at ${lastUs} µs`);
    const analysis = await analyze(
      (async function* () {
        yield* all;
      })(),
      { reorderWindowMs: 0 },
    );
    assert.equal(analysis.sessions.length, 1);
    const s = analysis.sessions[0] as (typeof analysis.sessions)[number];
    assert.deepEqual([s.track, s.sessionType, s.counts.rejected], ["Monza", "time-trial", 0]);
    const car = s.cars[0];
    assert.equal(car?.name, "Reference lap");
    assert.equal(car?.laps.length, 1);
    assert.ok(Math.abs((car?.laps[0]?.timeMs as number) - 77_861) <= 1, `lap ${car?.laps[0]?.timeMs} ms`);
    // The session ends on the frame that completes the lap: the best lap is still reported.
    assert.equal(car?.bestLapMs, car?.laps[0]?.timeMs);
    const source = layout.speed();
    assert.ok(Math.abs((car?.topSpeedKmh as number) - source) <= 0.5, `top ${car?.topSpeedKmh} vs ${source} km/h`);
  });
}

test("--join-session: that sessionUID, only this car's slot, nobody's player, no session packets", async () => {
  const out = join(dir, "join.slipcap");
  const r = await cli([
    FASTF1_SUBSET,
    "--track",
    "11",
    "--out",
    out,
    "--join-session",
    "1234567890123",
    "--car-index",
    "5",
    "--start-frame",
    "5000",
    "--start-session-time",
    "300",
  ]);
  assert.equal(r.code, 0, r.err.join("\n"));
  const all = await entries(out);
  const names = new Set<string>();
  for (const e of all) {
    const d = decode(e.bytes);
    assert.ok(d.ok);
    names.add(d.packet.name);
    assert.equal(d.packet.header.sessionUID, "1234567890123");
    assert.equal(d.packet.header.playerCarIndex, 255);
    assert.ok(d.packet.header.frameIdentifier >= 5000 && d.packet.header.sessionTime >= 300);
    if (d.packet.name === "motion") {
      const motion = d.packet.data.carMotionData as { worldPositionX: number }[];
      assert.ok(motion.every((c, i) => (i === 5) === (c.worldPositionX !== 0)));
    }
  }
  assert.deepEqual([...names].sort(), ["carStatus", "carTelemetry", "lapData", "motion"]);
  const analysis = await analyze(
    (async function* () {
      yield* all;
    })(),
    { reorderWindowMs: 0 },
  );
  const car = analysis.sessions[0]?.cars.find((c) => c.carIndex === 5);
  assert.equal(car?.laps[0]?.timeMs, 77_861);
});

test("exit codes: 1 for unreadable data, 2 for bad options, an unknown circuit or a lap that does not fit", async () => {
  const bad = await cli([join(SAMPLES, "../README.md"), "--track", "monza"]);
  assert.equal(bad.code, 1);
  assert.match(bad.err.join(""), /slipstream import: .*README\.md is not a readable CSV/);
  assert.equal((await cli([FASTF1_FULL])).code, 2);
  assert.equal((await cli(["--track", "monza"])).code, 2);
  const unknown = await cli([FASTF1_FULL, "--track", "atlantis"]);
  assert.equal(unknown.code, 2);
  const poor = await cli([FASTF1_FULL, "--track", "silverstone"]);
  assert.equal(poor.code, 2);
  assert.match(poor.err.join(""), /do not fit Silverstone's outline/);
  const slot = await cli([
    FASTF1_FULL,
    "--track",
    "monza",
    "--format",
    "2019",
    "--join-session",
    "1",
    "--car-index",
    "21",
  ]);
  assert.equal(slot.code, 2);
  assert.match(slot.err.join(""), /car slots 0 to 19/);
});

test("the samples in recordings/real-data are what make-samples.ts makes", () => {
  const fresh = join(dir, "samples");
  const made = writeSamples(fresh);
  assert.deepEqual(made, { lapTimeMs: 77_861, topSpeedKmh: 334 });
  for (const f of [
    "fastf1-monza-sim-lap.csv",
    "fastf1-monza-sim-lap-subset.csv",
    ...OPENF1.map((p) => p.split("/").at(-1) as string),
  ]) {
    assert.equal(readFileSync(join(fresh, f), "utf8"), readFileSync(join(SAMPLES, f), "utf8"), f);
  }
});

test("every imported datagram validates as the bridge checks it", async () => {
  const out = join(dir, "valid.slipcap");
  assert.equal(
    (await cli([FASTF1_FULL, "--track", "monza", "--format", "2026", "--rate", "20", "--out", out])).code,
    0,
  );
  const all = await entries(out);
  assert.ok(all.length > 1000);
  assert.ok(all.every((e) => validateDatagram(e.bytes).ok));
});
