import type { CompareOptions } from "../../../support/reference-compare.ts";

/** How the reference library's 2020 output differs from the official layout, and why. */
export const differences2020: CompareOptions = {
  renames: {
    // The F1 2020 spec names it m_tyreVisualCompound; the reference uses the 2021+ name.
    visualTyreCompound: "tyreVisualCompound",
  },
  known: {
    "carStatusData[].vehicleFiaFlags": "reference reads uint8; the F1 2020 spec declares int8 (-1 = invalid/unknown)",
  },
};
