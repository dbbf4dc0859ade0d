import type { ModelBase, Wheels } from "./base.ts";

/** Setup values are the game's setup-screen steps unless a unit is named. */
export interface CarSetup {
  frontWing: number;
  rearWing: number;
  onThrottlePct: number;
  offThrottlePct: number;
  frontCamberDeg: number;
  rearCamberDeg: number;
  frontToeDeg: number;
  rearToeDeg: number;
  frontSuspension: number;
  rearSuspension: number;
  frontAntiRollBar: number;
  rearAntiRollBar: number;
  frontSuspensionHeight: number;
  rearSuspensionHeight: number;
  brakePressurePct: number;
  brakeBiasPct: number;
  /** 2024+. */
  engineBrakingPct?: number;
  /** 2018-2019 set one pressure per axle: both wheels of the axle carry it. */
  tyresPressurePsi: Wheels;
  ballast: number;
  fuelLoadKg: number;
}

export interface CarSetupsPacket extends ModelBase<"carSetups"> {
  cars: CarSetup[];
  /** 2024+: the player's front wing after the next pit stop. */
  nextFrontWingValue?: number;
}
