// Driver names by packetFormat (Participants m_driverId): one table per format, F1 2018 to F1 25 appendices; UDP Format
// 2026 (driverId u16) keeps F1 25's list, plus the ids its real capture shows.
import { DRIVERS_2018, DRIVERS_2019, DRIVERS_2020, DRIVERS_2021, DRIVERS_2022 } from "./driver-ids-2018-2022.ts";
import { DRIVERS_2023, DRIVERS_2024, DRIVERS_2025, DRIVERS_2026 } from "./driver-ids-2023-2025.ts";
import type { LookupFormat, LookupTable } from "./lookup.ts";
import { lookupOfFormat } from "./tables.ts";

export const DRIVERS_BY_FORMAT = {
  2018: DRIVERS_2018,
  2019: DRIVERS_2019,
  2020: DRIVERS_2020,
  2021: DRIVERS_2021,
  2022: DRIVERS_2022,
  2023: DRIVERS_2023,
  2024: DRIVERS_2024,
  2025: DRIVERS_2025,
  2026: DRIVERS_2026,
} as const satisfies Record<LookupFormat, LookupTable>;

/** From packetFormat 2021 to 2025, 255 is a network human (no driver id). */
export const DRIVER_ID_NETWORK_HUMAN = 255;

/** UDP Format 2026 (driverId u16): 65535 is a network human, and what empty car slots read. */
export const DRIVER_ID_NETWORK_HUMAN_2026 = 65535;

/** Whether `driverId` marks a network human (no driver id) in `packetFormat`; 2018-2020 have no such id. */
export function isNetworkHumanDriverId(packetFormat: number, driverId: number): boolean {
  if (packetFormat >= 2021 && packetFormat <= 2025) return driverId === DRIVER_ID_NETWORK_HUMAN;
  return packetFormat === 2026 && driverId === DRIVER_ID_NETWORK_HUMAN_2026;
}

export function driverName(packetFormat: number, driverId: number): string | undefined {
  return lookupOfFormat(DRIVERS_BY_FORMAT, packetFormat, driverId);
}
