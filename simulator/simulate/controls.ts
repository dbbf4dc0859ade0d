/**
 * What the driver does, read back from the motion: the speed profile decides speed and acceleration, and the
 * inputs follow from them (never the other way round), so throttle, brake, gear, RPM and steering always agree
 * with the g-forces the motion packet reports.
 */
import { accelerationLimit, brakingLimit, type CarModel } from "./speed-profile.ts";

export const MAX_RPM = 13_000;
export const IDLE_RPM = 4_000;
const SHIFT_RPM = 12_200;
/** Top speed of each gear 1-8 as a share of the car's top speed (a 12% step between gears: ~1,500 rpm drop). */
const GEAR_SHARE = [0.37, 0.47, 0.56, 0.65, 0.74, 0.83, 0.915, 1.0];
const WHEELBASE_M = 3.6;
/** Front wheel angle at full lock, radians. */
const FULL_LOCK = 0.35;

export interface Controls {
  throttle: number;
  brake: number;
  gear: number;
  rpm: number;
  /** -1 full left to 1 full right. */
  steer: number;
  revLightsPercent: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Inputs for speed v (m/s), longitudinal acceleration a (m/s^2) and signed curvature k (1/m, positive turning
 * right). `moving` false: parked (neutral, idle).
 */
export function controlsFor(car: CarModel, v: number, a: number, k: number, moving = true): Controls {
  if (!moving || v < 0.3) {
    return { throttle: 0, brake: 0, gear: moving ? 1 : 0, rpm: IDLE_RPM, steer: 0, revLightsPercent: 0 };
  }
  let gear = GEAR_SHARE.findIndex((share) => v <= share * car.topSpeed * (SHIFT_RPM / MAX_RPM)) + 1;
  if (gear === 0) gear = GEAR_SHARE.length;
  const gearTop = (GEAR_SHARE[gear - 1] as number) * car.topSpeed;
  const rpm = clamp((MAX_RPM * v) / gearTop, IDLE_RPM, MAX_RPM);
  const drag = car.drag * v * v;
  let throttle = 0;
  let brake = 0;
  if (a >= 0) {
    // Full throttle where the car accelerates as hard as it can; partial where it holds a cornering speed.
    throttle = clamp((a + drag) / (accelerationLimit(car, v, k) + drag), 0.2, 1);
  } else if (-a > drag * 1.1) {
    brake = clamp((-a - drag) / (brakingLimit(car, v, k) - drag), 0.05, 1);
  }
  const steer = clamp(Math.atan(WHEELBASE_M * k) / FULL_LOCK, -1, 1);
  const revLightsPercent = Math.round(clamp((rpm - 10_500) / (SHIFT_RPM - 10_500), 0, 1) * 100);
  return { throttle, brake, gear, rpm: Math.round(rpm), steer, revLightsPercent };
}

/** The LEDs lit for a rev-lights percentage (F1 2021+ revLightsBitValue: bit 0 is the leftmost of 15). */
export const revLightsBits = (percent: number) => (1 << Math.round((percent / 100) * 15)) - 1;
