import type { ModelBase } from "./base.ts";
import type { DriverStatus, PitStatus, ResultStatus } from "./enums.ts";

export interface LapDataCar {
  /** Absent until the car completes a lap (the game sends 0). */
  lastLapMs?: number;
  currentLapMs: number;
  /** This lap's sector times, absent until the sector is done (the game sends 0). 2023+ minute parts folded in. */
  sector1Ms?: number;
  sector2Ms?: number;
  /** 2018-2020 only (later formats report best laps in Session History); absent while 0. */
  bestLapMs?: number;
  /** 2020 only. */
  bestLapNumber?: number;
  bestLapSectorsMs?: [number, number, number];
  bestOverallSectors?: [BestSector, BestSector, BestSector];
  /** Can be negative before the car first crosses the line. */
  lapDistanceM: number;
  totalDistanceM: number;
  safetyCarDeltaMs: number;
  position: number;
  lapNumber: number;
  /** 0, 1 or 2, as EA numbers sectors. */
  sector: number;
  pitStatus?: PitStatus;
  lapInvalid: boolean;
  penaltiesS: number;
  gridPosition: number;
  driverStatus?: DriverStatus;
  resultStatus?: ResultStatus;
  /** 2021+. */
  numPitStops?: number;
  /** 2021-2022 warnings, 2023+ totalWarnings. */
  warnings?: number;
  unservedDriveThroughs?: number;
  unservedStopGos?: number;
  pitLaneTimerActive?: boolean;
  pitLaneTimeMs?: number;
  pitStopTimerMs?: number;
  pitStopShouldServePenalty?: boolean;
  /** 2023+. */
  cornerCuttingWarnings?: number;
  /** 2023+; 2024+ adds a minutes part, folded in. */
  deltaToCarInFrontMs?: number;
  deltaToLeaderMs?: number;
  /** 2024+; absent until the car sets one. */
  speedTrapFastestKmh?: number;
  speedTrapFastestLap?: number;
}

export interface BestSector {
  ms?: number;
  lapNumber?: number;
}

export interface LapDataPacket extends ModelBase<"lapData"> {
  cars: LapDataCar[];
  /** Time Trial's personal best and rival cars (2022+); absent when 255. */
  timeTrialPbCarIndex?: number;
  timeTrialRivalCarIndex?: number;
}
