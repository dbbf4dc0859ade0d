import type { CompareOptions } from "../../../support/reference-compare.ts";

/** How the reference library's 2022 output differs from the official layout, and why. */
export const differences2022: CompareOptions = {
  renames: {},
  known: {
    "carStatusData[].vehicleFiaFlags": "reference reads uint8; the F1 22 spec declares int8 (-1 = invalid/unknown)",
    "carStatusData[].networkPaused": "reference reads int8; the F1 22 spec declares uint8",
  },
};
