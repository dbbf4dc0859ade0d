import assert from "node:assert/strict";
import { test } from "node:test";
import { LapTimePredictor } from "../../../../bridge/processing/predict/lap-time-predictor.ts";
import { LapTrace } from "../../../../bridge/processing/trace/lap-trace.ts";

const TRACK = 5000;

/** A lap whose pace varies along the track (slow corners every km), scaled by `factor`. */
function msAt(d: number, factor: number): number {
  return factor * (d * 16 + 800 * Math.sin((d / TRACK) * Math.PI * 5) ** 2);
}

function lap(factor: number) {
  const trace = new LapTrace();
  for (let d = 0; d < TRACK; d += 10) trace.add(d, msAt(d, factor));
  return { lapTimeMs: msAt(TRACK, factor), trace };
}

/** Drives the predictor through a lap, returning its prediction at each 500 m. */
function drive(p: LapTimePredictor, factor: number): number[] {
  const out: number[] = [];
  for (let d = 500; d < TRACK; d += 500) out.push(p.predict(d, msAt(d, factor), TRACK) ?? Number.NaN);
  return out;
}

test("with earlier clean laps, a lap at the same pace is predicted to the millisecond", () => {
  const p = new LapTimePredictor();
  p.completeLap(lap(1), true);
  for (const prediction of drive(p, 1)) assert.ok(Math.abs(prediction - msAt(TRACK, 1)) <= 1, `${prediction}`);
});

test("a slower lap is predicted slower, and closer to the truth as the lap goes on", () => {
  const p = new LapTimePredictor();
  p.completeLap(lap(1), true);
  const truth = msAt(TRACK, 1.03);
  const predictions = drive(p, 1.03);
  const errors = predictions.map((x) => Math.abs(x - truth));
  assert.ok((predictions[0] as number) > msAt(TRACK, 1), "already slower than the reference at 500 m");
  assert.ok((errors.at(-1) as number) < (errors[0] as number), `errors ${errors}`);
  assert.ok((errors.at(-1) as number) < truth * 0.005, `late error ${errors.at(-1)}`);
});

test("with no lap of its own it uses the session best, else extrapolates after a fifth of the lap", () => {
  const alone = new LapTimePredictor();
  assert.equal(alone.predict(500, msAt(500, 1), TRACK), undefined);
  assert.equal(alone.predict(2500, 40_000, TRACK), 80_000);
  const helped = new LapTimePredictor();
  assert.ok(Math.abs((helped.predict(500, msAt(500, 1), TRACK, lap(1)) as number) - msAt(TRACK, 1)) <= 1);
});

test("scores its predictions against the lap that happened and learns a persistent bias", () => {
  const p = new LapTimePredictor();
  p.completeLap(lap(1), true);
  drive(p, 1);
  // The car keeps finishing 300 ms slower than its pace says (say, a slow final corner it always misses).
  const first = p.completeLap({ ...lap(1), lapTimeMs: msAt(TRACK, 1) + 300 }, true);
  assert.equal(first.errorAtHalfMs, -300);
  assert.equal(first.meanAbsErrorMs, 300);
  let last = first;
  for (let i = 0; i < 8; i++) {
    drive(p, 1);
    last = p.completeLap({ ...lap(1), lapTimeMs: msAt(TRACK, 1) + 300 }, true);
  }
  assert.ok(Math.abs(last.errorAtHalfMs as number) < 100, `error after learning ${last.errorAtHalfMs}`);
});

test("invalid laps are scored but never become references; state survives a JSON round trip", () => {
  const p = new LapTimePredictor();
  p.completeLap(lap(1.5), false);
  assert.equal(p.predict(500, msAt(500, 1), TRACK), undefined, "the invalid lap is no reference");
  p.completeLap(lap(1), true);
  drive(p, 1.01);
  const copy = LapTimePredictor.fromJSON(JSON.parse(JSON.stringify(p)));
  assert.deepEqual(drive(copy, 1.02), drive(p, 1.02));
  assert.deepEqual(copy.completeLap(lap(1.02), true), p.completeLap(lap(1.02), true));
});
