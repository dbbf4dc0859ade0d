import assert from "node:assert/strict";
import { test } from "node:test";
import { runMetric } from "../../../../bridge/processing/engine/run-metric.ts";
import { carState } from "../../../../bridge/processing/metrics/car/car-state.ts";
import type {
  DamageCar,
  DamagePacket,
  MotionCar,
  MotionPacket,
  PacketMeta,
  StatusCar,
  StatusPacket,
  Telemetry2Packet,
  TelemetryCar,
  TelemetryPacket,
  Wheels,
} from "../../../../bridge/processing/model/types.ts";
import { lapCar, lapDataOf, meta } from "../model-builders.ts";

const at: PacketMeta = meta(1000, 60);
/** Three slots: cars 0 (the player) and 1 on the grid, slot 2 empty. */
const grid = lapDataOf(at, [lapCar(), lapCar({ position: 2 }), lapCar({ resultStatus: "inactive", position: 0 })]);
const w = (a: number): Wheels => [a, a + 1, a + 2, a + 3];

function telemetryCar(n: number): TelemetryCar {
  return {
    speedKmh: 200 + n,
    throttle: 0.5 + n / 10,
    steer: -0.25,
    brake: n / 10,
    clutch: 0,
    gear: 5 + n,
    engineRpm: 11_000,
    drsOpen: n === 1,
    revLightsPct: 60,
    brakesTempC: w(500 + n),
    tyresSurfaceTempC: w(90 + n),
    tyresInnerTempC: w(100 + n),
    engineTempC: 105,
    tyresPressurePsi: w(22),
  };
}

const telemetry: TelemetryPacket = { kind: "telemetry", meta: at, cars: [0, 1, 2].map(telemetryCar) };

const motion: MotionPacket = {
  kind: "motion",
  meta: at,
  cars: [0, 1, 2].map(
    (n) =>
      ({
        positionM: { x: 100 + n, y: 2 + n, z: -300 - n },
        yawRad: 1.5 - n,
        gForceLateral: 1.25 + n,
        gForceLongitudinal: -0.5 - n,
      }) as MotionCar,
  ),
};

function status(fuelRemainingLaps: (n: number) => number | undefined): StatusPacket {
  return {
    kind: "status",
    meta: at,
    cars: [0, 1, 2].map(
      (n) =>
        ({
          actualTyreCompound: "C3",
          visualTyreCompound: "soft",
          tyresAgeLaps: 4 + n,
          ersStoreEnergyJ: [3_000_000, 1_234_567, 4_000_000][n],
          ersDeployMode: "medium",
          ersDeployedThisLapJ: 500_000,
          ersHarvestedThisLapMgukJ: 200_000,
          ersHarvestedThisLapMguhJ: 100_000,
          fuelInTankKg: 20.5 - n,
          fuelRemainingLaps: fuelRemainingLaps(n),
        }) as StatusCar,
    ),
  };
}

test("inputs, position, heading and g-forces on the car state for every active car, none for empty slots", () => {
  const r = runMetric(carState, [grid, telemetry, motion]);
  for (const n of [0, 1]) {
    const car = r.car(n);
    assert.equal(car?.speedKmh, 200 + n);
    assert.equal(car?.throttle, 0.5 + n / 10);
    assert.equal(car?.brake, n / 10);
    assert.equal(car?.gear, 5 + n);
    assert.equal(car?.drs, n === 1);
    assert.deepEqual([car?.x, car?.y, car?.z, car?.yaw], [100 + n, 2 + n, -300 - n, 1.5 - n]);
    assert.deepEqual([car?.gLat, car?.gLong], [1.25 + n, -0.5 - n]);
  }
  assert.equal(r.car(2), undefined);
});

test("the full telemetry fields go to the player's feed only", () => {
  const r = runMetric(carState, [grid, telemetry, motion, status(() => 12.5)]);
  assert.deepEqual([...r.telemetry.keys()], [0]);
  const player = r.telemetry.get(0);
  assert.deepEqual(player?.tyreSurfaceC, [90, 91, 92, 93]);
  assert.deepEqual(player?.tyreInnerC, [100, 101, 102, 103]);
  assert.deepEqual(player?.brakesC, [500, 501, 502, 503]);
  assert.deepEqual([player?.gLat, player?.gLong], [1.25, -0.5]);
  assert.equal(player?.ersStoreJ, 3_000_000);
  assert.equal(player?.ersDeployMode, "medium");
  assert.equal(player?.ersDeployedThisLapJ, 500_000);
  assert.equal(player?.ersHarvestedThisLapJ, 300_000, "MGU-K and MGU-H harvest together");
  assert.equal(player?.fuelKg, 20.5);
  assert.equal(player?.fuelLapsLeft, 12.5);
});

test("the second split-screen player gets the full telemetry fields too", () => {
  const two = { ...at, secondaryPlayerCarIndex: 1 };
  const t2: Telemetry2Packet = {
    kind: "telemetry2",
    meta: two,
    cars: [0, 1].map(() => ({
      activeAeroMode: "straight" as const,
      activeAeroAvailable: true,
      activeAeroActivationDistanceM: 0,
      overtakeAvailable: true,
      overtakeActive: false,
      overtakeActivationDistanceM: 0,
      regulations2026: true,
      drivingWrongWay: false,
    })),
  };
  const r = runMetric(carState, [
    { ...grid, meta: two },
    { ...telemetry, meta: two },
    { ...status(() => 9), meta: two },
    t2,
  ]);
  const second = r.telemetry.get(1);
  assert.deepEqual(second?.brakesC, [501, 502, 503, 504]);
  assert.equal(second?.fuelKg, 19.5);
  assert.equal(second?.activeAero, "straight");
  assert.equal(second?.overtakeAvailable, true);
});

test("ERS store as a percentage of the 4 MJ store, and tyre compound and age", () => {
  const r = runMetric(carState, [grid, status(() => undefined)]);
  assert.equal(r.car(0)?.ersStorePercent, 75);
  assert.equal(r.car(1)?.ersStorePercent, 30.9);
  assert.deepEqual(r.car(1)?.tyre, { compound: "C3", visual: "soft", ageLaps: 5 });
});

test("laps of fuel left come from the game only when it sends them; otherwise the fuel metric's figure stands", () => {
  const r = runMetric(carState, [grid]);
  r.view.mergeCar(0, { fuelLapsLeft: 7.7 });
  r.view.mergeCar(1, { fuelLapsLeft: 7.7 });
  r.feed([status((n) => (n === 1 ? 11.2 : undefined))]);
  assert.equal(r.car(0)?.fuelLapsLeft, 7.7);
  assert.equal(r.car(1)?.fuelLapsLeft, 11.2);
  assert.equal("fuelLapsLeft" in (r.telemetry.get(0) ?? {}), false, "no laps-left on the player's feed");
});

test("damage and tyre wear for the player only, with the floor, diffuser and sidepods where the format has them", () => {
  const damage: DamagePacket = {
    kind: "damage",
    meta: at,
    cars: [0, 1].map(
      (n) =>
        ({
          tyresWearPct: w(10 + n),
          frontLeftWingDamagePct: 5,
          frontRightWingDamagePct: 6,
          rearWingDamagePct: 7,
          gearBoxDamagePct: 8,
          engineDamagePct: 9,
          floorDamagePct: 3,
          diffuserDamagePct: undefined,
          sidepodDamagePct: 1,
        }) as DamageCar,
    ),
  };
  const r = runMetric(carState, [grid, damage]);
  assert.deepEqual([...r.telemetry.keys()], [0]);
  assert.deepEqual(r.telemetry.get(0)?.tyreWearPercent, [10, 11, 12, 13]);
  assert.deepEqual(r.telemetry.get(0)?.damagePercent, {
    frontLeftWing: 5,
    frontRightWing: 6,
    rearWing: 7,
    gearbox: 8,
    engine: 9,
    floor: 3,
    sidepod: 1,
  });
});

test("2026: active aero mode and overtake mode for every car, on the player's feed too", () => {
  const t2: Telemetry2Packet = {
    kind: "telemetry2",
    meta: meta(1000, 60, 0, 2026),
    cars: [0, 1, 2].map((n) => ({
      activeAeroMode: n === 0 ? ("straight" as const) : ("corner" as const),
      activeAeroAvailable: n === 0,
      activeAeroActivationDistanceM: 0,
      overtakeAvailable: n === 1,
      overtakeActive: n === 1,
      overtakeActivationDistanceM: 0,
      regulations2026: true,
      drivingWrongWay: false,
    })),
  };
  const r = runMetric(carState, [grid, t2]);
  const fields = (n: number) => {
    const c = r.car(n);
    return [c?.activeAero, c?.activeAeroAvailable, c?.overtakeAvailable, c?.overtakeActive];
  };
  assert.deepEqual(fields(0), ["straight", true, false, false]);
  assert.deepEqual(fields(1), ["corner", false, true, true]);
  assert.equal(r.car(2), undefined);
  assert.deepEqual(r.telemetry.get(0), {
    activeAero: "straight",
    activeAeroAvailable: true,
    overtakeAvailable: false,
    overtakeActive: false,
  });
  assert.equal(r.telemetry.has(1), false);
});
