// Team ids of packetFormat 2018-2021 (Participants m_teamId), from the F1 2018, 2019, 2020 and F1 2021 appendices.
// In these formats current teams, classic cars and F2 cars share one id space (no separate "classic" table).
import { omit } from "./tables.ts";

/** Classic cars of F1 2017/2018, kept through packetFormat 2020. */
const CLASSICS = {
  10: "McLaren 1988",
  11: "McLaren 1991",
  12: "Williams 1992",
  13: "Ferrari 1995",
  14: "Williams 1996",
  15: "McLaren 1998",
  16: "Ferrari 2002",
  17: "Ferrari 2004",
  18: "Renault 2006",
  19: "Ferrari 2007",
  21: "Red Bull 2010",
  22: "Ferrari 1976",
  34: "McLaren 1976",
  35: "Lotus 1972",
  36: "Ferrari 1979",
  37: "McLaren 1982",
  38: "Williams 2003",
  39: "Brawn 2009",
  40: "Lotus 1978",
} as const;

/** F2 2018 teams and the F1 2019 classics (packetFormat 2019; F1 2020's appendix keeps 23-33, not 63-65). */
const F1_2019_ADDITIONS = {
  23: "ART Grand Prix",
  24: "Campos Vexatec Racing",
  25: "Carlin",
  26: "Charouz Racing System",
  27: "DAMS",
  28: "Russian Time",
  29: "MP Motorsport",
  30: "Pertamina",
  31: "McLaren 1990",
  32: "Trident",
  33: "BWT Arden",
  63: "Ferrari 1990",
  64: "McLaren 2010",
  65: "Ferrari 2010",
} as const;

const F2_2019 = {
  42: "Art GP '19",
  43: "Campos '19",
  44: "Carlin '19",
  45: "Sauber Junior Charouz '19",
  46: "Dams '19",
  47: "Uni-Virtuosi '19",
  48: "MP Motorsport '19",
  49: "Prema '19",
  50: "Trident '19",
  51: "Arden '19",
} as const;

export const F2_2020 = {
  70: "Art GP '20",
  71: "Campos '20",
  72: "Carlin '20",
  73: "Charouz '20",
  74: "Dams '20",
  75: "Uni-Virtuosi '20",
  76: "MP Motorsport '20",
  77: "Prema '20",
  78: "Trident '20",
  79: "BWT '20",
  80: "Hitech '20",
} as const;

/** The 2020 F1 grid as selectable cars (packetFormat 2021-2023). */
export const F1_2020_CARS = {
  85: "Mercedes 2020",
  86: "Ferrari 2020",
  87: "Red Bull 2020",
  88: "Williams 2020",
  89: "Racing Point 2020",
  90: "Renault 2020",
  91: "Alpha Tauri 2020",
  92: "Haas 2020",
  93: "McLaren 2020",
  94: "Alfa Romeo 2020",
} as const;

/** The current teams at 0-9 in F1 2018. */
const GRID_2018 = {
  0: "Mercedes",
  1: "Ferrari",
  2: "Red Bull",
  3: "Williams",
  4: "Force India",
  5: "Renault",
  6: "Toro Rosso",
  7: "Haas",
  8: "McLaren",
  9: "Sauber",
} as const;

const GRID_2019 = { ...GRID_2018, 2: "Red Bull Racing", 4: "Racing Point", 9: "Alfa Romeo" } as const;

/** The grid of F1 2021, F1 22 and F1 23. */
export const GRID_2021 = { ...GRID_2019, 4: "Aston Martin", 5: "Alpine", 6: "Alpha Tauri" } as const;

export const TEAMS_2018 = { ...GRID_2018, ...CLASSICS, 20: "McLaren 2008" } as const;

/** F1 2019's appendix has no 20 (McLaren 2008). */
export const TEAMS_2019 = { ...omit(TEAMS_2018, [20]), ...GRID_2019, ...F1_2019_ADDITIONS } as const;

/**
 * F1 2020 (forum specification, appendix "Team IDs"): Toro Rosso is AlphaTauri; McLaren 2008 (20) is back and F1
 * 2019's 63-65 are not listed; the F1 generic car, F2 2019, four classics and My Team (255) added.
 */
export const TEAMS_2020 = {
  ...omit(TEAMS_2019, [63, 64, 65]),
  20: "McLaren 2008",
  6: "AlphaTauri",
  41: "F1 Generic car",
  ...F2_2019,
  53: "Benetton 1994",
  54: "Benetton 1995",
  55: "Ferrari 2000",
  56: "Jordan 1991",
  255: "My Team",
} as const;

/** F1 2021: no classic cars any more; 255 now means "no/invalid team", not My Team (see the m_myTeam flag). */
export const TEAMS_2021 = { ...GRID_2021, ...F2_2019, ...F2_2020, ...F1_2020_CARS } as const;
