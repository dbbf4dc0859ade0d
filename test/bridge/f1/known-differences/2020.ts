import type { CompareOptions } from "../../../support/reference-compare.ts";

/** How the reference library's 2020 output differs from the official layout, and why. */
export const differences2020: CompareOptions = {
  renames: {},
  known: {},
};
