// The fixed vocabularies of the model: EA's numeric codes become these lowercase strings, the same in every format.
// Which id means what in which format lives in bridge/f1/lookups (or, for codes it does not cover, in ../enums.ts);
// an id the format's spec does not list leaves the model's field absent rather than guessing.

export const SESSION_TYPES = [
  "unknown",
  "practice-1",
  "practice-2",
  "practice-3",
  "short-practice",
  "qualifying-1",
  "qualifying-2",
  "qualifying-3",
  "short-qualifying",
  "one-shot-qualifying",
  "sprint-shootout-1",
  "sprint-shootout-2",
  "sprint-shootout-3",
  "short-sprint-shootout",
  "one-shot-sprint-shootout",
  "race",
  "race-2",
  "race-3",
  "time-trial",
] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

/** What kind of session a SessionType is (sprint shootouts are qualifying). */
export const SESSION_KINDS = ["unknown", "practice", "qualifying", "race", "time-trial"] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const WEATHERS = ["clear", "light-cloud", "overcast", "light-rain", "heavy-rain", "storm"] as const;
export type Weather = (typeof WEATHERS)[number];
export const TEMPERATURE_CHANGES = ["up", "down", "no-change"] as const;
export type TemperatureChange = (typeof TEMPERATURE_CHANGES)[number];
export const SAFETY_CAR_STATUSES = ["none", "full", "virtual", "formation-lap"] as const;
export type SafetyCarStatus = (typeof SAFETY_CAR_STATUSES)[number];
export const SAFETY_CAR_EVENT_TYPES = ["deployed", "returning", "returned", "resume-race"] as const;
export type SafetyCarEventType = (typeof SAFETY_CAR_EVENT_TYPES)[number];

/** Marshal zone flags and a car's vehicleFiaFlags (EA's -1 "invalid/unknown" leaves the field absent). */
export const FLAGS = ["none", "green", "blue", "yellow", "red"] as const;
export type Flag = (typeof FLAGS)[number];

export const PIT_STATUSES = ["none", "pitting", "in-pit-area"] as const;
export type PitStatus = (typeof PIT_STATUSES)[number];
export const DRIVER_STATUSES = ["in-garage", "flying-lap", "in-lap", "out-lap", "on-track"] as const;
export type DriverStatus = (typeof DRIVER_STATUSES)[number];
export const RESULT_STATUSES = [
  "invalid",
  "inactive",
  "active",
  "finished",
  "did-not-finish",
  "disqualified",
  "not-classified",
  "retired",
] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** F1 25's Final Classification resultReason and Retirement event reason. */
export const RESULT_REASONS = [
  "invalid",
  "retired",
  "finished",
  "terminal-damage",
  "inactive",
  "not-enough-laps",
  "black-flagged",
  "red-flagged",
  "mechanical-failure",
  "session-skipped",
  "session-simulated",
] as const;
export type ResultReason = (typeof RESULT_REASONS)[number];

/** F1 25's DRS disabled event reason. */
export const DRS_DISABLED_REASONS = ["wet-track", "safety-car", "red-flag", "min-lap-not-reached"] as const;
export type DrsDisabledReason = (typeof DRS_DISABLED_REASONS)[number];

export const FUEL_MIXES = ["lean", "standard", "rich", "max"] as const;
export type FuelMix = (typeof FUEL_MIXES)[number];
/** 2018's "0 (off) - 2 (high)" reads as off / medium / full, the names of the later specs. */
export const TRACTION_CONTROLS = ["off", "medium", "full"] as const;
export type TractionControl = (typeof TRACTION_CONTROLS)[number];
/** 2018-2019 have six modes (low..hotlap), 2020-2025 four, 2026 renames overtake to boost. */
export const ERS_DEPLOY_MODES = ["none", "low", "medium", "high", "overtake", "hotlap", "boost"] as const;
export type ErsDeployMode = (typeof ERS_DEPLOY_MODES)[number];

export const PLATFORMS = ["steam", "playstation", "xbox", "origin"] as const;
export type Platform = (typeof PLATFORMS)[number];
export const READY_STATUSES = ["not-ready", "ready", "spectating"] as const;
export type ReadyStatus = (typeof READY_STATUSES)[number];

export const PENALTY_TYPES = [
  "drive-through",
  "stop-go",
  "grid-penalty",
  "penalty-reminder",
  "time-penalty",
  "warning",
  "disqualified",
  "removed-from-formation-lap",
  "parked-too-long-timer",
  "tyre-regulations",
  "this-lap-invalidated",
  "this-and-next-lap-invalidated",
  "this-lap-invalidated-without-reason",
  "this-and-next-lap-invalidated-without-reason",
  "this-and-previous-lap-invalidated",
  "this-and-previous-lap-invalidated-without-reason",
  "retired",
  "black-flag-timer",
] as const;
export type PenaltyType = (typeof PENALTY_TYPES)[number];

export const SESSION_LENGTHS = ["none", "very-short", "short", "medium", "medium-long", "long", "full"] as const;
export type SessionLength = (typeof SESSION_LENGTHS)[number];
export const ACTIVE_AERO_MODES = ["corner", "straight"] as const;
export type ActiveAeroMode = (typeof ACTIVE_AERO_MODES)[number];
export const COLLISION_SEVERITIES = ["low", "medium", "high"] as const;
export type CollisionSeverity = (typeof COLLISION_SEVERITIES)[number];
