// Safety car status (Session m_safetyCarStatus): 0-2 in the F1 2018, 2019 and 2020 specs; 3 = formation lap from the
// F1 2021 spec on (some 2020 parsers list 3 too, as their own addition: the F1 2020 document stops at 2).
// Safety car event details ("SCAR", F1 24 and F1 25 specs): safetyCarType uses the same ids, eventType 0-3.
import { lookupForFormat } from "./lookup.ts";
import { lookupFrom } from "./tables.ts";

export const SAFETY_CAR_STATUS_2018 = {
  0: "No Safety Car",
  1: "Full Safety Car",
  2: "Virtual Safety Car",
} as const;

export const SAFETY_CAR_STATUS_2021 = {
  ...SAFETY_CAR_STATUS_2018,
  3: "Formation Lap",
} as const;

export const SAFETY_CAR_STATUS_BY_FORMAT = [
  [2018, SAFETY_CAR_STATUS_2018],
  [2021, SAFETY_CAR_STATUS_2021],
] as const;

/** SCAR event m_eventDetails.eventType. */
export const SAFETY_CAR_EVENT_TYPES = {
  0: "Deployed",
  1: "Returning",
  2: "Returned",
  3: "Resume Race",
} as const;

export function safetyCarStatusName(packetFormat: number, id: number): string | undefined {
  return lookupForFormat<string>(SAFETY_CAR_STATUS_BY_FORMAT, packetFormat, id);
}

/** SCAR event safetyCarType (2024+): same ids as the session's safety car status. */
export function safetyCarTypeName(packetFormat: number, id: number): string | undefined {
  return lookupFrom(2024, SAFETY_CAR_STATUS_2021, packetFormat, id);
}

export function safetyCarEventTypeName(packetFormat: number, id: number): string | undefined {
  return lookupFrom(2024, SAFETY_CAR_EVENT_TYPES, packetFormat, id);
}
