// Tyre compounds. 2018: one m_tyreCompound field (F1 2018 spec). 2019+: m_actualTyreCompound and m_visualTyreCompound
// (Car Status, Session History, Final Classification, Tyre Sets) from the F1 2019 to F1 25 specs; each entry says
// from which packetFormat (and until which, if dropped) it is listed.
import { isLookupFormat, type LookupTable, lookup } from "./lookup.ts";

export type TyreFormula = "F1 Modern" | "F1 Classic" | "F2";

export interface TyreCompoundInfo {
  readonly name: string;
  readonly formula: TyreFormula;
  /** First packetFormat whose spec lists this id. */
  readonly since: number;
}

/** 2018, m_tyreCompound when m_era = 0 (modern). */
export const TYRE_COMPOUNDS_2018 = {
  0: "Hyper Soft",
  1: "Ultra Soft",
  2: "Super Soft",
  3: "Soft",
  4: "Medium",
  5: "Hard",
  6: "Super Hard",
  7: "Inter",
  8: "Wet",
} as const;

/** 2018, m_tyreCompound when m_era = 1 (classic): "0-6 = dry, 7-8 = wet". */
export const TYRE_COMPOUNDS_2018_CLASSIC = {
  0: "Dry",
  1: "Dry",
  2: "Dry",
  3: "Dry",
  4: "Dry",
  5: "Dry",
  6: "Dry",
  7: "Wet",
  8: "Wet",
} as const;

/** m_actualTyreCompound, packetFormat 2019+ (C0 from F1 23, C6 from F1 25). */
export const ACTUAL_TYRE_COMPOUNDS = {
  7: { name: "Inter", formula: "F1 Modern", since: 2019 },
  8: { name: "Wet", formula: "F1 Modern", since: 2019 },
  9: { name: "Dry", formula: "F1 Classic", since: 2019 },
  10: { name: "Wet", formula: "F1 Classic", since: 2019 },
  11: { name: "Super Soft", formula: "F2", since: 2019 },
  12: { name: "Soft", formula: "F2", since: 2019 },
  13: { name: "Medium", formula: "F2", since: 2019 },
  14: { name: "Hard", formula: "F2", since: 2019 },
  15: { name: "Wet", formula: "F2", since: 2019 },
  16: { name: "C5", formula: "F1 Modern", since: 2019 },
  17: { name: "C4", formula: "F1 Modern", since: 2019 },
  18: { name: "C3", formula: "F1 Modern", since: 2019 },
  19: { name: "C2", formula: "F1 Modern", since: 2019 },
  20: { name: "C1", formula: "F1 Modern", since: 2019 },
  21: { name: "C0", formula: "F1 Modern", since: 2023 },
  22: { name: "C6", formula: "F1 Modern", since: 2025 },
} as const satisfies LookupTable<TyreCompoundInfo>;

/** m_visualTyreCompound, packetFormat 2019+ ("F1 Classic - same as above"; F2's own visual ids from F1 2020). */
export const VISUAL_TYRE_COMPOUNDS = {
  7: { name: "Inter", formula: "F1 Modern", since: 2019 },
  8: { name: "Wet", formula: "F1 Modern", since: 2019 },
  15: { name: "Wet", formula: "F2", since: 2020 },
  16: { name: "Soft", formula: "F1 Modern", since: 2019 },
  17: { name: "Medium", formula: "F1 Modern", since: 2019 },
  18: { name: "Hard", formula: "F1 Modern", since: 2019 },
  19: { name: "Super Soft", formula: "F2", since: 2020 },
  20: { name: "Soft", formula: "F2", since: 2020 },
  21: { name: "Medium", formula: "F2", since: 2020 },
  22: { name: "Hard", formula: "F2", since: 2020 },
} as const satisfies LookupTable<TyreCompoundInfo>;

function inForce(table: LookupTable<TyreCompoundInfo>, packetFormat: number, id: number) {
  if (!isLookupFormat(packetFormat)) return undefined;
  const info = lookup(table, id);
  return info !== undefined && info.since <= packetFormat ? info : undefined;
}

export function actualTyreCompound(packetFormat: number, id: number): TyreCompoundInfo | undefined {
  return inForce(ACTUAL_TYRE_COMPOUNDS, packetFormat, id);
}

export function visualTyreCompound(packetFormat: number, id: number): TyreCompoundInfo | undefined {
  return inForce(VISUAL_TYRE_COMPOUNDS, packetFormat, id);
}

/** Name of an actual compound; for 2018 the single m_tyreCompound field (modern era). */
export function actualTyreCompoundName(packetFormat: number, id: number): string | undefined {
  return packetFormat === 2018 ? lookup(TYRE_COMPOUNDS_2018, id) : actualTyreCompound(packetFormat, id)?.name;
}

/** Name of a visual compound; for 2018 the single m_tyreCompound field (modern era). */
export function visualTyreCompoundName(packetFormat: number, id: number): string | undefined {
  return packetFormat === 2018 ? lookup(TYRE_COMPOUNDS_2018, id) : visualTyreCompound(packetFormat, id)?.name;
}

/** 2018 m_tyreCompound read with the session's m_era (0 = modern, 1 = classic). */
export function tyreCompound2018Name(id: number, era: number): string | undefined {
  if (era === 0) return lookup(TYRE_COMPOUNDS_2018, id);
  if (era === 1) return lookup(TYRE_COMPOUNDS_2018_CLASSIC, id);
  return undefined;
}
