import type { CompareOptions } from "../../../support/reference-compare.ts";

/** How the reference library's 2023 output differs from the official layout, and why. */
export const differences2023: CompareOptions = {
  renames: {},
  known: {},
};
