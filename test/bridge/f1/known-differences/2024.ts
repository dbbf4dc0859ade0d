import type { CompareOptions } from "../../../support/reference-compare.ts";

/** How the reference library's 2024 output differs from the official layout, and why. */
export const differences2024: CompareOptions = {
  renames: {},
  known: {},
};
