import type { ModelBase, Vec3, Wheels } from "./base.ts";

export interface MotionCar {
  positionM: Vec3;
  velocityMps: Vec3;
  /** Unit vectors (EA packs them as int16 / 32767). */
  forward: Vec3;
  right: Vec3;
  gForceLateral: number;
  gForceLongitudinal: number;
  gForceVertical: number;
  yawRad: number;
  pitchRad: number;
  rollRad: number;
}

export interface MotionPacket extends ModelBase<"motion"> {
  cars: MotionCar[];
}

/**
 * The player's car in detail: F1 23+'s Motion Ex packet, and the extras at the end of 2018-2022's Motion packet.
 * Suspension, forces and heights are in the game's units: EA does not document them.
 */
export interface PlayerMotion {
  suspensionPosition: Wheels;
  suspensionVelocity: Wheels;
  suspensionAcceleration: Wheels;
  wheelSpeedMps: Wheels;
  /** 2018-2022 call it wheelSlip; F1 23 split it into slip ratio and slip angle. */
  wheelSlipRatio: Wheels;
  localVelocityMps: Vec3;
  angularVelocityRadS: Vec3;
  angularAccelerationRadS2: Vec3;
  frontWheelsAngleRad: number;
  /** 2023+. */
  wheelSlipAngle?: Wheels;
  wheelLatForce?: Wheels;
  wheelLongForce?: Wheels;
  wheelVertForce?: Wheels;
  heightOfCogAboveGround?: number;
  /** 2024+. */
  frontAeroHeight?: number;
  rearAeroHeight?: number;
  frontRollAngleRad?: number;
  rearRollAngleRad?: number;
  chassisYawRad?: number;
  /** 2025+. */
  chassisPitchRad?: number;
  wheelCamberRad?: Wheels;
  wheelCamberGainRad?: Wheels;
}

/** For 2018-2022 made from the Motion packet (same meta), so the player's detail always arrives as this kind. */
export interface MotionExPacket extends ModelBase<"motionEx"> {
  player: PlayerMotion;
}
