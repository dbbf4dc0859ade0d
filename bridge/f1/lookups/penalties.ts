// Penalty types (PENA event penaltyType): appendix "Penalty types" of the F1 2020, 2021, 22, 23, 24 and 25 specs,
// unchanged 0-17 throughout. 2018 and 2019 have no PENA event.
import { lookupFrom } from "./tables.ts";

export const PENALTY_TYPES = {
  0: "Drive through",
  1: "Stop Go",
  2: "Grid penalty",
  3: "Penalty reminder",
  4: "Time penalty",
  5: "Warning",
  6: "Disqualified",
  7: "Removed from formation lap",
  8: "Parked too long timer",
  9: "Tyre regulations",
  10: "This lap invalidated",
  11: "This and next lap invalidated",
  12: "This lap invalidated without reason",
  13: "This and next lap invalidated without reason",
  14: "This and previous lap invalidated",
  15: "This and previous lap invalidated without reason",
  16: "Retired",
  17: "Black flag timer",
} as const;

export function penaltyTypeName(packetFormat: number, id: number): string | undefined {
  return lookupFrom(2020, PENALTY_TYPES, packetFormat, id);
}
