// Session types (Session m_sessionType, weather forecast m_sessionType, 2024+ m_weekendStructure) by packetFormat.
// 2018-2020: F1 2018/2019/2020 specs (12 = Time Trial); 2021-2023: F1 2021/22/23 specs (12 = R3, 13 = Time Trial);
// 2024-2025: F1 24/25 appendix "Session types" (sprint shootouts 10-14, race moves to 15).
import { type LookupTable, lookupForFormat } from "./lookup.ts";

export type SessionKind = "unknown" | "practice" | "qualifying" | "race" | "timeTrial";

export interface SessionTypeInfo {
  readonly name: string;
  readonly kind: SessionKind;
}

const PRACTICE_AND_QUALIFYING = {
  0: { name: "Unknown", kind: "unknown" },
  1: { name: "Practice 1", kind: "practice" },
  2: { name: "Practice 2", kind: "practice" },
  3: { name: "Practice 3", kind: "practice" },
  4: { name: "Short Practice", kind: "practice" },
  5: { name: "Qualifying 1", kind: "qualifying" },
  6: { name: "Qualifying 2", kind: "qualifying" },
  7: { name: "Qualifying 3", kind: "qualifying" },
  8: { name: "Short Qualifying", kind: "qualifying" },
  9: { name: "One-Shot Qualifying", kind: "qualifying" },
} as const satisfies LookupTable<SessionTypeInfo>;

export const SESSION_TYPES_2018 = {
  ...PRACTICE_AND_QUALIFYING,
  10: { name: "Race", kind: "race" },
  11: { name: "Race 2", kind: "race" },
  12: { name: "Time Trial", kind: "timeTrial" },
} as const satisfies LookupTable<SessionTypeInfo>;

export const SESSION_TYPES_2021 = {
  ...PRACTICE_AND_QUALIFYING,
  10: { name: "Race", kind: "race" },
  11: { name: "Race 2", kind: "race" },
  12: { name: "Race 3", kind: "race" },
  13: { name: "Time Trial", kind: "timeTrial" },
} as const satisfies LookupTable<SessionTypeInfo>;

export const SESSION_TYPES_2024 = {
  ...PRACTICE_AND_QUALIFYING,
  10: { name: "Sprint Shootout 1", kind: "qualifying" },
  11: { name: "Sprint Shootout 2", kind: "qualifying" },
  12: { name: "Sprint Shootout 3", kind: "qualifying" },
  13: { name: "Short Sprint Shootout", kind: "qualifying" },
  14: { name: "One-Shot Sprint Shootout", kind: "qualifying" },
  15: { name: "Race", kind: "race" },
  16: { name: "Race 2", kind: "race" },
  17: { name: "Race 3", kind: "race" },
  18: { name: "Time Trial", kind: "timeTrial" },
} as const satisfies LookupTable<SessionTypeInfo>;

/** [first packetFormat, table] steps. */
export const SESSION_TYPES_BY_FORMAT = [
  [2018, SESSION_TYPES_2018],
  [2021, SESSION_TYPES_2021],
  [2024, SESSION_TYPES_2024],
] as const;

export function sessionType(packetFormat: number, id: number): SessionTypeInfo | undefined {
  return lookupForFormat<SessionTypeInfo>(SESSION_TYPES_BY_FORMAT, packetFormat, id);
}

export function sessionTypeName(packetFormat: number, id: number): string | undefined {
  return sessionType(packetFormat, id)?.name;
}
