// EA's numeric codes to the model's vocabularies (types/enums.ts): the one place that knows which id means what.
// Codes bridge/f1/lookups covers (per-format numbering included) go through its display names; the rest are tables
// here, each the same in every format that has the field (F1 2018..25 specs).
import {
  activeAeroModeName,
  activeAeroTrackStatusName,
  collisionSeverityName,
  ersDeployModeName,
  penaltyTypeName,
  resultStatusName,
  safetyCarEventTypeName,
  safetyCarStatusName,
  safetyCarTypeName,
  sessionType as sessionTypeInfo,
  temperatureChangeName,
  weatherName,
} from "../../f1/lookups/index.ts";
import {
  ACTIVE_AERO_MODES,
  COLLISION_SEVERITIES,
  type DriverStatus,
  type DrsDisabledReason,
  ERS_DEPLOY_MODES,
  type Flag,
  type FuelMix,
  PENALTY_TYPES,
  type PitStatus,
  type Platform,
  RESULT_STATUSES,
  type ReadyStatus,
  type ResultReason,
  SAFETY_CAR_EVENT_TYPES,
  SAFETY_CAR_STATUSES,
  SESSION_KINDS,
  SESSION_TYPES,
  type SessionLength,
  TEMPERATURE_CHANGES,
  type TractionControl,
  WEATHERS,
  type Weather,
} from "./types/enums.ts";

/** "Light Cloud" -> "light-cloud", "timeTrial" -> "time-trial". */
export function slug(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * A vocabulary read through a lookup: the display name `nameOf(format, id)` gives, slugged (with explicit renames where
 * the slug is not our word). Memoised per (format, u8 id): this runs for every car of every packet, and the lookup
 * plus slugging cost microseconds each.
 */
function vocabulary<V extends string>(
  values: readonly V[],
  nameOf: (format: number, id: number) => string | undefined,
  renames: Readonly<Record<string, V>> = {},
) {
  const known = new Set<string>(values);
  const read = (format: number, id: number): V | undefined => {
    const name = nameOf(format, id);
    if (name === undefined) return undefined;
    if (Object.hasOwn(renames, name)) return renames[name];
    const s = slug(name);
    return known.has(s) ? (s as V) : undefined;
  };
  const memo = new Map<number, V | undefined>();
  return (format: number, id: number): V | undefined => {
    if (!Number.isInteger(id) || id < 0 || id > 255) return read(format, id);
    const key = format * 256 + id;
    if (memo.has(key)) return memo.get(key);
    const value = read(format, id);
    memo.set(key, value);
    return value;
  };
}

/** An id table; undefined for ids it does not list (never a prototype property). */
function byId<V extends string>(table: Readonly<Record<number, V>>) {
  return (id: number): V | undefined => (Object.hasOwn(table, id) ? table[id] : undefined);
}

export const sessionType = vocabulary(SESSION_TYPES, (f, id) => sessionTypeInfo(f, id)?.name);
export const sessionKind = vocabulary(SESSION_KINDS, (f, id) => sessionTypeInfo(f, id)?.kind);
const weatherOf = vocabulary(WEATHERS, (_, id) => weatherName(id));
/** The same ids in every format. */
export const weather = (id: number): Weather | undefined => weatherOf(0, id);
export const temperatureChange = vocabulary(TEMPERATURE_CHANGES, temperatureChangeName);
const SAFETY_CAR_RENAMES = {
  "No Safety Car": "none",
  "Full Safety Car": "full",
  "Virtual Safety Car": "virtual",
} as const;
export const safetyCarStatus = vocabulary(SAFETY_CAR_STATUSES, safetyCarStatusName, SAFETY_CAR_RENAMES);
export const safetyCarType = vocabulary(SAFETY_CAR_STATUSES, safetyCarTypeName, SAFETY_CAR_RENAMES);
export const safetyCarEventType = vocabulary(SAFETY_CAR_EVENT_TYPES, safetyCarEventTypeName);
export const resultStatus = vocabulary(RESULT_STATUSES, resultStatusName);
export const ersDeployMode = vocabulary(ERS_DEPLOY_MODES, ersDeployModeName);
export const penaltyType = vocabulary(PENALTY_TYPES, penaltyTypeName);
export const activeAeroMode = vocabulary(ACTIVE_AERO_MODES, activeAeroModeName);
export const activeAeroTrackStatus = vocabulary(["full", "partial"] as const, activeAeroTrackStatusName);
export const collisionSeverity = vocabulary(COLLISION_SEVERITIES, collisionSeverityName);

// Codes the lookups do not cover: the same ids in every format that has the field.
export const pitStatus = byId<PitStatus>({ 0: "none", 1: "pitting", 2: "in-pit-area" });
export const driverStatus = byId<DriverStatus>({
  0: "in-garage",
  1: "flying-lap",
  2: "in-lap",
  3: "out-lap",
  4: "on-track",
});
/** vehicleFiaFlags and marshal zone flags; -1 is "invalid/unknown". */
export const flag = byId<Flag>({ 0: "none", 1: "green", 2: "blue", 3: "yellow", 4: "red" });
export const fuelMix = byId<FuelMix>({ 0: "lean", 1: "standard", 2: "rich", 3: "max" });
export const tractionControl = byId<TractionControl>({ 0: "off", 1: "medium", 2: "full" });
/** 255 is "unknown". */
export const platform = byId<Platform>({ 1: "steam", 3: "playstation", 4: "xbox", 6: "origin" });
export const readyStatus = byId<ReadyStatus>({ 0: "not-ready", 1: "ready", 2: "spectating" });
export const resultReason = byId<ResultReason>({
  0: "invalid",
  1: "retired",
  2: "finished",
  3: "terminal-damage",
  4: "inactive",
  5: "not-enough-laps",
  6: "black-flagged",
  7: "red-flagged",
  8: "mechanical-failure",
  9: "session-skipped",
  10: "session-simulated",
});
export const drsDisabledReason = byId<DrsDisabledReason>({
  0: "wet-track",
  1: "safety-car",
  2: "red-flag",
  3: "min-lap-not-reached",
});
export const sessionLength = byId<SessionLength>({
  0: "none",
  2: "very-short",
  3: "short",
  4: "medium",
  5: "medium-long",
  6: "long",
  7: "full",
});
export const forecastAccuracy = byId<"perfect" | "approximate">({ 0: "perfect", 1: "approximate" });
export const speedUnits = byId<"mph" | "kmh">({ 0: "mph", 1: "kmh" });
export const temperatureUnits = byId<"celsius" | "fahrenheit">({ 0: "celsius", 1: "fahrenheit" });
