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

const RACE = { name: "Race", kind: "race" } as const;
const RACE_2 = { name: "Race 2", kind: "race" } as const;
const RACE_3 = { name: "Race 3", kind: "race" } as const;
const TIME_TRIAL = { name: "Time Trial", kind: "timeTrial" } as const;

export const SESSION_TYPES_2018 = {
  ...PRACTICE_AND_QUALIFYING,
  10: RACE,
  11: RACE_2,
  12: TIME_TRIAL,
} as const satisfies LookupTable<SessionTypeInfo>;

/** F1 2021: Race 3 at 12, Time Trial moves to 13. */
export const SESSION_TYPES_2021 = {
  ...SESSION_TYPES_2018,
  12: RACE_3,
  13: TIME_TRIAL,
} as const satisfies LookupTable<SessionTypeInfo>;

/** F1 24: sprint shootouts at 10-14; the races and Time Trial move up by five. */
export const SESSION_TYPES_2024 = {
  ...PRACTICE_AND_QUALIFYING,
  10: { name: "Sprint Shootout 1", kind: "qualifying" },
  11: { name: "Sprint Shootout 2", kind: "qualifying" },
  12: { name: "Sprint Shootout 3", kind: "qualifying" },
  13: { name: "Short Sprint Shootout", kind: "qualifying" },
  14: { name: "One-Shot Sprint Shootout", kind: "qualifying" },
  15: RACE,
  16: RACE_2,
  17: RACE_3,
  18: TIME_TRIAL,
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
