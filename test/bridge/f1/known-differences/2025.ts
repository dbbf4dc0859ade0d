import type { CompareOptions } from "../../../support/reference-compare.ts";

/** How the reference library's 2025 output differs from the official layout, and why. */
export const differences2025: CompareOptions = {
  renames: {},
  known: {},
};
