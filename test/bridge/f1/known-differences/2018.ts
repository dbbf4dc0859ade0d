import type { CompareOptions } from "../../../support/reference-compare.ts";

/** How the reference library's 2018 output differs from the official layout, and why. */
export const differences2018: CompareOptions = {
  renames: {},
  known: {},
};
