import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeState, encodeState } from "../../../../bridge/processing/engine/state-codec.ts";
import { CarLaps } from "../../../../bridge/processing/metrics/timing/car-laps.ts";
import { LapTimePredictor } from "../../../../bridge/processing/predict/lap-time-predictor.ts";
import { LapTrace } from "../../../../bridge/processing/trace/lap-trace.ts";

test("state round-trips with Maps, Sets, bytes, infinities and registered classes nested in each other", () => {
  const trace = new LapTrace(1);
  trace.add(0, 0);
  trace.add(100, 2000);
  const predictor = new LapTimePredictor();
  predictor.completeLap({ lapTimeMs: 2000, trace }, true);
  const state = {
    cars: new Map([[3, new CarLaps()]]),
    predictors: new Map([[3, predictor]]),
    seen: new Set(["a", "b"]),
    bytes: new Uint8Array([1, 2, 255]),
    next: Number.NEGATIVE_INFINITY,
    nothing: undefined,
  };
  const back = decodeState(encodeState(state)) as typeof state;
  assert.ok(back.cars.get(3) instanceof CarLaps);
  assert.ok(back.predictors.get(3) instanceof LapTimePredictor);
  assert.equal(back.predictors.get(3)?.predict(50, 1000, 100), predictor.predict(50, 1000, 100));
  assert.deepEqual(back.seen, new Set(["a", "b"]));
  assert.deepEqual(back.bytes, new Uint8Array([1, 2, 255]));
  assert.equal(back.next, Number.NEGATIVE_INFINITY);
});

test("an unknown class in a checkpoint is a clear error, not a silent plain object", () => {
  assert.throws(() => decodeState('{"x":{"$class":"Nope"}}'), /unknown state class Nope/);
});
