import type { ModelBase } from "./base.ts";
import type {
  Flag,
  SafetyCarStatus,
  SessionKind,
  SessionLength,
  SessionType,
  TemperatureChange,
  Weather,
} from "./enums.ts";

export interface MarshalZone {
  /** Where the zone starts, as a fraction (0..1) of the lap. */
  startFraction: number;
  flag?: Flag;
}

/** A stretch of the lap as fractions (0..1): 2026's active aero and DRS zones. */
export interface LapZone {
  startFraction: number;
  endFraction: number;
}

export interface ForecastSample {
  sessionTypeId: number;
  sessionType?: SessionType;
  /** Minutes from now. */
  timeOffsetMin: number;
  weather?: Weather;
  trackTempC: number;
  airTempC: number;
  /** 2021+. */
  trackTempChange?: TemperatureChange;
  airTempChange?: TemperatureChange;
  rainPct?: number;
}

/** Assist settings as EA's ids (0 = off in each; see the spec for the other values). 2021+, some 2026 only. */
export interface SessionAssists {
  steering: number;
  braking: number;
  gearbox: number;
  pit: number;
  pitRelease: number;
  ers: number;
  drs: number;
  dynamicRacingLine: number;
  dynamicRacingLineType: number;
  antiLockBrakes?: number;
  tractionControl?: number;
  dynamicRacingLineHiVis?: number;
  dynamicRacingLineColourBlind?: number;
}

export interface UnitsSetting {
  speed?: "mph" | "kmh";
  temperature?: "celsius" | "fahrenheit";
}

/** F1 24+ session rules, named as EA names them. */
export const SESSION_RULES = [
  "equalCarPerformance",
  "recoveryMode",
  "flashbackLimit",
  "surfaceType",
  "lowFuelMode",
  "raceStarts",
  "tyreTemperature",
  "pitLaneTyreSim",
  "carDamage",
  "carDamageRate",
  "collisions",
  "collisionsOffForFirstLapOnly",
  "mpUnsafePitRelease",
  "mpOffForGriefing",
  "cornerCuttingStringency",
  "parcFermeRules",
  "pitStopExperience",
  "safetyCar",
  "safetyCarExperience",
  "formationLap",
  "formationLapExperience",
  "redFlags",
  "affectsLicenceLevelSolo",
  "affectsLicenceLevelMP",
] as const;

/** The rules as EA's ids (the spec's "Session" appendix); kept for completeness, not interpreted. */
export type SessionRules = Record<(typeof SESSION_RULES)[number], number>;

export interface SessionPacket extends ModelBase<"session"> {
  trackId: number;
  track?: string;
  trackLengthM: number;
  sessionTypeId: number;
  sessionType?: SessionType;
  sessionKind?: SessionKind;
  totalLaps: number;
  timeLeftS: number;
  durationS: number;
  weather?: Weather;
  trackTempC: number;
  airTempC: number;
  pitSpeedLimitKmh: number;
  gamePaused: boolean;
  isSpectating: boolean;
  spectatorCarIndex?: number;
  sliProNativeSupport: boolean;
  networkGame: boolean;
  safetyCarStatus?: SafetyCarStatus;
  /** 2019+ formula; 2018's era (0 modern, 1 classic) is the same byte with the same two first ids. */
  formulaId: number;
  formula?: string;
  marshalZones: MarshalZone[];
  /** 2020+. */
  forecast?: ForecastSample[];
  /** 2021+. */
  forecastAccuracy?: "perfect" | "approximate";
  aiDifficulty?: number;
  seasonLinkId?: number;
  weekendLinkId?: number;
  sessionLinkId?: number;
  pitStopWindowIdealLap?: number;
  pitStopWindowLatestLap?: number;
  pitStopRejoinPosition?: number;
  assists?: SessionAssists;
  /** 2022+. */
  gameModeId?: number;
  ruleSetId?: number;
  ruleSet?: string;
  /** Minutes since midnight. */
  timeOfDayMin?: number;
  sessionLength?: SessionLength;
  /** 2023+. */
  unitsLeadPlayer?: UnitsSetting;
  unitsSecondaryPlayer?: UnitsSetting;
  numSafetyCarPeriods?: number;
  numVirtualSafetyCarPeriods?: number;
  numRedFlagPeriods?: number;
  /** 2024+. */
  rules?: SessionRules;
  weekend?: { sessionTypeId: number; sessionType?: SessionType }[];
  sector2StartM?: number;
  sector3StartM?: number;
  /** 2026. */
  activeAeroTrackStatus?: "full" | "partial";
  activeAeroZonesFull?: LapZone[];
  activeAeroZonesPartial?: LapZone[];
  drsZones?: LapZone[];
  startReactionTimeMs?: number;
  recurringRewindPrompt?: boolean;
}
