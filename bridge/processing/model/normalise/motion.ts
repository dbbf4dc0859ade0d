// Motion (id 0) and Motion Ex (id 13). 2018-2022 Motion ends with the player's extras, which F1 23 moved to Motion Ex:
// here they become a motionEx model packet either way.
import type { PacketMeta } from "../types/base.ts";
import type { MotionCar, MotionExPacket, MotionPacket, PlayerMotion } from "../types/motion.ts";
import { vec3, wheels } from "../units.ts";
import type { Decoded, Item } from "./decoded.ts";

type Car = Item<Decoded<"motion">["data"]["carMotionData"]>;
type Extras = Extract<Decoded<"motion">["data"], { wheelSlip: unknown }> | Decoded<"motionEx">["data"];

/** Direction vectors are int16 normalised by 32767. */
const DIRECTION = 32767;

export function motion(p: Decoded<"motion">, meta: PacketMeta): [MotionPacket] | [MotionPacket, MotionExPacket] {
  const d = p.data;
  const cars: readonly Car[] = d.carMotionData;
  const packet: MotionPacket = { kind: "motion", meta, cars: cars.map(motionCar) };
  return "wheelSlip" in d ? [packet, { kind: "motionEx", meta, player: playerMotion(d) }] : [packet];
}

export function motionEx(p: Decoded<"motionEx">, meta: PacketMeta): MotionExPacket {
  return { kind: "motionEx", meta, player: playerMotion(p.data) };
}

function motionCar(c: Car): MotionCar {
  return {
    positionM: vec3(c.worldPositionX, c.worldPositionY, c.worldPositionZ),
    velocityMps: vec3(c.worldVelocityX, c.worldVelocityY, c.worldVelocityZ),
    forward: vec3(c.worldForwardDirX, c.worldForwardDirY, c.worldForwardDirZ, DIRECTION),
    right: vec3(c.worldRightDirX, c.worldRightDirY, c.worldRightDirZ, DIRECTION),
    gForceLateral: c.gForceLateral,
    gForceLongitudinal: c.gForceLongitudinal,
    gForceVertical: c.gForceVertical,
    yawRad: c.yaw,
    pitchRad: c.pitch,
    rollRad: c.roll,
  };
}

function playerMotion(d: Extras): PlayerMotion {
  return {
    suspensionPosition: wheels(d.suspensionPosition),
    suspensionVelocity: wheels(d.suspensionVelocity),
    suspensionAcceleration: wheels(d.suspensionAcceleration),
    wheelSpeedMps: wheels(d.wheelSpeed),
    wheelSlipRatio: wheels("wheelSlip" in d ? d.wheelSlip : d.wheelSlipRatio),
    localVelocityMps: vec3(d.localVelocityX, d.localVelocityY, d.localVelocityZ),
    angularVelocityRadS: vec3(d.angularVelocityX, d.angularVelocityY, d.angularVelocityZ),
    angularAccelerationRadS2: vec3(d.angularAccelerationX, d.angularAccelerationY, d.angularAccelerationZ),
    frontWheelsAngleRad: d.frontWheelsAngle,
    ...("wheelSlipAngle" in d
      ? {
          wheelSlipAngle: wheels(d.wheelSlipAngle),
          wheelLatForce: wheels(d.wheelLatForce),
          wheelLongForce: wheels(d.wheelLongForce),
          wheelVertForce: wheels(d.wheelVertForce),
          heightOfCogAboveGround: d.heightOfCOGAboveGround,
        }
      : {}),
    ...("chassisYaw" in d
      ? {
          frontAeroHeight: d.frontAeroHeight,
          rearAeroHeight: d.rearAeroHeight,
          frontRollAngleRad: d.frontRollAngle,
          rearRollAngleRad: d.rearRollAngle,
          chassisYawRad: d.chassisYaw,
        }
      : {}),
    ...("chassisPitch" in d
      ? {
          chassisPitchRad: d.chassisPitch,
          wheelCamberRad: wheels(d.wheelCamber),
          wheelCamberGainRad: wheels(d.wheelCamberGain),
        }
      : {}),
  };
}
