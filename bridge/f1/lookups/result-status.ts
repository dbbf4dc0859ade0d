// Result status (Lap Data / Final Classification m_resultStatus): F1 2018-2020 specs 0-6; from F1 2021
// "did not finish" is inserted at 4, shifting disqualified/not classified/retired to 5-7.
import { lookupForFormat } from "./lookup.ts";
import { renumbered } from "./tables.ts";

export const RESULT_STATUS_2018 = {
  0: "Invalid",
  1: "Inactive",
  2: "Active",
  3: "Finished",
  4: "Disqualified",
  5: "Not Classified",
  6: "Retired",
} as const;

export const RESULT_STATUS_2021 = renumbered(RESULT_STATUS_2018, { insertBefore: { Disqualified: "Did Not Finish" } });

export const RESULT_STATUS_BY_FORMAT = [
  [2018, RESULT_STATUS_2018],
  [2021, RESULT_STATUS_2021],
] as const;

export function resultStatusName(packetFormat: number, id: number): string | undefined {
  return lookupForFormat<string>(RESULT_STATUS_BY_FORMAT, packetFormat, id);
}
