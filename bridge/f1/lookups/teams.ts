// Team names by packetFormat: one table per format (EA F1 2018 to F1 25 appendices, "Team IDs", and the 2026 Season
// Pack's teams, see team-ids-2022-2025.ts).
import type { LookupFormat, LookupTable } from "./lookup.ts";
import { lookupOfFormat, tableOfFormat } from "./tables.ts";
import { TEAMS_2018, TEAMS_2019, TEAMS_2020, TEAMS_2021 } from "./team-ids-2018-2021.ts";
import { TEAMS_2022, TEAMS_2023, TEAMS_2024, TEAMS_2025, TEAMS_2026 } from "./team-ids-2022-2025.ts";

export const TEAMS_BY_FORMAT = {
  2018: TEAMS_2018,
  2019: TEAMS_2019,
  2020: TEAMS_2020,
  2021: TEAMS_2021,
  2022: TEAMS_2022,
  2023: TEAMS_2023,
  2024: TEAMS_2024,
  2025: TEAMS_2025,
  2026: TEAMS_2026,
} as const satisfies Record<LookupFormat, LookupTable>;

/** From packetFormat 2021 to 2025, 255 marks an invalid team (or none selected in the lobby). In 2020 it is "My Team". */
export const TEAM_ID_INVALID = 255;

/**
 * UDP Format 2026 widens teamId to u16: 65535 is My Team '26 in the Participants packet, and also what empty car
 * slots and the lobby's "no team selected" read (tell them apart by numActiveCars and the m_myTeam flag).
 */
export const TEAM_ID_MY_TEAM_2026 = 65535;

export function teamsFor(packetFormat: number): LookupTable | undefined {
  return tableOfFormat(TEAMS_BY_FORMAT, packetFormat);
}

export function teamName(packetFormat: number, teamId: number): string | undefined {
  return lookupOfFormat(TEAMS_BY_FORMAT, packetFormat, teamId);
}
