import assert from "node:assert/strict";
import { test } from "node:test";
import { runMetric } from "../../../../bridge/processing/engine/run-metric.ts";
import { lapTiming } from "../../../../bridge/processing/metrics/timing/lap-timing.ts";
import type { ModelPacket, SessionPacket } from "../../../../bridge/processing/model/types.ts";
import { driveLaps, meta, telemetryAt } from "../model-builders.ts";

const TRACK = 5000;
const session = { kind: "session", meta: meta(0, 0), trackLengthM: TRACK } as SessionPacket;

function run(packets: ModelPacket[]) {
  return runMetric(lapTiming, [session, ...packets]);
}

test("completed laps carry the game's lap time, its sectors and a third sector that adds up", () => {
  const r = run(driveLaps([{ speed: 50 }, { speed: 49 }], TRACK, 330));
  const car0 = r.laps.filter((l) => l.carIndex === 0);
  assert.deepEqual(
    car0.map((l) => [l.lap, l.timeMs, l.sectorsMs]),
    [
      [1, 100_000, [33_333, 33_334, 33_333]],
      [2, 100_000, [33_333, 33_334, 33_333]],
      [3, 100_000, [33_333, 33_334, 33_333]],
    ],
  );
  const car1 = r.laps.filter((l) => l.carIndex === 1);
  assert.deepEqual(
    car1.map((l) => l.timeMs),
    [102_041, 102_041, 102_041],
  );
  assert.ok(r.laps.every((l) => l.valid));
});

test("personal and session bests: the first of equal laps holds them, a slower car never takes the session best", () => {
  const r = run(driveLaps([{ speed: (lap) => (lap === 2 ? 51 : 50) }, { speed: 49 }], TRACK, 330));
  const flags = r.laps.map((l) => `${l.carIndex}/${l.lap}:${l.personalBest ? "PB" : ""}${l.sessionBest ? "SB" : ""}`);
  assert.deepEqual(flags.sort(), ["0/1:PBSB", "0/2:PBSB", "0/3:", "1/1:PB", "1/2:", "1/3:"].sort());
  const lap2 = r.laps.find((l) => l.carIndex === 0 && l.lap === 2);
  assert.ok((lap2?.timeMs as number) < 99_000);
  assert.equal(r.car(0)?.bestLapMs, lap2?.timeMs);
  assert.equal(r.car(1)?.bestLapMs, 102_041);
});

test("an invalid lap is recorded as invalid and is never a best lap, however fast", () => {
  const r = run(driveLaps([{ speed: (lap) => (lap === 2 ? 55 : 50), invalidLaps: [2] }], TRACK, 310));
  const lap2 = r.laps.find((l) => l.lap === 2);
  assert.equal(lap2?.valid, false);
  assert.equal(lap2?.personalBest, false);
  assert.ok((lap2?.timeMs as number) < 95_000);
  const validTimes = r.laps.filter((l) => l.valid).map((l) => l.timeMs);
  assert.equal(validTimes.length, 2);
  assert.equal(r.car(0)?.bestLapMs, Math.min(...validTimes));
});

test("live deltas by lap distance: zero at the same pace, positive for a slower car against the session best", () => {
  const packets = driveLaps([{ speed: 50 }, { speed: 49 }], TRACK, 160);
  const r = run(packets);
  const own = r.car(0)?.deltaToBestMs as number;
  assert.ok(Math.abs(own) <= 20, `own delta ${own}`);
  const slower = r.car(1)?.deltaToSessionBestMs as number;
  // At 55.9 s into lap 2, car 1 is at 2,739 m, where car 0's best lap was at 54.78 s.
  assert.ok(slower > 900 && slower < 1300, `delta to session best ${slower}`);
  assert.equal(r.telemetry.get(0)?.lap, 2, "the player's car has its lap and delta on the telemetry feed");
});

test("the player's telemetry has this lap's sector times once each is done, none carried over from the last lap", () => {
  // 100 s laps of three equal sectors (33,333 ms, 33,334 ms, ...): lap 2 starts at 100 s.
  const laps = driveLaps([{ speed: 50 }], TRACK, 190);
  const sectorsAt = (seconds: number) => {
    const t = run(laps.filter((p) => p.meta.sessionTimeMs <= seconds * 1000)).telemetry.get(0);
    return [t?.lap, t?.sector1Ms, t?.sector2Ms];
  };
  assert.deepEqual(sectorsAt(90), [1, 33_333, 33_334]);
  assert.deepEqual(sectorsAt(110), [2, undefined, undefined]);
  assert.deepEqual(sectorsAt(150), [2, 33_333, undefined]);
  assert.deepEqual(sectorsAt(190), [2, 33_333, 33_334]);
});

test("predicts the lap in progress and scores the prediction on the lap record", () => {
  const r = run(driveLaps([{ speed: 50 }], TRACK, 250));
  const predicted = r.car(0)?.predictedLapMs as number;
  assert.ok(Math.abs(predicted - 100_000) <= 30, `predicted ${predicted}`);
  const lap2 = r.laps.find((l) => l.lap === 2);
  assert.ok(Math.abs(lap2?.predictionErrorMs as number) <= 30, `error ${lap2?.predictionErrorMs}`);
});

test("a flashback over the line undoes the lap; the lap completed again is recorded with its new time", () => {
  const first = driveLaps([{ speed: 50 }], TRACK, 120);
  const replayed = driveLaps([{ speed: 45 }], TRACK, 240).filter((p) => p.meta.sessionTimeMs >= 90_000);
  const r = run([...first, ...replayed]);
  assert.deepEqual(
    r.laps.map((l) => [l.lap, l.timeMs]),
    [
      [1, 100_000],
      [1, 111_111],
      [2, 111_111],
    ],
  );
  assert.equal(r.car(0)?.bestLapMs, 111_111, "the undone 100 s lap is no longer the best");
});

test("top speed per lap comes from the car's telemetry", () => {
  const laps = driveLaps([{ speed: 50 }], TRACK, 105);
  const withTelemetry = laps.flatMap((p, n) => [p, telemetryAt(p, [n === 3000 ? 312.5 : 180])]);
  const r = run(withTelemetry);
  assert.equal(r.laps[0]?.topSpeedKmh, 312.5);
});

test("joining mid-lap still records the lap the data shows completing, but never uses it as a reference", () => {
  const r = run(driveLaps([{ speed: 50 }], TRACK, 150).filter((p) => p.meta.sessionTimeMs >= 50_000));
  assert.deepEqual(
    r.laps.map((l) => [l.lap, l.timeMs]),
    [[1, 100_000]],
  );
  assert.equal(r.car(0)?.deltaToBestMs, undefined, "half a lap is no reference for deltas");
});
