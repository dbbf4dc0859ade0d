// Weather (Session m_weather and forecast samples), the same 0-5 in every spec from F1 2018 to F1 25 and 2026;
// temperature change (forecast m_trackTemperatureChange / m_airTemperatureChange) from F1 2021 to 2026.
import { lookup } from "./lookup.ts";
import { lookupFrom } from "./tables.ts";

export const WEATHER = {
  0: "Clear",
  1: "Light Cloud",
  2: "Overcast",
  3: "Light Rain",
  4: "Heavy Rain",
  5: "Storm",
} as const;

export const TEMPERATURE_CHANGE = {
  0: "Up",
  1: "Down",
  2: "No Change",
} as const;

export function weatherName(id: number): string | undefined {
  return lookup(WEATHER, id);
}

/** Undefined before packetFormat 2021, whose forecast samples first carry temperature changes. */
export function temperatureChangeName(packetFormat: number, id: number): string | undefined {
  return lookupFrom(2021, TEMPERATURE_CHANGE, packetFormat, id);
}
