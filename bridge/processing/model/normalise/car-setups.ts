// Car Setups (id 5).
import type { PacketMeta } from "../types/base.ts";
import type { CarSetup, CarSetupsPacket } from "../types/setups.ts";
import type { Decoded, Item } from "./decoded.ts";

type Setup = Item<Decoded<"carSetups">["data"]["carSetups"]>;

export function carSetups(p: Decoded<"carSetups">, meta: PacketMeta): CarSetupsPacket {
  const d = p.data;
  const cars: readonly Setup[] = d.carSetups;
  return {
    kind: "carSetups",
    meta,
    cars: cars.map(setup),
    nextFrontWingValue: "nextFrontWingValue" in d ? d.nextFrontWingValue : undefined,
  };
}

function setup(s: Setup): CarSetup {
  return {
    frontWing: s.frontWing,
    rearWing: s.rearWing,
    onThrottlePct: s.onThrottle,
    offThrottlePct: s.offThrottle,
    frontCamberDeg: s.frontCamber,
    rearCamberDeg: s.rearCamber,
    frontToeDeg: s.frontToe,
    rearToeDeg: s.rearToe,
    frontSuspension: s.frontSuspension,
    rearSuspension: s.rearSuspension,
    frontAntiRollBar: s.frontAntiRollBar,
    rearAntiRollBar: s.rearAntiRollBar,
    frontSuspensionHeight: s.frontSuspensionHeight,
    rearSuspensionHeight: s.rearSuspensionHeight,
    brakePressurePct: s.brakePressure,
    brakeBiasPct: s.brakeBias,
    engineBrakingPct: "engineBraking" in s ? s.engineBraking : undefined,
    // 2018-2019 set one pressure per axle, applied to both of its wheels.
    tyresPressurePsi:
      "frontTyrePressure" in s
        ? [s.rearTyrePressure, s.rearTyrePressure, s.frontTyrePressure, s.frontTyrePressure]
        : [s.rearLeftTyrePressure, s.rearRightTyrePressure, s.frontLeftTyrePressure, s.frontRightTyrePressure],
    ballast: s.ballast,
    fuelLoadKg: s.fuelLoad,
  };
}
