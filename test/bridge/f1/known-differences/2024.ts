import { session2024 } from "../../../../bridge/f1/formats/2024.ts";
import type { CompareOptions } from "../../../support/reference-compare.ts";

const MINUTES_FOLDED =
  "the reference adds the minutes to the ms part and drops the minutes part when it is > 0; spec: separate uint16 ...MSPart and uint8 ...MinutesPart";
const SESSION_SHIFTED =
  "the reference reads 56 weather forecast samples; spec F1 24: m_weatherForecastSamples[64], so it reads every later session field 64 bytes early";
const TIME_TRIAL_BIG_ENDIAN =
  "the reference reads TimeTrialDataSet's uint32 times big-endian (that parser never sets little-endian); spec: all values little-endian";
const TIME_TRIAL_RENAMED =
  "the same big-endian time, under the key the lap-time renames give the reference's m_sectorNTimeInMS (TimeTrialDataSet keeps the name sectorNTimeInMS in F1 24)";

const sessionFields = Object.keys(session2024.fields);
/** Every session field after the forecast array: excused here, checked at the right offset by session-tail.test.ts. */
const shiftedSessionFields = sessionFields.slice(sessionFields.indexOf("weatherForecastSamples") + 1);

const timeTrialSets = ["playerSessionBestDataSet", "personalBestDataSet", "rivalDataSet"];

/** How the reference library's 2024 output differs from the official layout, and why. */
export const differences2024: CompareOptions = {
  renames: {
    // F1 24 renamed the split times to "...MSPart" / "...MinutesPart"; the reference keeps the F1 23 names.
    sector1TimeInMS: "sector1TimeMSPart",
    sector1TimeMinutes: "sector1TimeMinutesPart",
    sector2TimeInMS: "sector2TimeMSPart",
    sector2TimeMinutes: "sector2TimeMinutesPart",
    sector3TimeInMS: "sector3TimeMSPart",
    sector3TimeMinutes: "sector3TimeMinutesPart",
    deltaToCarInFrontInMS: "deltaToCarInFrontMSPart",
    deltaToCarInFrontMinutes: "deltaToCarInFrontMinutesPart",
    deltaToRaceLeaderInMS: "deltaToRaceLeaderMSPart",
    deltaToRaceLeaderMinutes: "deltaToRaceLeaderMinutesPart",
  },
  known: {
    "lapData[].sector1TimeMSPart": MINUTES_FOLDED,
    "lapData[].sector1TimeMinutesPart": MINUTES_FOLDED,
    "lapData[].sector2TimeMSPart": MINUTES_FOLDED,
    "lapData[].sector2TimeMinutesPart": MINUTES_FOLDED,
    "lapData[].deltaToCarInFrontMSPart": MINUTES_FOLDED,
    "lapData[].deltaToCarInFrontMinutesPart": MINUTES_FOLDED,
    "lapData[].deltaToRaceLeaderMSPart": MINUTES_FOLDED,
    "lapData[].deltaToRaceLeaderMinutesPart": MINUTES_FOLDED,
    "lapHistoryData[].sector1TimeMSPart": MINUTES_FOLDED,
    "lapHistoryData[].sector1TimeMinutesPart": MINUTES_FOLDED,
    "lapHistoryData[].sector2TimeMSPart": MINUTES_FOLDED,
    "lapHistoryData[].sector2TimeMinutesPart": MINUTES_FOLDED,
    "lapHistoryData[].sector3TimeMSPart": MINUTES_FOLDED,
    "lapHistoryData[].sector3TimeMinutesPart": MINUTES_FOLDED,
    "carStatusData[].vehicleFiaFlags": "reference reads uint8; the F1 24 spec declares int8 (-1 = invalid/unknown)",
    "carStatusData[].networkPaused": "reference reads int8; the F1 24 spec declares uint8",
    "participants[].techLevel":
      "reference reads the uint16 big-endian (that parser never sets little-endian); spec: little-endian",
    "lobbyPlayers[].techLevel":
      "reference reads the uint16 big-endian (that parser never sets little-endian); spec: little-endian",
    "weatherForecastSamples[]": SESSION_SHIFTED,
    ...Object.fromEntries(shiftedSessionFields.map((field) => [field, SESSION_SHIFTED])),
    frontAeroHeight: "the reference's Motion Ex parser stops at m_wheelVertForce; spec F1 24 adds this field",
    rearAeroHeight: "the reference's Motion Ex parser stops at m_wheelVertForce; spec F1 24 adds this field",
    frontRollAngle: "the reference's Motion Ex parser stops at m_wheelVertForce; spec F1 24 adds this field",
    rearRollAngle: "the reference's Motion Ex parser stops at m_wheelVertForce; spec F1 24 adds this field",
    chassisYaw: "the reference's Motion Ex parser stops at m_wheelVertForce; spec F1 24 adds this field",
    ...Object.fromEntries(
      timeTrialSets.flatMap((set) => [
        [`${set}.lapTimeInMS`, TIME_TRIAL_BIG_ENDIAN],
        ...[1, 2, 3].flatMap((n) => [
          [`${set}.sector${n}TimeInMS`, TIME_TRIAL_BIG_ENDIAN],
          [`${set}.sector${n}TimeMSPart`, TIME_TRIAL_RENAMED],
        ]),
      ]),
    ),
  },
};
