// Motion, telemetry, status and damage: units per format, and data older formats kept elsewhere moved to its kind.
import assert from "node:assert/strict";
import { test } from "node:test";
import { copy, decodedOf, modelOf, normaliseDefined, pairs } from "./support.ts";

test("motion: positions and velocities as sent, direction vectors unpacked from int16 to unit length", () => {
  for (const [p, m] of pairs("motion", "motion")) {
    p.data.carMotionData.forEach((raw, i) => {
      const car = m.cars[i];
      assert.ok(car);
      assert.equal(car.positionM.x, raw.worldPositionX);
      assert.equal(car.velocityMps.z, raw.worldVelocityZ);
      assert.equal(car.forward.x, raw.worldForwardDirX / 32767);
      assert.equal(car.gForceLateral, raw.gForceLateral);
      const length = Math.hypot(car.forward.x, car.forward.y, car.forward.z);
      if (length > 0) assert.ok(Math.abs(length - 1) < 1e-3, `${p.packetFormat} car ${i} |forward| ${length}`);
    });
  }
});

test("the player's motion detail is a motionEx in every format: from Motion until F1 22, Motion Ex after", () => {
  for (const p of decodedOf("motion")) {
    const kinds = normaliseDefined(p).map((m) => m.kind);
    assert.deepEqual(kinds, p.packetFormat <= 2022 ? ["motion", "motionEx"] : ["motion"]);
    if ("wheelSlip" in p.data) {
      const ex = modelOf(p, "motionEx");
      assert.deepEqual(ex.player.wheelSlipRatio, p.data.wheelSlip);
      assert.deepEqual(ex.player.suspensionPosition, p.data.suspensionPosition);
      assert.deepEqual(ex.meta, modelOf(p, "motion").meta);
      assert.equal("wheelSlipAngle" in ex.player, false);
    }
  }
  for (const [p, m] of pairs("motionEx", "motionEx")) {
    assert.deepEqual(m.player.wheelSlipAngle, p.data.wheelSlipAngle);
    assert.equal("chassisYawRad" in m.player, p.packetFormat >= 2024);
    assert.equal("wheelCamberRad" in m.player, p.packetFormat >= 2025);
  }
});

test("telemetry: 2018's integer pedals and steer scaled to 0..1 and -1..1; 2019+ floats as sent", () => {
  for (const [p, m] of pairs("carTelemetry", "telemetry")) {
    p.data.carTelemetryData.forEach((raw, i) => {
      const car = m.cars[i];
      assert.ok(car);
      const scale = p.packetFormat === 2018 ? 100 : 1;
      assert.equal(car.throttle, raw.throttle / scale);
      assert.equal(car.steer, raw.steer / scale);
      assert.equal(car.brake, raw.brake / scale);
      assert.equal(car.clutch, raw.clutch / 100);
      assert.ok(car.throttle >= 0 && car.throttle <= 1 && car.steer >= -1 && car.steer <= 1);
      assert.equal(car.speedKmh, raw.speed);
      assert.deepEqual(car.tyresInnerTempC, raw.tyresInnerTemperature);
      assert.equal("surfaceTypeIds" in car, p.packetFormat >= 2019);
      assert.equal("revLightsBits" in car, p.packetFormat >= 2021);
    });
    assert.equal("buttonStatus" in m, p.packetFormat <= 2020);
  }
  const [p] = decodedOf("carTelemetry", 2018);
  assert.ok(p);
  const edited = copy(p);
  const raw = edited.data.carTelemetryData[0];
  assert.ok(raw);
  raw.throttle = 50;
  raw.steer = -100;
  const car = modelOf(edited, "telemetry").cars[0];
  assert.equal(car?.throttle, 0.5);
  assert.equal(car?.steer, -1);
});

test("status: compounds named per format (2018's single field fills both); ERS modes per format", () => {
  for (const [p, m] of pairs("carStatus", "status")) {
    p.data.carStatusData.forEach((raw, i) => {
      const car = m.cars[i];
      assert.ok(car);
      assert.equal(car.fuelInTankKg, raw.fuelInTank);
      assert.equal(car.ersStoreEnergyJ, raw.ersStoreEnergy);
      assert.equal("fuelRemainingLaps" in car, p.packetFormat >= 2019);
      assert.equal("tyresAgeLaps" in car, p.packetFormat >= 2020);
      assert.equal("enginePowerIceW" in car, p.packetFormat >= 2023);
      assert.equal("ersHarvestLimitPerLapJ" in car, p.packetFormat >= 2026);
    });
  }
  const s2018 = pairs("carStatus", "status", 2018)[0]?.[1].cars[0];
  assert.equal(s2018?.actualTyreCompound, "Super Soft");
  assert.equal(s2018?.visualTyreCompound, "Super Soft");
  // ERS deploy mode 3: "high" in 2018-2019, "hotlap" in 2020, "overtake" 2021-2025.
  for (const [format, expected] of [
    [2018, "high"],
    [2020, "hotlap"],
    [2021, "overtake"],
    [2025, "overtake"],
  ] as const) {
    const [p] = decodedOf("carStatus", format);
    assert.ok(p);
    const edited = copy(p);
    const raw = edited.data.carStatusData[0];
    assert.ok(raw);
    raw.ersDeployMode = 3;
    raw.drsAllowed = 255;
    const car = modelOf(edited, "status").cars[0];
    assert.equal(car?.ersDeployMode, expected, `${format}`);
    assert.equal(car && "drsAllowed" in car, false);
  }
});

test("damage: from Car Status until F1 2020, from Car Damage after; wear in percent either way", () => {
  for (const p of decodedOf("carStatus")) {
    const kinds = normaliseDefined(p).map((m) => m.kind);
    assert.deepEqual(kinds, p.packetFormat <= 2020 ? ["status", "damage"] : ["status"]);
    if (p.packetFormat > 2020) continue;
    const damage = modelOf(p, "damage");
    p.data.carStatusData.forEach((raw, i) => {
      assert.ok("tyresWear" in raw);
      const car = damage.cars[i];
      assert.deepEqual(car?.tyresWearPct, raw.tyresWear);
      assert.equal(car?.engineDamagePct, raw.engineDamage);
      assert.equal(car && "exhaustDamagePct" in car, p.packetFormat === 2018);
      assert.equal(car && "drsFault" in car, p.packetFormat === 2020);
      assert.equal(car && "brakesDamagePct" in car, false);
    });
  }
  for (const [p, m] of pairs("carDamage", "damage")) {
    p.data.carDamageData.forEach((raw, i) => {
      const car = m.cars[i];
      assert.deepEqual(car?.tyresWearPct, raw.tyresWear);
      assert.deepEqual(car?.brakesDamagePct, raw.brakesDamage);
      assert.equal(car?.engineWear?.icePct, raw.engineICEWear);
      assert.equal(car && "engineBlown" in car, p.packetFormat >= 2022);
      assert.equal(car && "tyreBlistersPct" in car, p.packetFormat >= 2025);
      assert.equal(car && "exhaustDamagePct" in car, false);
    });
  }
});

test("car setups: 2018-2019's per-axle tyre pressures on both wheels of the axle, in EA's wheel order", () => {
  for (const [p, m] of pairs("carSetups", "carSetups")) {
    p.data.carSetups.forEach((raw, i) => {
      const pressures = m.cars[i]?.tyresPressurePsi;
      if ("frontTyrePressure" in raw) {
        assert.deepEqual(pressures, [
          raw.rearTyrePressure,
          raw.rearTyrePressure,
          raw.frontTyrePressure,
          raw.frontTyrePressure,
        ]);
      } else {
        assert.deepEqual(pressures, [
          raw.rearLeftTyrePressure,
          raw.rearRightTyrePressure,
          raw.frontLeftTyrePressure,
          raw.frontRightTyrePressure,
        ]);
      }
      assert.equal(m.cars[i]?.fuelLoadKg, raw.fuelLoad);
    });
    assert.equal("nextFrontWingValue" in m, p.packetFormat >= 2024);
  }
});
