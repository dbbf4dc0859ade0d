// Unit conversions and the game's "none" markers, shared by every normaliser.
import type { Vec3, Wheels } from "./types/base.ts";

/** Float seconds (2018-2020 lap times, event times) to milliseconds, rounded: the game keeps them to the ms. */
export const secondsToMs = (seconds: number): number => Math.round(seconds * 1000);

/** F1 23+ split times: a u16 millisecond part plus a u8 minutes part. */
export const minutesAndMs = (msPart: number, minutesPart: number): number => minutesPart * 60_000 + msPart;

/** Lap and sector times, best-lap numbers: 0 is the game's "not set yet". */
export const unlessZero = (value: number): number | undefined => (value === 0 ? undefined : value);

/** 255 is the game's "none" in u8 fields: no car (vehicle indices), panel closed, lap not set. */
export const unless255 = (value: number): number | undefined => (value === 255 ? undefined : value);

/** u8 flags: 0 is false, anything else true. */
export const flagOn = (value: number): boolean => value !== 0;

/** EA's -1 "unknown" sent in a u8 (255): absent; else 0/1 as a boolean. */
export const knownFlag = (value: number): boolean | undefined =>
  value === 255 || value === -1 ? undefined : value !== 0;

/**
 * A decoded wheel array as the model's Wheels. The decoders build a fresh 4-long array per datagram that nothing
 * else keeps, so it is taken as it is (a copy per wheel array, four per car on most packets, was a measurable
 * part of the processor's garbage); anything else is copied (the `?? 0` only satisfies the index checks).
 */
export function wheels(values: readonly number[]): Wheels {
  if (values.length === 4 && Array.isArray(values)) return values as unknown as Wheels;
  return [values[0] ?? 0, values[1] ?? 0, values[2] ?? 0, values[3] ?? 0];
}

/** A vector from its three components, each divided by `divisor` (a quantisation step). */
export const vec3 = (x: number, y: number, z: number, divisor = 1): Vec3 => ({
  x: x / divisor,
  y: y / divisor,
  z: z / divisor,
});

/** The first `count` entries (a count the game sends, clamped to the array it sized). */
export const firstOf = <T>(items: readonly T[], count: number): T[] => items.slice(0, Math.max(0, count));
