// Tyre compounds. 2018: one m_tyreCompound field (F1 2018 spec). 2019+: m_actualTyreCompound and m_visualTyreCompound
// (Car Status, Session History, Final Classification, Tyre Sets) from the F1 2019 to F1 25 specs; each entry says
// from which packetFormat (and until which, if dropped) it is listed.
import { type LookupTable, lookup } from "./lookup.ts";
import { listedIn } from "./tables.ts";

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

/** `{ id: name }` as compound infos of one formula, listed from packetFormat `since`. */
function compounds<const N extends LookupTable<string>, const F extends TyreFormula, const S extends number>(
  formula: F,
  since: S,
  names: N,
) {
  type Infos = { readonly [K in keyof N]: { readonly name: N[K]; readonly formula: F; readonly since: S } };
  return Object.fromEntries(Object.entries(names).map(([id, name]) => [id, { name, formula, since }])) as Infos;
}

/** m_actualTyreCompound, packetFormat 2019+ (C0 from F1 23, C6 from F1 25). */
export const ACTUAL_TYRE_COMPOUNDS = {
  ...compounds("F1 Modern", 2019, { 7: "Inter", 8: "Wet", 16: "C5", 17: "C4", 18: "C3", 19: "C2", 20: "C1" }),
  ...compounds("F1 Classic", 2019, { 9: "Dry", 10: "Wet" }),
  ...compounds("F2", 2019, { 11: "Super Soft", 12: "Soft", 13: "Medium", 14: "Hard", 15: "Wet" }),
  ...compounds("F1 Modern", 2023, { 21: "C0" }),
  ...compounds("F1 Modern", 2025, { 22: "C6" }),
} as const satisfies LookupTable<TyreCompoundInfo>;

/** m_visualTyreCompound, packetFormat 2019+ ("F1 Classic - same as above"; F2's own visual ids from F1 2020). */
export const VISUAL_TYRE_COMPOUNDS = {
  ...compounds("F1 Modern", 2019, { 7: "Inter", 8: "Wet", 16: "Soft", 17: "Medium", 18: "Hard" }),
  ...compounds("F2", 2020, { 15: "Wet", 19: "Super Soft", 20: "Soft", 21: "Medium", 22: "Hard" }),
} as const satisfies LookupTable<TyreCompoundInfo>;

export function actualTyreCompound(packetFormat: number, id: number): TyreCompoundInfo | undefined {
  return listedIn(lookup(ACTUAL_TYRE_COMPOUNDS, id), packetFormat);
}

export function visualTyreCompound(packetFormat: number, id: number): TyreCompoundInfo | undefined {
  return listedIn(lookup(VISUAL_TYRE_COMPOUNDS, id), packetFormat);
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
