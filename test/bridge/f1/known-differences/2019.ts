import type { CompareOptions } from "../../../support/reference-compare.ts";

/** How the reference library's 2019 output differs from the official layout, and why. */
export const differences2019: CompareOptions = {
  renames: {},
  known: {},
};
