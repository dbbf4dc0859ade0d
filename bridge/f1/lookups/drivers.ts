// Driver names by packetFormat (Participants m_driverId): one table per format, F1 2018 to F1 25 appendices.
import { DRIVERS_2018, DRIVERS_2019, DRIVERS_2020, DRIVERS_2021, DRIVERS_2022 } from "./driver-ids-2018-2022.ts";
import { DRIVERS_2023, DRIVERS_2024, DRIVERS_2025 } from "./driver-ids-2023-2025.ts";
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
} as const satisfies Record<LookupFormat, LookupTable>;

/** From packetFormat 2021 on, 255 is a network human (no driver id). */
export const DRIVER_ID_NETWORK_HUMAN = 255;

export function driverName(packetFormat: number, driverId: number): string | undefined {
  return lookupOfFormat(DRIVERS_BY_FORMAT, packetFormat, driverId);
}
