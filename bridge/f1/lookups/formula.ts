// Formula (Session m_formula): F1 2019-2021 specs 0-3; F1 22/23 add 4-7; F1 24/25 drop 5 and 7 and add 8-9; the 2026
// Season Pack (UDP Format 2026) adds 13 = F1 26.
// 2018 has no m_formula but m_era (F1 2018 spec: 0 = modern, 1 = classic).
import { lookup, lookupForFormat } from "./lookup.ts";
import { NO_TABLE, omit } from "./tables.ts";

const FORMULAS_2019 = {
  0: "F1 Modern",
  1: "F1 Classic",
  2: "F2",
  3: "F1 Generic",
} as const;

const FORMULAS_2022 = {
  ...FORMULAS_2019,
  4: "Beta",
  5: "Supercars",
  6: "Esports",
  7: "F2 2021",
} as const;

/** F1 24: 5 (Supercars) and 7 (F2 2021) dropped, 8-9 added. */
const FORMULAS_2024 = { ...omit(FORMULAS_2022, [5, 7]), 8: "F1 World", 9: "F1 Elimination" } as const;

/** UDP Format 2026: 13 = F1 26 (the 2026 cars). */
const FORMULAS_2026 = { ...FORMULAS_2024, 13: "F1 26" } as const;

/** [first packetFormat, table]; 2018 maps to an empty table (the field does not exist). */
export const FORMULAS_BY_FORMAT = [
  [2018, NO_TABLE],
  [2019, FORMULAS_2019],
  [2022, FORMULAS_2022],
  [2024, FORMULAS_2024],
  [2026, FORMULAS_2026],
] as const;

/** 2018 Session m_era. */
export const ERAS_2018 = {
  0: "Modern",
  1: "Classic",
} as const;

export function formulaName(packetFormat: number, id: number): string | undefined {
  return lookupForFormat<string>(FORMULAS_BY_FORMAT, packetFormat, id);
}

export function eraName2018(id: number): string | undefined {
  return lookup(ERAS_2018, id);
}
