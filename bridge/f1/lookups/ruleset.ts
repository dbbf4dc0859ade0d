// Ruleset (Session m_ruleSet, added in F1 22): F1 22/23/24 appendix "Ruleset IDs"; F1 25 keeps 0-2 and adds 12.
import { type LookupTable, lookupForFormat } from "./lookup.ts";

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

const RULESETS_2025 = {
  0: "Practice & Qualifying",
  1: "Race",
  2: "Time Trial",
  12: "Elimination",
} as const;

export const RULESETS_BY_FORMAT = [
  [2018, {} as LookupTable],
  [2022, RULESETS_2022],
  [2025, RULESETS_2025],
] as const;

export function rulesetName(packetFormat: number, id: number): string | undefined {
  return lookupForFormat<string>(RULESETS_BY_FORMAT, packetFormat, id);
}
