/**
 * Who drives: the game's own fictional drivers (driver ids 20 and up, in every format's table, so no real driver is
 * paired with a team he never drove for) in the format's ten teams (2026: eleven), two cars a team.
 */
import { DRIVERS_BY_FORMAT } from "../../bridge/f1/lookups/drivers.ts";
import { teamName } from "../../bridge/f1/lookups/teams.ts";

export interface Entrant {
  readonly driverId: number;
  readonly name: string;
  readonly teamId: number;
  readonly team: string;
  readonly raceNumber: number;
  readonly nationality: number;
}

/** The teams of a format's grid, by id (UDP Format 2026 numbers its 2026 cars 476-486). */
function teamIds(packetFormat: number): number[] {
  if (packetFormat === 2026) return Array.from({ length: 11 }, (_, i) => 476 + i);
  return Array.from({ length: 10 }, (_, i) => i);
}

const NUMBERS = [2, 3, 5, 6, 7, 8, 9, 12, 13, 15, 17, 19, 21, 24, 25, 26, 28, 29, 32, 34, 36, 37, 39, 42];

/** Most cars a format's packets carry. */
export const maxCars = (packetFormat: number) => (packetFormat <= 2019 ? 20 : packetFormat >= 2026 ? 24 : 22);

export function roster(packetFormat: number, cars: number): Entrant[] {
  const table = DRIVERS_BY_FORMAT[packetFormat as keyof typeof DRIVERS_BY_FORMAT] as Record<number, string>;
  const ids = Object.keys(table)
    .map(Number)
    .filter((id) => id >= 20 && id < 100)
    .sort((a, b) => a - b);
  const teams = teamIds(packetFormat);
  return Array.from({ length: cars }, (_, i) => {
    const driverId = ids[i % ids.length] as number;
    // Past two cars a team (22 cars on a ten-team grid), the extra cars run as the game's custom team.
    const teamId = i < 2 * teams.length ? (teams[Math.floor(i / 2)] as number) : packetFormat >= 2022 ? 104 : 255;
    return {
      driverId,
      name: table[driverId] ?? `Driver ${i + 1}`,
      teamId,
      team: teamName(packetFormat, teamId) ?? "My Team",
      raceNumber: NUMBERS[i % NUMBERS.length] as number,
      nationality: 1 + ((driverId * 7) % 80),
    };
  });
}
