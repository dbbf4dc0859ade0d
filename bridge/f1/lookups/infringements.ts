// Infringement types (PENA event infringementType). F1 2020 and F1 2021 appendices: 0-51. F1 22, 23, 24 and 25
// appendices: "Formation lap parking" inserted at 40 and "Parc Fermé change" at 49, so 40-51 shift, plus 52-54.
import { lookupForFormat } from "./lookup.ts";
import { NO_TABLE, renumbered } from "./tables.ts";

/** F1 2020 and F1 2021 appendices, 0-51. */
export const INFRINGEMENT_TYPES_2020 = {
  0: "Blocking by slow driving",
  1: "Blocking by wrong way driving",
  2: "Reversing off the start line",
  3: "Big Collision",
  4: "Small Collision",
  5: "Collision failed to hand back position single",
  6: "Collision failed to hand back position multiple",
  7: "Corner cutting gained time",
  8: "Corner cutting overtake single",
  9: "Corner cutting overtake multiple",
  10: "Crossed pit exit lane",
  11: "Ignoring blue flags",
  12: "Ignoring yellow flags",
  13: "Ignoring drive through",
  14: "Too many drive throughs",
  15: "Drive through reminder serve within n laps",
  16: "Drive through reminder serve this lap",
  17: "Pit lane speeding",
  18: "Parked for too long",
  19: "Ignoring tyre regulations",
  20: "Too many penalties",
  21: "Multiple warnings",
  22: "Approaching disqualification",
  23: "Tyre regulations select single",
  24: "Tyre regulations select multiple",
  25: "Lap invalidated corner cutting",
  26: "Lap invalidated running wide",
  27: "Corner cutting ran wide gained time minor",
  28: "Corner cutting ran wide gained time significant",
  29: "Corner cutting ran wide gained time extreme",
  30: "Lap invalidated wall riding",
  31: "Lap invalidated flashback used",
  32: "Lap invalidated reset to track",
  33: "Blocking the pitlane",
  34: "Jump start",
  35: "Safety car to car collision",
  36: "Safety car illegal overtake",
  37: "Safety car exceeding allowed pace",
  38: "Virtual safety car exceeding allowed pace",
  39: "Formation lap below allowed speed",
  40: "Retired mechanical failure",
  41: "Retired terminally damaged",
  42: "Safety car falling too far back",
  43: "Black flag timer",
  44: "Unserved stop go penalty",
  45: "Unserved drive through penalty",
  46: "Engine component change",
  47: "Gearbox change",
  48: "League grid penalty",
  49: "Retry penalty",
  50: "Illegal time gain",
  51: "Mandatory pitstop",
} as const;

/** F1 22: "Formation lap parking" inserted at 40 and "Parc Fermé change" at 49 (later ids shift up), 54 added. */
export const INFRINGEMENT_TYPES_2022 = renumbered(INFRINGEMENT_TYPES_2020, {
  insertBefore: { "Retired mechanical failure": "Formation lap parking", "League grid penalty": "Parc Fermé change" },
  append: ["Attribute assigned"],
});

/** [first packetFormat, table]; 2018 and 2019 have no PENA event (empty table). */
export const INFRINGEMENT_TYPES_BY_FORMAT = [
  [2018, NO_TABLE],
  [2020, INFRINGEMENT_TYPES_2020],
  [2022, INFRINGEMENT_TYPES_2022],
] as const;

export function infringementTypeName(packetFormat: number, id: number): string | undefined {
  return lookupForFormat<string>(INFRINGEMENT_TYPES_BY_FORMAT, packetFormat, id);
}
