import type { CompareOptions } from "../../../support/reference-compare.ts";

/** How the reference library's 2019 output differs from the official layout, and why. */
export const differences2019: CompareOptions = {
  renames: {
    // The 2019 spec names it m_tyreVisualCompound; the reference uses the 2020+ name m_visualTyreCompound.
    visualTyreCompound: "tyreVisualCompound",
  },
  known: {
    "carStatusData[].vehicleFiaFlags":
      "spec: int8 m_vehicleFiaFlags (-1 = invalid/unknown); the reference reads uint8 (255)",
  },
};
