import { defineMetric, type MetricContext } from "../../engine/metric.ts";
import type { ModelEvent } from "../../model/types.ts";
import { formatLapTime } from "../format-time.ts";

/** Codes too frequent or too technical for a fans' feed (button presses, every speed trap). */
const QUIET = new Set(["BUTN", "STLG"]);

/**
 * The events feed: the game's events in words, with the cars involved. Names are the game's strings,
 * carried as plain text (the web client renders text, never HTML).
 */
export const eventsFeed = defineMetric<Record<string, never>>({
  name: "events-feed",
  init: () => ({}),
  on: {
    event(_s, p, ctx) {
      const e = p.event;
      if (QUIET.has(e.code)) return;
      if (e.code === "SPTP" && !e.isOverallFastestInSession) return;
      const text = describe(e, ctx);
      if (text === undefined) return;
      ctx.emit.event({ code: e.code, ...cars(e), text, details: details(e) });
    },
  },
});

function cars(e: ModelEvent): { carIndex?: number; otherCarIndex?: number } {
  if ("vehicleIndex" in e)
    return { carIndex: e.vehicleIndex, otherCarIndex: "otherVehicleIndex" in e ? e.otherVehicleIndex : undefined };
  if (e.code === "OVTK") return { carIndex: e.overtakingVehicleIndex, otherCarIndex: e.overtakenVehicleIndex };
  if (e.code === "COLL") return { carIndex: e.vehicle1Index, otherCarIndex: e.vehicle2Index };
  return {};
}

function details(e: ModelEvent): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(e)) {
    if (k !== "code" && (typeof v === "string" || typeof v === "number" || typeof v === "boolean")) out[k] = v;
  }
  return out;
}

function describe(e: ModelEvent, { view }: MetricContext): string | undefined {
  const name = (i: number | undefined) => (i === undefined ? "?" : view.driverName(i));
  switch (e.code) {
    case "SSTA":
      return "Session started";
    case "SEND":
      return "Session ended";
    case "CHQF":
      return "Chequered flag";
    case "LGOT":
      return "Lights out";
    case "RDFL":
      return "Red flag";
    case "DRSE":
      return "DRS enabled";
    case "DRSD":
      return e.reason ? `DRS disabled (${e.reason})` : "DRS disabled";
    case "FTLP":
      return `Fastest lap: ${name(e.vehicleIndex)} ${formatLapTime(e.lapTimeMs)}`;
    case "RTMT":
      return `${name(e.vehicleIndex)} retired${e.reason ? ` (${e.reason})` : ""}`;
    case "TMPT":
      return `${name(e.vehicleIndex)}'s team mate is in the pits`;
    case "RCWN":
      return `${name(e.vehicleIndex)} wins the race`;
    case "DTSV":
      return `${name(e.vehicleIndex)} served a drive-through`;
    case "SGSV":
      return `${name(e.vehicleIndex)} served a stop-go`;
    case "PENA":
      return `${name(e.vehicleIndex)}: ${e.penaltyType ?? "penalty"}${e.infringement ? ` (${e.infringement})` : ""}${
        e.timeS !== undefined ? `, ${e.timeS} s` : ""
      }`;
    case "SPTP":
      return `Speed trap: ${name(e.vehicleIndex)} ${e.speedKmh.toFixed(1)} km/h`;
    case "FLBK":
      return "Flashback";
    case "OVTK":
      return `${name(e.overtakingVehicleIndex)} overtakes ${name(e.overtakenVehicleIndex)}`;
    case "SCAR":
      return `Safety car${e.safetyCarType ? ` (${e.safetyCarType})` : ""}${e.eventType ? `: ${e.eventType}` : ""}`;
    case "COLL":
      return `Collision: ${name(e.vehicle1Index)} and ${name(e.vehicle2Index)}${e.severity ? ` (${e.severity})` : ""}`;
    default:
      return undefined;
  }
}
