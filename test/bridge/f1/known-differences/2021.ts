import type { CompareOptions } from "../../../support/reference-compare.ts";

/** How the reference library's 2021 output differs from the official layout, and why. */
export const differences2021: CompareOptions = {
  renames: {},
  known: {
    "carStatusData[].vehicleFiaFlags": "reference reads uint8; the F1 2021 spec declares int8 (-1 = invalid/unknown)",
    "carStatusData[].networkPaused": "reference reads int8; the F1 2021 spec declares uint8",
  },
};
