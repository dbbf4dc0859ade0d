// Nationality ids (Participants / Lobby m_nationality). 2019: F1 2019 spec (1-86, incl. 56 North Korean); 2020: F1 2020
// spec (+87 Barbadian, 88 Vietnamese, "Argentinean"); 2021-2023: F1 2021/22/23 specs (North Korean removed, ids after
// 55 shift down); 2024-2025: F1 24/25 specs (+88-90). 2018: a copy of the F1 2018/2019 forum tables that also lists 81 Taiwanese.
import { lookupForFormat } from "./lookup.ts";
import { renumbered } from "./tables.ts";

/** F1 2019 spec, ids 1-86: the list the other formats are written as changes of. */
export const NATIONALITIES_2019 = {
  1: "American",
  2: "Argentinian",
  3: "Australian",
  4: "Austrian",
  5: "Azerbaijani",
  6: "Bahraini",
  7: "Belgian",
  8: "Bolivian",
  9: "Brazilian",
  10: "British",
  11: "Bulgarian",
  12: "Cameroonian",
  13: "Canadian",
  14: "Chilean",
  15: "Chinese",
  16: "Colombian",
  17: "Costa Rican",
  18: "Croatian",
  19: "Cypriot",
  20: "Czech",
  21: "Danish",
  22: "Dutch",
  23: "Ecuadorian",
  24: "English",
  25: "Emirian",
  26: "Estonian",
  27: "Finnish",
  28: "French",
  29: "German",
  30: "Ghanaian",
  31: "Greek",
  32: "Guatemalan",
  33: "Honduran",
  34: "Hong Konger",
  35: "Hungarian",
  36: "Icelander",
  37: "Indian",
  38: "Indonesian",
  39: "Irish",
  40: "Israeli",
  41: "Italian",
  42: "Jamaican",
  43: "Japanese",
  44: "Jordanian",
  45: "Kuwaiti",
  46: "Latvian",
  47: "Lebanese",
  48: "Lithuanian",
  49: "Luxembourger",
  50: "Malaysian",
  51: "Maltese",
  52: "Mexican",
  53: "Monegasque",
  54: "New Zealander",
  55: "Nicaraguan",
  56: "North Korean",
  57: "Northern Irish",
  58: "Norwegian",
  59: "Omani",
  60: "Pakistani",
  61: "Panamanian",
  62: "Paraguayan",
  63: "Peruvian",
  64: "Polish",
  65: "Portuguese",
  66: "Qatari",
  67: "Romanian",
  68: "Russian",
  69: "Salvadoran",
  70: "Saudi",
  71: "Scottish",
  72: "Serbian",
  73: "Singaporean",
  74: "Slovakian",
  75: "Slovenian",
  76: "South Korean",
  77: "South African",
  78: "Spanish",
  79: "Swedish",
  80: "Swiss",
  81: "Thai",
  82: "Turkish",
  83: "Uruguayan",
  84: "Ukrainian",
  85: "Venezuelan",
  86: "Welsh",
} as const;

/** F1 2018 tables: 81 Taiwanese as well (ids from 81 on one higher than in 2019). */
export const NATIONALITIES_2018 = renumbered(NATIONALITIES_2019, { insertBefore: { Thai: "Taiwanese" } });

/** F1 2020: 87 Barbadian and 88 Vietnamese added; its appendix spells 2 "Argentinean". */
export const NATIONALITIES_2020 = {
  ...NATIONALITIES_2019,
  2: "Argentinean",
  87: "Barbadian",
  88: "Vietnamese",
} as const;

/** F1 2021: 56 North Korean dropped (later ids one lower), and Barbadian listed before Welsh. */
export const NATIONALITIES_2021 = renumbered(NATIONALITIES_2020, {
  remove: ["North Korean", "Barbadian"],
  insertBefore: { Welsh: "Barbadian" },
});

/** F1 24: 88-90 added. */
export const NATIONALITIES_2024 = {
  ...NATIONALITIES_2021,
  88: "Algerian",
  89: "Bosnian",
  90: "Filipino",
} as const;

export const NATIONALITIES_BY_FORMAT = [
  [2018, NATIONALITIES_2018],
  [2019, NATIONALITIES_2019],
  [2020, NATIONALITIES_2020],
  [2021, NATIONALITIES_2021],
  [2024, NATIONALITIES_2024],
] as const;

/** 0 and 255 are not nationalities (unset / invalid). */
export function nationalityName(packetFormat: number, id: number): string | undefined {
  return lookupForFormat<string>(NATIONALITIES_BY_FORMAT, packetFormat, id);
}
