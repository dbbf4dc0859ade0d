import type { CompareOptions } from "../../../support/reference-compare.ts";

/** How the reference library's 2021 output differs from the official layout, and why. */
export const differences2021: CompareOptions = {
  renames: {},
  known: {},
};
