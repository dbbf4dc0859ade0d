import type { CompareOptions } from "../../../support/reference-compare.ts";

const MINUTES_FOLDED =
  "the reference adds the minutes to the ms field and drops the minutes when they are > 0; spec: separate uint16 ms and uint8 minutes fields";

/** How the reference library's 2023 output differs from the official layout, and why. */
export const differences2023: CompareOptions = {
  renames: {},
  known: {
    "lapData[].sector1TimeInMS": MINUTES_FOLDED,
    "lapData[].sector1TimeMinutes": MINUTES_FOLDED,
    "lapData[].sector2TimeInMS": MINUTES_FOLDED,
    "lapData[].sector2TimeMinutes": MINUTES_FOLDED,
    "lapHistoryData[].sector1TimeInMS": MINUTES_FOLDED,
    "lapHistoryData[].sector1TimeMinutes": MINUTES_FOLDED,
    "lapHistoryData[].sector2TimeInMS": MINUTES_FOLDED,
    "lapHistoryData[].sector2TimeMinutes": MINUTES_FOLDED,
    "lapHistoryData[].sector3TimeInMS": MINUTES_FOLDED,
    "lapHistoryData[].sector3TimeMinutes": MINUTES_FOLDED,
    "carStatusData[].vehicleFiaFlags": "reference reads uint8; the F1 23 spec declares int8 (-1 = invalid/unknown)",
    "carStatusData[].networkPaused": "reference reads int8; the F1 23 spec declares uint8",
  },
};
