/** Motion, Motion Ex, Car Telemetry (and 2026's Car Telemetry 2), Car Status, Car Damage, Car Setups, Tyre Sets. */

import { ERS_MAX_J } from "../consumables.ts";
import { IDLE_RPM, MAX_RPM, revLightsBits } from "../controls.ts";
import { type CarFrame, type Frame, PIT } from "../engine.ts";
import { FUEL_PER_LAP_KG } from "../plan.ts";
import { compoundIds, type SimContext } from "./context.ts";
import { cars, fill, type Rec, type Template } from "./fill.ts";

/** Direction vectors travel as int16 normalised by 32767. */
const dir = (x: number) => Math.round(x * 32767);

export function motionPacket(ctx: SimContext, frame: Frame): Template | undefined {
  const p = ctx.packets.get("motion");
  if (!p) return undefined;
  cars(p.data, "carMotionData").forEach((c, i) => {
    const car = frame.cars[i];
    if (!car) return;
    const v = car.motion.v;
    fill(c, {
      worldPositionX: car.x,
      worldPositionY: car.y,
      worldPositionZ: car.z,
      worldVelocityX: v * car.fx,
      worldVelocityY: 0,
      worldVelocityZ: v * car.fz,
      worldForwardDirX: dir(car.fx),
      worldForwardDirY: 0,
      worldForwardDirZ: dir(car.fz),
      // up = right x forward with up = +Y gives right = (-fz, 0, fx).
      worldRightDirX: dir(-car.fz),
      worldRightDirY: 0,
      worldRightDirZ: dir(car.fx),
      gForceLateral: car.gLat,
      gForceLongitudinal: car.gLong,
      gForceVertical: 1,
      yaw: Math.atan2(car.fx, car.fz),
      pitch: 0,
      roll: 0,
    });
  });
  // F1 2018-2022 append the player car's extra motion here; F1 23+ moved it to Motion Ex.
  const player = frame.cars[0];
  if (player) fill(p.data, playerExtras(player));
  return p;
}

export function motionExPacket(ctx: SimContext, frame: Frame): Template | undefined {
  const p = ctx.packets.get("motionEx");
  const player = frame.cars[0];
  if (!p || !player) return undefined;
  fill(p.data, { ...playerExtras(player), heightOfCOGAboveGround: 0.28, wheelVertForce: [2500, 2500, 2200, 2200] });
  return p;
}

function playerExtras(car: CarFrame): Rec {
  const v = car.motion.v;
  const yawRate = v * car.motion.k;
  return {
    // Wheel speeds in m/s at the contact patch (no slip modelled).
    wheelSpeed: [v, v, v, v],
    wheelSlip: [0, 0, 0, 0],
    wheelSlipRatio: [0, 0, 0, 0],
    localVelocityX: 0,
    localVelocityY: 0,
    localVelocityZ: v,
    angularVelocityY: yawRate,
    frontWheelsAngle: car.controls.steer * 0.35,
    suspensionPosition: [20, 20, 18, 18],
  };
}

export function telemetryPacket(ctx: SimContext, frame: Frame): Template | undefined {
  const p = ctx.packets.get("carTelemetry");
  if (!p) return undefined;
  fill(p.data, { mfdPanelIndex: 255, mfdPanelIndexSecondaryPlayer: 255, suggestedGear: 0 });
  cars(p.data, "carTelemetryData").forEach((c, i) => {
    const car = frame.cars[i];
    if (!car) return;
    const k = car.controls;
    const t = car.consumables;
    fill(c, {
      speed: Math.round(car.motion.v * 3.6),
      throttle: k.throttle,
      steer: k.steer,
      brake: k.brake,
      clutch: 0,
      gear: k.gear,
      engineRPM: k.rpm,
      drs: car.drs && ctx.packets.format < 2026 ? 1 : 0,
      revLightsPercent: k.revLightsPercent,
      revLightsBitValue: revLightsBits(k.revLightsPercent),
      brakesTemperature: t.brakesC.map(Math.round),
      tyresSurfaceTemperature: t.surfaceC.map(Math.round),
      tyresInnerTemperature: t.innerC.map(Math.round),
      engineTemperature: Math.round(100 + 10 * k.throttle),
      tyresPressure: t.surfaceC.map((c2) => 21.5 + (c2 - 80) * 0.05),
      surfaceType: [0, 0, 0, 0],
    });
  });
  return p;
}

/** UDP Format 2026: straight-line aero on the straights for everyone; overtake mode within a second of the car ahead. */
export function telemetry2Packet(ctx: SimContext, frame: Frame): Template | undefined {
  const p = ctx.packets.get("carTelemetry2");
  if (!p) return undefined;
  const race = ctx.plan.spec.session === "race";
  cars(p.data, "carTelemetry2Data").forEach((c, i) => {
    const car = frame.cars[i];
    if (!car) return;
    fill(c, {
      activeAeroMode: car.straight ? 1 : 0,
      activeAeroAvailable: car.pitStatus === PIT.none ? 1 : 0,
      overtakeAvailable: race && car.drsAllowed ? 1 : 0,
      overtakeActive: race && car.drs ? 1 : 0,
      regulations2026: 1,
    });
  });
  return p;
}

export function statusPacket(ctx: SimContext, frame: Frame): Template | undefined {
  const p = ctx.packets.get("carStatus");
  if (!p) return undefined;
  const qualifying = ctx.plan.spec.session !== "race";
  cars(p.data, "carStatusData").forEach((c, i) => {
    const car = frame.cars[i];
    if (!car) return;
    const t = car.consumables;
    const tyre = compoundIds(ctx.packets.format, car.compound);
    fill(c, {
      fuelMix: 1,
      frontBrakeBias: 56,
      pitLimiterStatus: car.pitStatus !== PIT.none ? 1 : 0,
      fuelInTank: t.fuelKg,
      fuelCapacity: 110,
      fuelRemainingLaps: t.fuelKg / FUEL_PER_LAP_KG,
      maxRPM: MAX_RPM,
      idleRPM: IDLE_RPM,
      maxGears: 8,
      drsAllowed: car.drsAllowed && ctx.packets.format < 2026 ? 1 : 0,
      tyreCompound: tyre.actual,
      actualTyreCompound: tyre.actual,
      tyreVisualCompound: tyre.visual,
      visualTyreCompound: tyre.visual,
      tyresAgeLaps: car.tyreAgeLaps,
      // F1 2018-2020 report wear and damage here (whole percent); 2021+ moved them to Car Damage.
      tyresWear: t.wear.map(Math.round),
      tyresDamage: t.wear.map(Math.round),
      vehicleFiaFlags: 0,
      enginePowerICE: Math.round(560_000 * car.controls.throttle),
      enginePowerMGUK: t.deploying ? 120_000 : 0,
      ersStoreEnergy: t.ersJ,
      ersDeployMode: qualifying ? 2 : 1,
      ersHarvestedThisLapMGUK: t.ersHarvestedKLapJ,
      ersHarvestedThisLapMGUH: t.ersHarvestedHLapJ,
      ersHarvestLimitPerLap: ERS_MAX_J * 2,
      ersDeployedThisLap: t.ersDeployedLapJ,
    });
  });
  return p;
}

export function damagePacket(ctx: SimContext, frame: Frame): Template | undefined {
  const p = ctx.packets.get("carDamage");
  if (!p) return undefined;
  cars(p.data, "carDamageData").forEach((c, i) => {
    const car = frame.cars[i];
    if (!car) return;
    const wear = car.consumables.wear;
    fill(c, {
      tyresWear: [...wear],
      tyresDamage: wear.map((w) => Math.round(w * 0.8)),
      // Power unit wear grows with the session, a few percent at most.
      engineICEWear: Math.min(100, Math.round(2 + car.lap / 10)),
      engineMGUKWear: Math.min(100, Math.round(2 + car.lap / 12)),
      engineMGUHWear: Math.min(100, Math.round(2 + car.lap / 12)),
      engineESWear: 2,
      engineCEWear: 2,
      engineTCWear: 2,
      gearBoxDamage: Math.min(100, Math.round(1 + car.lap / 15)),
    });
  });
  return p;
}

/** The same setup on every car (a balanced one); fuel load from the plan. */
export function setupsPacket(ctx: SimContext): Template | undefined {
  const p = ctx.packets.get("carSetups");
  if (!p) return undefined;
  fill(p.data, { nextFrontWingValue: 25 });
  cars(p.data, "carSetups").forEach((c, i) => {
    const planned = ctx.plan.cars[i];
    if (!planned) return;
    fill(c, {
      ...{ frontWing: 25, rearWing: 20, onThrottle: 60, offThrottle: 55, frontCamber: -3.2, rearCamber: -1.6 },
      ...{ frontToe: 0.05, rearToe: 0.2, frontSuspension: 21, rearSuspension: 8, frontAntiRollBar: 10 },
      ...{ rearAntiRollBar: 6, frontSuspensionHeight: 3, rearSuspensionHeight: 6, brakePressure: 100 },
      ...{ brakeBias: 56, engineBraking: 50, frontTyrePressure: 23, rearTyrePressure: 21.5, ballast: 6 },
      ...{ frontLeftTyrePressure: 23, frontRightTyrePressure: 23, rearLeftTyrePressure: 21.5 },
      rearRightTyrePressure: 21.5,
      fuelLoad: planned.fuelStartKg,
    });
  });
  return p;
}

/** Tyre Sets (F1 23+): the weekend allocation, the fitted set's wear; one car per packet. */
export function tyreSetsPacket(ctx: SimContext, car: CarFrame): Template | undefined {
  const p = ctx.packets.get("tyreSets");
  if (!p) return undefined;
  const f = ctx.packets.format;
  // 8 soft, 3 medium, 2 hard, 4 intermediate and 3 wet sets (20 in all, as the game lists them).
  const kinds = [...Array(8).fill("soft"), ...Array(3).fill("medium"), ...Array(2).fill("hard")] as const;
  const fitted = kinds.indexOf(car.compound);
  cars(p.data, "tyreSetData").forEach((s, i) => {
    const dry = kinds[i];
    const ids = dry ? compoundIds(f, dry) : i < 17 ? { actual: 7, visual: 7 } : { actual: 8, visual: 8 };
    const wear = i === fitted ? Math.round(Math.max(...car.consumables.wear)) : 0;
    fill(s, {
      actualTyreCompound: ids.actual,
      visualTyreCompound: ids.visual,
      wear,
      available: 1,
      recommendedSession: 0,
      lifeSpan: dry === "soft" ? 15 : dry === "medium" ? 25 : 35,
      usableLife: dry === "soft" ? 12 : dry === "medium" ? 20 : 30,
      lapDeltaTime: dry === "soft" ? 0 : dry === "medium" ? 600 : 1100,
      fitted: i === fitted ? 1 : 0,
    });
  });
  fill(p.data, { carIdx: car.index, fittedIdx: fitted });
  return p;
}
