import type { ModelBase } from "./base.ts";
import type { ResultReason, ResultStatus, SessionType, TractionControl } from "./enums.ts";

export interface TyreCompounds {
  actualCompoundId: number;
  actualCompound?: string;
  visualCompoundId: number;
  visualCompound?: string;
}

export interface HistoryLap {
  /** Absent while 0 (lap or sector not done); 2023+ minute parts folded in. */
  lapTimeMs?: number;
  sector1Ms?: number;
  sector2Ms?: number;
  sector3Ms?: number;
  lapValid: boolean;
  sector1Valid: boolean;
  sector2Valid: boolean;
  sector3Valid: boolean;
}

export interface HistoryStint extends TyreCompounds {
  /** Absent for the current stint (EA's 255). */
  endLap?: number;
}

/** 2021+: one car's laps and stints; the game cycles through the cars. */
export interface SessionHistoryPacket extends ModelBase<"sessionHistory"> {
  carIndex: number;
  laps: HistoryLap[];
  tyreStints: HistoryStint[];
  /** Absent while 0 (no lap yet). */
  bestLapNumber?: number;
  bestSector1LapNumber?: number;
  bestSector2LapNumber?: number;
  bestSector3LapNumber?: number;
}

export interface ClassificationStint extends TyreCompounds {
  /** 2022+; absent for the stint that ran to the end (EA's 255). */
  endLap?: number;
}

export interface ClassificationCar {
  position: number;
  numLaps: number;
  gridPosition: number;
  points: number;
  numPitStops: number;
  resultStatus?: ResultStatus;
  /** 2025+. */
  resultReason?: ResultReason;
  /** 2020 float seconds, 2021+ ms; absent while 0. */
  bestLapMs?: number;
  /** Without penalties (the game sends float seconds). */
  totalRaceTimeMs: number;
  penaltiesS: number;
  numPenalties: number;
  tyreStints: ClassificationStint[];
}

/** 2020+, once at the end of a race; cars by vehicle index. */
export interface FinalClassificationPacket extends ModelBase<"finalClassification"> {
  numCars: number;
  cars: ClassificationCar[];
}

export interface TyreSet extends TyreCompounds {
  wearPct: number;
  available: boolean;
  recommendedSessionTypeId: number;
  recommendedSession?: SessionType;
  lifeSpanLaps: number;
  usableLifeLaps: number;
  /** Lap time difference to the fitted set. */
  lapDeltaTimeMs: number;
  fitted: boolean;
}

/** 2023+: one car's tyre sets (13 dry then 7 wet); the game cycles through the cars. */
export interface TyreSetsPacket extends ModelBase<"tyreSets"> {
  carIndex: number;
  sets: TyreSet[];
  fittedIndex: number;
}

/** 2025+: each car's position at the start of each lap. */
export interface LapPositionsPacket extends ModelBase<"lapPositions"> {
  /** The lap that positions[0] is (1-based: EA's lapStart + 1). */
  firstLap: number;
  /** [lap][vehicle index], cut to numLaps; 0 where the game has no position. */
  positions: number[][];
}

export interface TimeTrialDataSet {
  carIndex: number;
  teamId: number;
  team?: string;
  /** Absent while 0 (no lap set). */
  lapTimeMs?: number;
  sector1Ms?: number;
  sector2Ms?: number;
  sector3Ms?: number;
  tractionControl?: TractionControl;
  /** EA's id: 1 manual, 2 manual with suggested gear, 3 automatic. */
  gearboxAssist: number;
  antiLockBrakes: boolean;
  equalCarPerformance: boolean;
  customSetup: boolean;
  valid: boolean;
}

/** 2024+, in Time Trial only. */
export interface TimeTrialPacket extends ModelBase<"timeTrial"> {
  playerSessionBest: TimeTrialDataSet;
  personalBest: TimeTrialDataSet;
  rival: TimeTrialDataSet;
}
