// ERS deployment mode (Car Status m_ersDeployMode). F1 2018 and 2019 specs: 0-5 (low/medium/high/overtake/hotlap);
// F1 2020: 0-3 with overtake before hotlap; F1 2021 to F1 25: hotlap before overtake; UDP Format 2026 (2026 Season
// Pack): 3 is renamed "boost", as the 2026 regulations call it.
import { lookupForFormat } from "./lookup.ts";

export const ERS_DEPLOY_MODES_2018 = {
  0: "None",
  1: "Low",
  2: "Medium",
  3: "High",
  4: "Overtake",
  5: "Hotlap",
} as const;

export const ERS_DEPLOY_MODES_2020 = { 0: "None", 1: "Medium", 2: "Overtake", 3: "Hotlap" } as const;

export const ERS_DEPLOY_MODES_2021 = { 0: "None", 1: "Medium", 2: "Hotlap", 3: "Overtake" } as const;

export const ERS_DEPLOY_MODES_2026 = { ...ERS_DEPLOY_MODES_2021, 3: "Boost" } as const;

export const ERS_DEPLOY_MODES_BY_FORMAT = [
  [2018, ERS_DEPLOY_MODES_2018],
  [2020, ERS_DEPLOY_MODES_2020],
  [2021, ERS_DEPLOY_MODES_2021],
  [2026, ERS_DEPLOY_MODES_2026],
] as const;

export function ersDeployModeName(packetFormat: number, id: number): string | undefined {
  return lookupForFormat<string>(ERS_DEPLOY_MODES_BY_FORMAT, packetFormat, id);
}
