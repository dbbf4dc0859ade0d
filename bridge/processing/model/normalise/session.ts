// Session (id 1). Each format appends fields: one function per step, each narrowing on the first field it adds.
import { formulaName, rulesetName, trackName } from "../../../f1/lookups/index.ts";
import * as code from "../enums.ts";
import type { PacketMeta } from "../types/base.ts";
import {
  type ForecastSample,
  type LapZone,
  SESSION_RULES,
  type SessionPacket,
  type SessionRules,
} from "../types/session.ts";
import { firstOf, flagOn, secondsToMs, unless255 } from "../units.ts";
import type { Decoded, Item } from "./decoded.ts";

type Data = Decoded<"session">["data"];
type Part = Partial<SessionPacket>;

export function session(p: Decoded<"session">, meta: PacketMeta): SessionPacket {
  const d = p.data;
  const f = p.packetFormat;
  // 2018's era byte (0 modern, 1 classic) became 2019's formula, whose ids 0 and 1 are F1 Modern and F1 Classic.
  const formulaId = "formula" in d ? d.formula : d.era;
  return {
    kind: "session",
    meta,
    trackId: d.trackId,
    track: trackName(d.trackId),
    trackLengthM: d.trackLength,
    sessionTypeId: d.sessionType,
    sessionType: code.sessionType(f, d.sessionType),
    sessionKind: code.sessionKind(f, d.sessionType),
    totalLaps: d.totalLaps,
    timeLeftS: d.sessionTimeLeft,
    durationS: d.sessionDuration,
    weather: code.weather(d.weather),
    trackTempC: d.trackTemperature,
    airTempC: d.airTemperature,
    pitSpeedLimitKmh: d.pitSpeedLimit,
    gamePaused: flagOn(d.gamePaused),
    isSpectating: flagOn(d.isSpectating),
    spectatorCarIndex: unless255(d.spectatorCarIndex),
    sliProNativeSupport: flagOn(d.sliProNativeSupport),
    networkGame: flagOn(d.networkGame),
    safetyCarStatus: code.safetyCarStatus(f, d.safetyCarStatus),
    formulaId,
    formula: formulaName(f === 2018 ? 2019 : f, formulaId),
    marshalZones: firstOf(d.marshalZones, d.numMarshalZones).map((z) => ({
      startFraction: z.zoneStart,
      flag: code.flag(z.zoneFlag),
    })),
    ...since2020(d, f),
    ...since2021(d),
    ...since2022(d, f),
    ...since2023(d),
    ...since2024(d, f),
    ...only2026(d, f),
  };
}

function forecastSample(
  s: Item<Extract<Data, { weatherForecastSamples: unknown }>["weatherForecastSamples"]>,
  f: number,
) {
  const sample: ForecastSample = {
    sessionTypeId: s.sessionType,
    sessionType: code.sessionType(f, s.sessionType),
    timeOffsetMin: s.timeOffset,
    weather: code.weather(s.weather),
    trackTempC: s.trackTemperature,
    airTempC: s.airTemperature,
  };
  if ("rainPercentage" in s) {
    sample.trackTempChange = code.temperatureChange(f, s.trackTemperatureChange);
    sample.airTempChange = code.temperatureChange(f, s.airTemperatureChange);
    sample.rainPct = s.rainPercentage;
  }
  return sample;
}

function since2020(d: Data, f: number): Part {
  if (!("weatherForecastSamples" in d)) return {};
  return { forecast: firstOf(d.weatherForecastSamples, d.numWeatherForecastSamples).map((s) => forecastSample(s, f)) };
}

function since2021(d: Data): Part {
  if (!("forecastAccuracy" in d)) return {};
  return {
    forecastAccuracy: code.forecastAccuracy(d.forecastAccuracy),
    aiDifficulty: d.aiDifficulty,
    seasonLinkId: d.seasonLinkIdentifier,
    weekendLinkId: d.weekendLinkIdentifier,
    sessionLinkId: d.sessionLinkIdentifier,
    pitStopWindowIdealLap: d.pitStopWindowIdealLap,
    pitStopWindowLatestLap: d.pitStopWindowLatestLap,
    pitStopRejoinPosition: d.pitStopRejoinPosition,
    assists: {
      steering: d.steeringAssist,
      braking: d.brakingAssist,
      gearbox: d.gearboxAssist,
      pit: d.pitAssist,
      pitRelease: d.pitReleaseAssist,
      ers: d.ERSAssist,
      drs: d.DRSAssist,
      dynamicRacingLine: d.dynamicRacingLine,
      dynamicRacingLineType: d.dynamicRacingLineType,
      ...("antiLockBrakesAssist" in d
        ? {
            antiLockBrakes: d.antiLockBrakesAssist,
            tractionControl: d.tractionControlAssist,
            dynamicRacingLineHiVis: d.dynamicRacingLineHiVis,
            dynamicRacingLineColourBlind: d.dynamicRacingLineColourBlind,
          }
        : {}),
    },
  };
}

function since2022(d: Data, f: number): Part {
  if (!("ruleSet" in d)) return {};
  return {
    gameModeId: d.gameMode,
    ruleSetId: d.ruleSet,
    ruleSet: rulesetName(f, d.ruleSet),
    timeOfDayMin: d.timeOfDay,
    sessionLength: code.sessionLength(d.sessionLength),
  };
}

function since2023(d: Data): Part {
  if (!("numRedFlagPeriods" in d)) return {};
  return {
    unitsLeadPlayer: {
      speed: code.speedUnits(d.speedUnitsLeadPlayer),
      temperature: code.temperatureUnits(d.temperatureUnitsLeadPlayer),
    },
    unitsSecondaryPlayer: {
      speed: code.speedUnits(d.speedUnitsSecondaryPlayer),
      temperature: code.temperatureUnits(d.temperatureUnitsSecondaryPlayer),
    },
    numSafetyCarPeriods: d.numSafetyCarPeriods,
    numVirtualSafetyCarPeriods: d.numVirtualSafetyCarPeriods,
    numRedFlagPeriods: d.numRedFlagPeriods,
  };
}

function since2024(d: Data, f: number): Part {
  if (!("sector2LapDistanceStart" in d)) return {};
  return {
    rules: Object.fromEntries(SESSION_RULES.map((rule) => [rule, d[rule]])) as SessionRules,
    weekend: firstOf(d.weekendStructure, d.numSessionsInWeekend).map((id) => ({
      sessionTypeId: id,
      sessionType: code.sessionType(f, id),
    })),
    sector2StartM: d.sector2LapDistanceStart,
    sector3StartM: d.sector3LapDistanceStart,
  };
}

const zones = (list: readonly { zoneStart: number; zoneEnd: number }[], count: number): LapZone[] =>
  firstOf(list, count).map((z) => ({ startFraction: z.zoneStart, endFraction: z.zoneEnd }));

function only2026(d: Data, f: number): Part {
  if (!("activeAeroTrackStatus" in d)) return {};
  return {
    activeAeroTrackStatus: code.activeAeroTrackStatus(f, d.activeAeroTrackStatus),
    activeAeroZonesFull: zones(d.activeAeroZonesFull, d.numActiveAeroZonesFull),
    activeAeroZonesPartial: zones(d.activeAeroZonesPartial, d.numActiveAeroZonesPartial),
    drsZones: zones(d.drsZones, d.numDRSZones),
    startReactionTimeMs: secondsToMs(d.startReactionTime),
    recurringRewindPrompt: flagOn(d.recurringRewindPrompt),
  };
}
