import assert from "node:assert/strict";
import { test } from "node:test";
import { runMetric } from "../../../../bridge/processing/engine/run-metric.ts";
import { tyreWear } from "../../../../bridge/processing/metrics/car/tyre-wear.ts";
import type { DamageCar, ModelPacket, Wheels } from "../../../../bridge/processing/model/types.ts";
import { lapCar, lapDataOf, meta } from "../model-builders.ts";

/**
 * Lap data as each lap starts, the wear (worst tyre `worst[k]`) at the end of lap k+1 sent just before the lap
 * number steps on, and lap data every few seconds between (which must not count as laps).
 */
function stint(worst: readonly number[]): ModelPacket[] {
  const packets: ModelPacket[] = [];
  let f = 0;
  const lap = (n: number, t: number) => lapDataOf(meta(t, f++), [lapCar({ lapNumber: n, currentLapMs: 0 })]);
  packets.push(lap(1, 0));
  worst.forEach((wear, k) => {
    const t = (k + 1) * 90_000;
    packets.push(lap(k + 1, t - 45_000));
    const tyres: Wheels = [wear - 2, wear - 1.5, wear, wear - 3];
    packets.push({ kind: "damage", meta: meta(t - 10, f++), cars: [{ tyresWearPct: tyres } as DamageCar] });
    packets.push(lap(k + 2, t));
  });
  return packets;
}

test("after laps of steady wear: wear per lap and laps until the worst tyre reaches 70 %", () => {
  const r = runMetric(tyreWear, stint([6, 12, 18]));
  const car = r.car(0);
  assert.equal(car?.tyreWearPercent, 18);
  assert.equal(car?.tyreWearPerLapPercent, 6);
  // (70 - 18) / 6 = 8.67 laps.
  assert.equal(car?.tyreLapsToThreshold, 8.7);
  assert.equal(car?.tyreWearErrorPercent, 0, "the forecast made after lap 2 (18 %) was exact");
});

test("the forecast error is scored one lap ahead", () => {
  const r = runMetric(tyreWear, stint([5, 10, 15, 22]));
  // After lap 3 the line said 20 % for lap 4; it was 22 %.
  assert.equal(r.car(0)?.tyreWearErrorPercent, 1, "mean of |15 - 15| and |20 - 22|");
  assert.equal(r.car(0)?.tyreWearPercent, 22);
});

test("one lap gives the wear but no rate or forecast yet", () => {
  const car = runMetric(tyreWear, stint([6])).car(0);
  assert.equal(car?.tyreWearPercent, 6);
  assert.equal(car?.tyreWearPerLapPercent, undefined);
  assert.equal(car?.tyreLapsToThreshold, undefined);
});

test("a pit stop (wear falling) starts a new stint: the old tyres' wear no longer counts", () => {
  const r = runMetric(tyreWear, stint([6, 12, 18, 2]));
  const car = r.car(0);
  assert.equal(car?.tyreWearPercent, 2);
  assert.equal(car?.tyreWearPerLapPercent, undefined, "one lap on new tyres");
  assert.equal(car?.tyreLapsToThreshold, undefined);
  r.feed(stint([6, 12, 18, 2, 5]).slice(-3));
  // New stint: 2 then 5 % a lap later, 3 % a lap, (70 - 5) / 3 = 21.67 laps.
  assert.equal(r.car(0)?.tyreWearPerLapPercent, 3);
  assert.equal(r.car(0)?.tyreLapsToThreshold, 21.7);
});

test("no forecast without wear data, and none from lap data that does not step the lap", () => {
  const noDamage = stint([6, 12, 18]).filter((p) => p.kind !== "damage");
  assert.equal(runMetric(tyreWear, noDamage).car(0), undefined);
  const sameLap = stint([6]).filter((p) => p.kind !== "lapData" || (p.cars[0]?.lapNumber ?? 0) < 2);
  assert.equal(runMetric(tyreWear, sameLap).car(0), undefined);
});
