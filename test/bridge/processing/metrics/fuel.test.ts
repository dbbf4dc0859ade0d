import assert from "node:assert/strict";
import { test } from "node:test";
import { runMetric } from "../../../../bridge/processing/engine/run-metric.ts";
import { fuel } from "../../../../bridge/processing/metrics/car/fuel.ts";
import type { ModelPacket, StatusCar, StatusPacket } from "../../../../bridge/processing/model/types.ts";
import { driveLaps } from "../model-builders.ts";

/** Car status with the fuel a car has after `laps` laps at `perLap` kg; the game's laps-left when given. */
function status(packet: ModelPacket, fuelKg: number, gameLapsLeft?: number): StatusPacket {
  return {
    kind: "status",
    meta: packet.meta,
    cars: [{ fuelInTankKg: fuelKg, fuelRemainingLaps: gameLapsLeft } as StatusCar],
  };
}

/** 20 s laps; the car burns 1.5 kg a lap from 30 kg. */
function race(gameReports: boolean): ModelPacket[] {
  return driveLaps([{ speed: 50 }], 1000, 70, 10).flatMap((lap) => {
    const fuelKg = 30 - 1.5 * (lap.meta.sessionTimeMs / 20_000);
    return [status(lap, fuelKg, gameReports ? 99 : undefined), lap];
  });
}

test("fuel per lap and laps left, derived where the game does not say (F1 2018)", () => {
  const r = runMetric(fuel, race(false));
  assert.ok(Math.abs((r.car(0)?.fuelPerLapKg as number) - 1.5) < 0.01, `per lap ${r.car(0)?.fuelPerLapKg}`);
  // After three laps: 30 - 4.5 = 25.5 kg at 1.5 kg a lap.
  assert.ok(Math.abs((r.car(0)?.fuelLapsLeft as number) - 17) < 0.2, `laps left ${r.car(0)?.fuelLapsLeft}`);
  assert.equal(r.telemetry.get(0)?.fuelLapsLeft, r.car(0)?.fuelLapsLeft);
});

test("where the game reports laps of fuel left, that figure is kept", () => {
  assert.equal(runMetric(fuel, race(true)).car(0)?.fuelLapsLeft, 99);
});

test("a refuel (fuel going up over a lap) is not averaged in", () => {
  const packets = race(false).map((p, n) =>
    p.kind === "status" && n > 200 ? status(p, (p.cars[0] as StatusCar).fuelInTankKg + 20) : p,
  );
  assert.ok(Math.abs((runMetric(fuel, packets).car(0)?.fuelPerLapKg as number) - 1.5) < 0.01);
});
