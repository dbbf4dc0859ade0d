import type { CompareOptions } from "../../../support/reference-compare.ts";
import { differences2024 } from "./2024.ts";

const SESSION_SHIFTED =
  "the reference reads 56 weather forecast samples; spec F1 25: m_weatherForecastSamples[64], so it reads every later session field 64 bytes early";

/**
 * Session fields after the forecast array that the shifted read gets wrong in the only 2025 session fixture (all of
 * them are compared at the right offset by session-tail.test.ts).
 * The others (forecastAccuracy, steeringAssist, ...) are read from the wrong bytes too, but those bytes happen
 * to hold the same value there, and a listed difference must occur.
 */
const shiftedSessionFields = [
  "aiDifficulty",
  "seasonLinkIdentifier",
  "weekendLinkIdentifier",
  "sessionLinkIdentifier",
  "pitStopRejoinPosition",
  "gearboxAssist",
  "gameMode",
  "ruleSet",
  "timeOfDay",
  "sessionLength",
  "speedUnitsLeadPlayer",
  "speedUnitsSecondaryPlayer",
  "equalCarPerformance",
  "flashbackLimit",
  "surfaceType",
  "tyreTemperature",
  "collisions",
  "mpOffForGriefing",
  "cornerCuttingStringency",
  "parcFermeRules",
  "pitStopExperience",
  "safetyCarExperience",
  "formationLapExperience",
  "affectsLicenceLevelMP",
  "numSessionsInWeekend",
  "weekendStructure",
  "sector2LapDistanceStart",
  "sector3LapDistanceStart",
];

/**
 * How the reference's stored 2025 output (the `parsed` values in the JSON Lines fixture; the installed
 * library cannot decode 2025) differs from the official layout, and why.
 */
export const differences2025: CompareOptions = {
  // The reference keeps the F1 23 names of the split times, which F1 24 and F1 25 call "...MSPart"/"...MinutesPart".
  renames: differences2024.renames,
  known: {
    "weatherForecastSamples[]": SESSION_SHIFTED,
    ...Object.fromEntries(shiftedSessionFields.map((field) => [field, SESSION_SHIFTED])),
  },
};
