import type { CompareOptions } from "../../../support/reference-compare.ts";

/** How the reference library's 2022 output differs from the official layout, and why. */
export const differences2022: CompareOptions = {
  renames: {},
  known: {},
};
