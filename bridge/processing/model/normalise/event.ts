// Event (id 3): one case per code; the details each format adds are optional in the model.
import { infringementTypeName } from "../../../f1/lookups/index.ts";
import * as code from "../enums.ts";
import type { PacketMeta } from "../types/base.ts";
import type { EventPacket, ModelEvent } from "../types/event.ts";
import { flagOn, secondsToMs, unless255 } from "../units.ts";
import type { Decoded } from "./decoded.ts";

export function event(p: Decoded<"event">, meta: PacketMeta): EventPacket {
  return { kind: "event", meta, event: details(p.data, p.packetFormat) };
}

function details(e: Decoded<"event">["data"], f: number): ModelEvent {
  switch (e.eventStringCode) {
    case "SSTA":
    case "SEND":
    case "DRSE":
    case "CHQF":
    case "LGOT":
    case "RDFL":
      return { code: e.eventStringCode };
    case "FTLP":
      return { code: "FTLP", vehicleIndex: e.eventDetails.vehicleIdx, lapTimeMs: secondsToMs(e.eventDetails.lapTime) };
    case "RTMT": {
      const d = e.eventDetails;
      return {
        code: "RTMT",
        vehicleIndex: d.vehicleIdx,
        reason: "reason" in d ? code.resultReason(d.reason) : undefined,
      };
    }
    case "DRSD":
      return { code: "DRSD", reason: e.eventDetails ? code.drsDisabledReason(e.eventDetails.reason) : undefined };
    case "TMPT":
    case "RCWN":
    case "DTSV":
      return { code: e.eventStringCode, vehicleIndex: e.eventDetails.vehicleIdx };
    case "SGSV": {
      const d = e.eventDetails;
      return {
        code: "SGSV",
        vehicleIndex: d.vehicleIdx,
        stopTimeMs: "stopTime" in d ? secondsToMs(d.stopTime) : undefined,
      };
    }
    case "PENA": {
      const d = e.eventDetails;
      return {
        code: "PENA",
        penaltyTypeId: d.penaltyType,
        penaltyType: code.penaltyType(f, d.penaltyType),
        infringementTypeId: d.infringementType,
        infringement: infringementTypeName(f, d.infringementType),
        vehicleIndex: d.vehicleIdx,
        otherVehicleIndex: unless255(d.otherVehicleIdx),
        timeS: unless255(d.time),
        lapNumber: d.lapNum,
        placesGained: unless255(d.placesGained),
      };
    }
    case "SPTP": {
      const d = e.eventDetails;
      // 2021 names the flags overallFastestInSession / driverFastestInSession; F1 22 adds "is" and the session best.
      const [overall, driver] =
        "isOverallFastestInSession" in d
          ? [d.isOverallFastestInSession, d.isDriverFastestInSession]
          : "overallFastestInSession" in d
            ? [d.overallFastestInSession, d.driverFastestInSession]
            : [];
      return {
        code: "SPTP",
        vehicleIndex: d.vehicleIdx,
        speedKmh: d.speed,
        isOverallFastestInSession: overall === undefined ? undefined : flagOn(overall),
        isDriverFastestInSession: driver === undefined ? undefined : flagOn(driver),
        fastestVehicleIndexInSession:
          "fastestVehicleIdxInSession" in d ? unless255(d.fastestVehicleIdxInSession) : undefined,
        fastestSpeedInSessionKmh: "fastestSpeedInSession" in d ? d.fastestSpeedInSession : undefined,
      };
    }
    case "STLG":
      return { code: "STLG", numLights: e.eventDetails.numLights };
    case "FLBK":
      return {
        code: "FLBK",
        frame: e.eventDetails.flashbackFrameIdentifier,
        sessionTimeMs: e.eventDetails.flashbackSessionTime * 1000,
      };
    case "BUTN":
      return { code: "BUTN", buttonStatus: e.eventDetails.buttonStatus };
    case "OVTK":
      return {
        code: "OVTK",
        overtakingVehicleIndex: e.eventDetails.overtakingVehicleIdx,
        overtakenVehicleIndex: e.eventDetails.beingOvertakenVehicleIdx,
      };
    case "SCAR":
      return {
        code: "SCAR",
        safetyCarType: code.safetyCarType(f, e.eventDetails.safetyCarType),
        eventType: code.safetyCarEventType(f, e.eventDetails.eventType),
      };
    case "COLL": {
      const d = e.eventDetails;
      return {
        code: "COLL",
        vehicle1Index: d.vehicle1Idx,
        vehicle2Index: d.vehicle2Idx,
        severity: "severity" in d ? code.collisionSeverity(f, d.severity) : undefined,
      };
    }
  }
}
