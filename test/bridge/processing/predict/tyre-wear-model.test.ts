import assert from "node:assert/strict";
import { test } from "node:test";
import { TyreWearModel } from "../../../../bridge/processing/predict/tyre-wear-model.ts";

test("a steady 2 % a lap on the worst tyre: laps to 70 % counted from now", () => {
  const m = new TyreWearModel(70);
  assert.equal(m.addLap(1, [2, 1, 1.5, 1]).lapsToThreshold, undefined, "one point fits no line");
  const f = m.addLap(2, [4, 2, 3, 2]);
  assert.equal(f.wearPercent, 4);
  assert.equal(f.perLapPercent, 2);
  assert.equal(f.lapsToThreshold, 33);
});

test("scores the one-lap-ahead forecast, and a pit stop (wear falling) starts a new stint", () => {
  const m = new TyreWearModel(50);
  m.addLap(1, [10, 0, 0, 0]);
  m.addLap(2, [20, 0, 0, 0]);
  const third = m.addLap(3, [31, 0, 0, 0]);
  assert.equal(third.meanAbsErrorPercent, 1, "forecast 30, was 31");
  const pitted = m.addLap(4, [1, 1, 1, 1]);
  assert.equal(pitted.perLapPercent, undefined, "a fresh set has no history");
  const copy = TyreWearModel.fromJSON(JSON.parse(JSON.stringify(m)));
  assert.deepEqual(copy.addLap(5, [3, 1, 1, 1]), m.addLap(5, [3, 1, 1, 1]));
});
