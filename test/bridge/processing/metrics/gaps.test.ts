import assert from "node:assert/strict";
import { test } from "node:test";
import { runMetric } from "../../../../bridge/processing/engine/run-metric.ts";
import { gaps } from "../../../../bridge/processing/metrics/timing/gaps.ts";
import type { LapDataPacket } from "../../../../bridge/processing/model/types.ts";
import { driveLaps, lapCar, lapDataOf, meta, sessionOf, withFormat } from "../model-builders.ts";

const TRACK = 5000;
const race = sessionOf("race", TRACK, meta(0, 0, 0, 2022));

/** Three cars at 50, 45 and 40 m/s from the line, as F1 2022 sends them (no game deltas). */
function threeCars(seconds: number): LapDataPacket[] {
  return driveLaps([{ speed: 50 }, { speed: 45 }, { speed: 40 }], TRACK, seconds, 10).map((p) => withFormat(p, 2022));
}

function near(actual: number | undefined, expected: number, what: string, tolerance = 2): void {
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual}, expected ${expected}`,
  );
}

test("race without game deltas: gap and interval are when the car ahead passed this car's distance, growing in ms", () => {
  const packets = threeCars(120);
  const r = runMetric(gaps, [race, ...packets.filter((p) => p.meta.sessionTimeMs <= 60_000)]);
  // At t, a car at v m/s is where the leader (50 m/s) was at v t / 50: the gap is t (1 - v / 50).
  assert.equal(r.car(0)?.gapToLeaderMs, 0);
  assert.equal(r.car(0)?.intervalMs, 0);
  near(r.car(1)?.gapToLeaderMs, 6000, "car 1 gap at 60 s");
  near(r.car(1)?.intervalMs, 6000, "car 1 interval at 60 s");
  near(r.car(2)?.gapToLeaderMs, 12_000, "car 2 gap at 60 s");
  near(r.car(2)?.intervalMs, 6667, "car 2 interval at 60 s (t (1 - 40 / 45))");
  r.feed(packets.filter((p) => p.meta.sessionTimeMs > 60_000));
  near(r.car(1)?.gapToLeaderMs, 12_000, "car 1 gap at 120 s");
  near(r.car(2)?.gapToLeaderMs, 24_000, "car 2 gap at 120 s");
  near(r.car(2)?.intervalMs, 13_333, "car 2 interval at 120 s");
});

test("race without game deltas: a car a few metres behind has its interval on every packet", () => {
  // Both at 50 m/s at 60 Hz, car 0 five metres (100 ms) ahead: closer than the distance log's 10 m step.
  const packets: LapDataPacket[] = [];
  for (let f = 0; f <= 600; f++) {
    const t = (f * 1000) / 60;
    const d = 100 + (50 * t) / 1000;
    packets.push(
      lapDataOf(meta(t, f, 0, 2022), [
        lapCar({ position: 1, totalDistanceM: d + 5, lapDistanceM: d + 5 }),
        lapCar({ position: 2, totalDistanceM: d, lapDistanceM: d, gridPosition: 2 }),
      ]),
    );
  }
  const r = runMetric(gaps, [race, ...packets.slice(0, 10)]);
  for (const p of packets.slice(10)) {
    r.feed([p]);
    near(r.car(1)?.intervalMs, 100, `interval at ${Math.round(p.meta.sessionTimeMs)} ms`, 1);
    near(r.car(1)?.gapToLeaderMs, 100, `gap at ${Math.round(p.meta.sessionTimeMs)} ms`, 1);
  }
});

test("race with the game's deltas (2023+): the game's gap and interval are published, not the distance log's", () => {
  const packets = [0, 1000, 2000].map((t, f) =>
    lapDataOf(meta(t, f, 0, 2024), [
      lapCar({ position: 1, totalDistanceM: 1000 + t / 20, deltaToLeaderMs: 0, deltaToCarInFrontMs: 0 }),
      lapCar({ position: 2, totalDistanceM: 900 + t / 20, deltaToLeaderMs: 1234 + f, deltaToCarInFrontMs: 1234 + f }),
      lapCar({ position: 3, totalDistanceM: 800 + t / 20, deltaToLeaderMs: 65_432 + f, deltaToCarInFrontMs: 4321 }),
    ]),
  );
  const r = runMetric(gaps, [sessionOf("race", TRACK, meta(0, 0, 0, 2024)), ...packets]);
  assert.equal(r.car(0)?.gapToLeaderMs, 0);
  assert.equal(r.car(1)?.gapToLeaderMs, 1236);
  assert.equal(r.car(1)?.intervalMs, 1236);
  assert.equal(r.car(2)?.gapToLeaderMs, 65_434);
  assert.equal(r.car(2)?.intervalMs, 4321);
});

test("outside races: gap and interval are differences of best laps, in the game's order", () => {
  const r = runMetric(gaps, [sessionOf("qualifying", TRACK)]);
  r.view.mergeCar(0, { bestLapMs: 90_000 });
  r.view.mergeCar(1, { bestLapMs: 90_500 });
  r.view.mergeCar(2, { bestLapMs: 91_234 });
  // Car 3 has no lap yet. Distances say nothing about a qualifying order: car 2 is furthest round.
  r.feed([
    lapDataOf(meta(1000, 1), [
      lapCar({ position: 1, totalDistanceM: 100 }),
      lapCar({ position: 2, totalDistanceM: 2000 }),
      lapCar({ position: 3, totalDistanceM: 4000 }),
      lapCar({ position: 4, totalDistanceM: 10 }),
    ]),
  ]);
  assert.equal(r.car(0)?.gapToLeaderMs, 0);
  assert.equal(r.car(1)?.gapToLeaderMs, 500);
  assert.equal(r.car(1)?.intervalMs, 500);
  assert.equal(r.car(2)?.gapToLeaderMs, 1234);
  assert.equal(r.car(2)?.intervalMs, 734);
  assert.equal(r.car(3)?.gapToLeaderMs, undefined);
  assert.equal(r.car(3)?.intervalMs, undefined);
});

test("outside races the game's race deltas are not used", () => {
  const r = runMetric(gaps, [sessionOf("practice", TRACK, meta(0, 0, 0, 2024))]);
  r.view.mergeCar(0, { bestLapMs: 80_000 });
  r.view.mergeCar(1, { bestLapMs: 80_250 });
  r.feed([
    lapDataOf(meta(1000, 1, 0, 2024), [
      lapCar({ position: 1, deltaToLeaderMs: 0, deltaToCarInFrontMs: 0 }),
      lapCar({ position: 2, deltaToLeaderMs: 9999, deltaToCarInFrontMs: 9999 }),
    ]),
  ]);
  assert.equal(r.car(1)?.gapToLeaderMs, 250);
  assert.equal(r.car(1)?.intervalMs, 250);
});
