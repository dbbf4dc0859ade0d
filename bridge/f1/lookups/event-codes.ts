// Event string codes (Event packet m_eventStringCode) with the first packetFormat whose spec lists them:
// F1 2018 (SSTA, SEND), F1 2019 (+7), F1 2020 (PENA, SPTP), F1 2021 (+6), F1 23 (RDFL, OVTK), F1 24 (SCAR, COLL).
// F1 22 and F1 25 added none. Names and descriptions follow the specs' "Event String Codes" tables.
import { isFormatFrom, listedIn } from "./tables.ts";

export interface EventCodeInfo {
  readonly name: string;
  readonly description: string;
  /** First packetFormat that has this event. */
  readonly since: number;
}

export const EVENT_CODES = {
  SSTA: { name: "Session Started", description: "Sent when the session starts", since: 2018 },
  SEND: { name: "Session Ended", description: "Sent when the session ends", since: 2018 },
  FTLP: { name: "Fastest Lap", description: "When a driver achieves the fastest lap", since: 2019 },
  RTMT: { name: "Retirement", description: "When a driver retires", since: 2019 },
  DRSE: { name: "DRS enabled", description: "Race control have enabled DRS", since: 2019 },
  DRSD: { name: "DRS disabled", description: "Race control have disabled DRS", since: 2019 },
  TMPT: { name: "Team mate in pits", description: "Your team mate has entered the pits", since: 2019 },
  CHQF: { name: "Chequered flag", description: "The chequered flag has been waved", since: 2019 },
  RCWN: { name: "Race Winner", description: "The race winner is announced", since: 2019 },
  PENA: { name: "Penalty Issued", description: "A penalty has been issued – details in event", since: 2020 },
  SPTP: { name: "Speed Trap Triggered", description: "Speed trap has been triggered by fastest speed", since: 2020 },
  STLG: { name: "Start lights", description: "Start lights – number shown", since: 2021 },
  LGOT: { name: "Lights out", description: "Lights out", since: 2021 },
  DTSV: { name: "Drive through served", description: "Drive through penalty served", since: 2021 },
  SGSV: { name: "Stop go served", description: "Stop go penalty served", since: 2021 },
  FLBK: { name: "Flashback", description: "Flashback activated", since: 2021 },
  BUTN: { name: "Button status", description: "Button status changed", since: 2021 },
  RDFL: { name: "Red Flag", description: "Red flag shown", since: 2023 },
  OVTK: { name: "Overtake", description: "Overtake occurred", since: 2023 },
  SCAR: { name: "Safety Car", description: "Safety car event - details in event", since: 2024 },
  COLL: { name: "Collision", description: "Collision between two vehicles has occurred", since: 2024 },
} as const satisfies Record<string, EventCodeInfo>;

export type EventCode = keyof typeof EVENT_CODES;

export function isEventCode(code: string): code is EventCode {
  return Object.hasOwn(EVENT_CODES, code);
}

export function eventCodeInfo(code: string): EventCodeInfo | undefined {
  return isEventCode(code) ? EVENT_CODES[code] : undefined;
}

/** The codes a format's spec lists, in spec order; empty for formats outside 2018..2026 (2026 added none). */
export function eventCodesFor(packetFormat: number): EventCode[] {
  return (Object.keys(EVENT_CODES) as EventCode[]).filter((code) =>
    isFormatFrom(packetFormat, EVENT_CODES[code].since),
  );
}

/** Name of an event, or undefined when the code is unknown or not in that format's spec. */
export function eventName(packetFormat: number, code: string): string | undefined {
  return listedIn(eventCodeInfo(code), packetFormat)?.name;
}
