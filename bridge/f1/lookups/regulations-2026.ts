// Values of the fields UDP Format 2026 adds (EA's "Data Output from F1 25 2026 Season Pack"): the session's active
// aero and assists, Car Telemetry 2's active aero mode, and the Collision event's severity. Undefined before 2026.
import { lookupFrom } from "./tables.ts";

/** Session m_activeAeroTrackStatus: which set of active aero zones is in use. */
export const ACTIVE_AERO_TRACK_STATUS = { 0: "Full", 1: "Partial" } as const;

/** Car Telemetry 2 m_activeAeroMode. */
export const ACTIVE_AERO_MODES = { 0: "Corner", 1: "Straight" } as const;

/** Collision event (COLL) severity. */
export const COLLISION_SEVERITIES = { 0: "Low", 1: "Medium", 2: "High" } as const;

/** Session m_tractionControlAssist. */
export const TRACTION_CONTROL_ASSISTS = { 0: "Off", 1: "Medium", 2: "Full" } as const;

/** Session m_dynamicRacingLineColourBlind. */
export const COLOUR_BLIND_MODES = { 0: "Off", 1: "Protanopia", 2: "Deuteranopia", 3: "Tritanopia" } as const;

export const activeAeroTrackStatusName = (packetFormat: number, id: number) =>
  lookupFrom(2026, ACTIVE_AERO_TRACK_STATUS, packetFormat, id);
export const activeAeroModeName = (packetFormat: number, id: number) =>
  lookupFrom(2026, ACTIVE_AERO_MODES, packetFormat, id);
export const collisionSeverityName = (packetFormat: number, id: number) =>
  lookupFrom(2026, COLLISION_SEVERITIES, packetFormat, id);
export const tractionControlAssistName = (packetFormat: number, id: number) =>
  lookupFrom(2026, TRACTION_CONTROL_ASSISTS, packetFormat, id);
export const colourBlindModeName = (packetFormat: number, id: number) =>
  lookupFrom(2026, COLOUR_BLIND_MODES, packetFormat, id);
