// Ruleset (Session m_ruleSet, added in F1 22): F1 22/23/24 appendix "Ruleset IDs"; F1 25 keeps 0-2 and adds 12.
import { lookupForFormat } from "./lookup.ts";
import { NO_TABLE, pick } from "./tables.ts";

const RULESETS_2022 = {
  0: "Practice & Qualifying",
  1: "Race",
  2: "Time Trial",
  4: "Time Attack",
  6: "Checkpoint Challenge",
  8: "Autocross",
  9: "Drift",
  10: "Average Speed Zone",
  11: "Rival Duel",
} as const;

/** F1 25: only 0-2 kept, 12 added. */
const RULESETS_2025 = { ...pick(RULESETS_2022, [0, 1, 2]), 12: "Elimination" } as const;

export const RULESETS_BY_FORMAT = [
  [2018, NO_TABLE],
  [2022, RULESETS_2022],
  [2025, RULESETS_2025],
] as const;

export function rulesetName(packetFormat: number, id: number): string | undefined {
  return lookupForFormat<string>(RULESETS_BY_FORMAT, packetFormat, id);
}
