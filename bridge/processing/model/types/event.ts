import type { ModelBase } from "./base.ts";
import type {
  CollisionSeverity,
  DrsDisabledReason,
  PenaltyType,
  ResultReason,
  SafetyCarEventType,
  SafetyCarStatus,
} from "./enums.ts";

/** A game event, discriminated on EA's four-letter code (the same codes in every format that has them). */
export type ModelEvent =
  | { code: "SSTA" | "SEND" | "DRSE" | "CHQF" | "LGOT" | "RDFL" }
  | { code: "FTLP"; vehicleIndex: number; lapTimeMs: number }
  /** F1 25 adds the reason. */
  | { code: "RTMT"; vehicleIndex: number; reason?: ResultReason }
  /** F1 25 adds the reason. */
  | { code: "DRSD"; reason?: DrsDisabledReason }
  | { code: "TMPT" | "RCWN" | "DTSV"; vehicleIndex: number }
  /** F1 25 adds the time stopped. */
  | { code: "SGSV"; vehicleIndex: number; stopTimeMs?: number }
  | PenaltyEvent
  | SpeedTrapEvent
  | { code: "STLG"; numLights: number }
  /** The frame and session time the game went back to (unrounded, like meta.sessionTimeMs). */
  | { code: "FLBK"; frame: number; sessionTimeMs: number }
  | { code: "BUTN"; buttonStatus: number }
  | { code: "OVTK"; overtakingVehicleIndex: number; overtakenVehicleIndex: number }
  | { code: "SCAR"; safetyCarType?: SafetyCarStatus; eventType?: SafetyCarEventType }
  /** 2026 adds the severity. */
  | { code: "COLL"; vehicle1Index: number; vehicle2Index: number; severity?: CollisionSeverity };

export interface PenaltyEvent {
  code: "PENA";
  penaltyTypeId: number;
  penaltyType?: PenaltyType;
  infringementTypeId: number;
  infringement?: string;
  vehicleIndex: number;
  /** Absent when 255 (no other car involved). */
  otherVehicleIndex?: number;
  /** Time gained, or spent doing the action (whole seconds); absent when 255 (not applicable: warnings...). */
  timeS?: number;
  lapNumber: number;
  /** Absent when 255 (not applicable). */
  placesGained?: number;
}

export interface SpeedTrapEvent {
  code: "SPTP";
  vehicleIndex: number;
  speedKmh: number;
  /** 2021+. */
  isOverallFastestInSession?: boolean;
  isDriverFastestInSession?: boolean;
  /** 2022+. */
  fastestVehicleIndexInSession?: number;
  fastestSpeedInSessionKmh?: number;
}

export type EventCode = ModelEvent["code"];

export interface EventPacket extends ModelBase<"event"> {
  event: ModelEvent;
}
