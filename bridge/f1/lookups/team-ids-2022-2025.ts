// Team ids of packetFormat 2022-2026 (Participants m_teamId), from the F1 22, F1 23, F1 24 and F1 25 appendices, and
// for UDP Format 2026 (teamId u16) the ids pits-n-giggles lists and the real 2026 capture shows (476-486).
// Ids are reused: 118-128 are F2 2022 teams in 2022 but 2022 F1 cars and Konnersport in 2023.
import { F1_2020_CARS, GRID_2021 } from "./team-ids-2018-2021.ts";

const GRID_2024 = { ...GRID_2021, 6: "RB", 9: "Sauber" } as const;

/** Supercars, My Team's custom car and F2 2021 (packetFormat 2022 and 2023). */
const CARS_95_117 = {
  95: "Aston Martin DB11 V12",
  96: "Aston Martin Vantage F1 Edition",
  97: "Aston Martin Vantage Safety Car",
  98: "Ferrari F8 Tributo",
  99: "Ferrari Roma",
  100: "McLaren 720S",
  101: "McLaren Artura",
  102: "Mercedes AMG GT Black Series Safety Car",
  103: "Mercedes AMG GTR Pro",
  104: "F1 Custom Team",
  106: "Prema '21",
  107: "Uni-Virtuosi '21",
  108: "Carlin '21",
  109: "Hitech '21",
  110: "Art GP '21",
  111: "MP Motorsport '21",
  112: "Charouz '21",
  113: "Dams '21",
  114: "Campos '21",
  115: "BWT '21",
  116: "Trident '21",
  117: "Mercedes AMG GT Black Series",
} as const;

/** F2 2023 teams: in the F1 24 appendix; in the 2023 format once F1 23 added the 2023 F2 season (not in its launch spec). */
const F2_2023 = {
  143: "Art GP '23",
  144: "Campos '23",
  145: "Carlin '23",
  146: "PHM '23",
  147: "Dams '23",
  148: "Hitech '23",
  149: "MP Motorsport '23",
  150: "Prema '23",
  151: "Trident '23",
  152: "Van Amersfoort Racing '23",
  153: "Virtuosi '23",
} as const;

export const TEAMS_2022 = {
  ...GRID_2021,
  ...F1_2020_CARS,
  ...CARS_95_117,
  118: "Prema '22",
  119: "Virtuosi '22",
  120: "Carlin '22",
  121: "Hitech '22",
  122: "Art GP '22",
  123: "MP Motorsport '22",
  124: "Charouz '22",
  125: "Dams '22",
  126: "Campos '22",
  127: "Van Amersfoort Racing '22",
  128: "Trident '22",
} as const;

/** F1 23: 118-128 (all of F1 22's F2 2022 ids) now the 2022 F1 cars and Konnersport; F2 2022 at 130-140. */
export const TEAMS_2023 = {
  ...TEAMS_2022,
  118: "Mercedes '22",
  119: "Ferrari '22",
  120: "Red Bull Racing '22",
  121: "Williams '22",
  122: "Aston Martin '22",
  123: "Alpine '22",
  124: "Alpha Tauri '22",
  125: "Haas '22",
  126: "McLaren '22",
  127: "Alfa Romeo '22",
  128: "Konnersport '22",
  129: "Konnersport",
  130: "Prema '22",
  131: "Virtuosi '22",
  132: "Carlin '22",
  133: "MP Motorsport '22",
  134: "Charouz '22",
  135: "Dams '22",
  136: "Campos '22",
  137: "Van Amersfoort Racing '22",
  138: "Trident '22",
  139: "Hitech '22",
  140: "Art GP '22",
  ...F2_2023,
} as const;

export const TEAMS_2024 = {
  ...GRID_2024,
  41: "F1 Generic",
  104: "F1 Custom Team",
  ...F2_2023,
} as const;

/** The 2026 cars of the 2026 Season Pack, from their UDP Format 2026 id (476-486). */
const CARS_2026 = {
  476: "Mercedes '26",
  477: "Ferrari '26",
  478: "Red Bull Racing '26",
  479: "Williams '26",
  480: "Aston Martin '26",
  481: "Alpine '26",
  482: "RB '26",
  483: "Haas '26",
  484: "McLaren '26",
  485: "Audi '26",
  486: "Cadillac '26",
} as const;

/**
 * In UDP Format 2025 the pack reports its 2026 cars by the low byte of their u16 id (476-486 -> 220-230): a
 * community observation, not in EA's appendix, listed so a 2025-format session of the pack names its cars.
 */
const CARS_2026_IN_FORMAT_2025 = Object.fromEntries(
  Object.entries(CARS_2026).map(([id, name]) => [Number(id) & 0xff, name]),
) as { readonly [id: number]: string };

/** F1 25's appendix. */
const TEAMS_2025_APPENDIX = {
  ...GRID_2024,
  41: "F1 Generic",
  104: "F1 Custom Team",
  129: "Konnersport",
  142: "APXGP '24",
  154: "APXGP '25",
  155: "Konnersport '24",
  158: "Art GP '24",
  159: "Campos '24",
  160: "Rodin Motorsport '24",
  161: "AIX Racing '24",
  162: "DAMS '24",
  163: "Hitech '24",
  164: "MP Motorsport '24",
  165: "Prema '24",
  166: "Trident '24",
  167: "Van Amersfoort Racing '24",
  168: "Invicta '24",
  185: "Mercedes '24",
  186: "Ferrari '24",
  187: "Red Bull Racing '24",
  188: "Williams '24",
  189: "Aston Martin '24",
  190: "Alpine '24",
  191: "RB '24",
  192: "Haas '24",
  193: "McLaren '24",
  194: "Sauber '24",
} as const;

export const TEAMS_2025 = { ...TEAMS_2025_APPENDIX, ...CARS_2026_IN_FORMAT_2025 } as const;

/** UDP Format 2026: F1 25's teams, the F2 '25 teams (465-475), the 2026 cars and My Team '26 (65535). */
export const TEAMS_2026 = {
  ...TEAMS_2025_APPENDIX,
  465: "Art GP '25",
  466: "Campos '25",
  467: "Rodin Motorsport '25",
  468: "AIX Racing '25",
  469: "DAMS '25",
  470: "Hitech '25",
  471: "MP Motorsport '25",
  472: "Prema '25",
  473: "Trident '25",
  474: "Van Amersfoort Racing '25",
  475: "Invicta '25",
  ...CARS_2026,
  65535: "My Team '26",
} as const;
