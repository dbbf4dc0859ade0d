// Session History (id 11), Final Classification (id 8), Tyre Sets (id 12), Lap Positions (id 15), Time Trial (id 14).
import { actualTyreCompoundName, teamName, visualTyreCompoundName } from "../../../f1/lookups/index.ts";
import * as code from "../enums.ts";
import type { PacketMeta } from "../types/base.ts";
import type {
  ClassificationCar,
  FinalClassificationPacket,
  HistoryLap,
  LapPositionsPacket,
  SessionHistoryPacket,
  TimeTrialDataSet,
  TimeTrialPacket,
  TyreCompounds,
  TyreSetsPacket,
} from "../types/results.ts";
import { firstOf, flagOn, minutesAndMs, secondsToMs, unless255, unlessZero } from "../units.ts";
import type { Decoded, Item } from "./decoded.ts";

/** A stint's or set's compounds, plus its other fields; built in one literal (no object spread: see lap-data.ts). */
const withCompounds = <T extends object>(f: number, actual: number, visual: number, rest: T): TyreCompounds & T => ({
  actualCompoundId: actual,
  actualCompound: actualTyreCompoundName(f, actual),
  visualCompoundId: visual,
  visualCompound: visualTyreCompoundName(f, visual),
  ...rest,
});

type HistoryData = Decoded<"sessionHistory">["data"];
type Lap = Item<HistoryData["lapHistoryData"]>;

/** Sector times: u16 ms (2021-2022), then with a minutes part (F1 23 "...Minutes", F1 24+ "...MinutesPart"). */
function sectors(l: Lap): [number, number, number] {
  if ("sector1TimeMSPart" in l) {
    return [
      minutesAndMs(l.sector1TimeMSPart, l.sector1TimeMinutesPart),
      minutesAndMs(l.sector2TimeMSPart, l.sector2TimeMinutesPart),
      minutesAndMs(l.sector3TimeMSPart, l.sector3TimeMinutesPart),
    ];
  }
  if ("sector1TimeMinutes" in l) {
    return [
      minutesAndMs(l.sector1TimeInMS, l.sector1TimeMinutes),
      minutesAndMs(l.sector2TimeInMS, l.sector2TimeMinutes),
      minutesAndMs(l.sector3TimeInMS, l.sector3TimeMinutes),
    ];
  }
  return [l.sector1TimeInMS, l.sector2TimeInMS, l.sector3TimeInMS];
}

function historyLap(l: Lap): HistoryLap {
  const [s1, s2, s3] = sectors(l);
  const valid = l.lapValidBitFlags;
  return {
    lapTimeMs: unlessZero(l.lapTimeInMS),
    sector1Ms: unlessZero(s1),
    sector2Ms: unlessZero(s2),
    sector3Ms: unlessZero(s3),
    lapValid: (valid & 0x01) !== 0,
    sector1Valid: (valid & 0x02) !== 0,
    sector2Valid: (valid & 0x04) !== 0,
    sector3Valid: (valid & 0x08) !== 0,
  };
}

export function sessionHistory(p: Decoded<"sessionHistory">, meta: PacketMeta): SessionHistoryPacket {
  const d = p.data;
  const laps: readonly Lap[] = d.lapHistoryData;
  return {
    kind: "sessionHistory",
    meta,
    carIndex: d.carIdx,
    laps: firstOf(laps, d.numLaps).map(historyLap),
    tyreStints: firstOf(d.tyreStintsHistoryData, d.numTyreStints).map((s) =>
      withCompounds(p.packetFormat, s.tyreActualCompound, s.tyreVisualCompound, { endLap: unless255(s.endLap) }),
    ),
    bestLapNumber: unlessZero(d.bestLapTimeLapNum),
    bestSector1LapNumber: unlessZero(d.bestSector1LapNum),
    bestSector2LapNumber: unlessZero(d.bestSector2LapNum),
    bestSector3LapNumber: unlessZero(d.bestSector3LapNum),
  };
}

type Classified = Item<Decoded<"finalClassification">["data"]["classificationData"]>;

function classified(c: Classified, f: number): ClassificationCar {
  const stints = firstOf(c.tyreStintsActual, c.numTyreStints).map((actual, i) =>
    withCompounds(f, actual, c.tyreStintsVisual[i] ?? 0, {
      endLap: "tyreStintsEndLaps" in c ? unless255(c.tyreStintsEndLaps[i] ?? 255) : undefined,
    }),
  );
  return {
    position: c.position,
    numLaps: c.numLaps,
    gridPosition: c.gridPosition,
    points: c.points,
    numPitStops: c.numPitStops,
    resultStatus: code.resultStatus(f, c.resultStatus),
    resultReason: "resultReason" in c ? code.resultReason(c.resultReason) : undefined,
    // F1 2020 sends the best lap in float seconds, later formats in ms.
    bestLapMs: unlessZero("bestLapTimeInMS" in c ? c.bestLapTimeInMS : secondsToMs(c.bestLapTime)),
    totalRaceTimeMs: secondsToMs(c.totalRaceTime),
    penaltiesS: c.penaltiesTime,
    numPenalties: c.numPenalties,
    tyreStints: stints,
  };
}

export function finalClassification(p: Decoded<"finalClassification">, meta: PacketMeta): FinalClassificationPacket {
  const cars: readonly Classified[] = p.data.classificationData;
  return {
    kind: "finalClassification",
    meta,
    numCars: p.data.numCars,
    cars: cars.map((c) => classified(c, p.packetFormat)),
  };
}

export function tyreSets(p: Decoded<"tyreSets">, meta: PacketMeta): TyreSetsPacket {
  const f = p.packetFormat;
  return {
    kind: "tyreSets",
    meta,
    carIndex: p.data.carIdx,
    sets: p.data.tyreSetData.map((s) =>
      withCompounds(f, s.actualTyreCompound, s.visualTyreCompound, {
        wearPct: s.wear,
        available: flagOn(s.available),
        recommendedSessionTypeId: s.recommendedSession,
        recommendedSession: code.sessionType(f, s.recommendedSession),
        lifeSpanLaps: s.lifeSpan,
        usableLifeLaps: s.usableLife,
        lapDeltaTimeMs: s.lapDeltaTime,
        fitted: flagOn(s.fitted),
      }),
    ),
    fittedIndex: p.data.fittedIdx,
  };
}

export function lapPositions(p: Decoded<"lapPositions">, meta: PacketMeta): LapPositionsPacket {
  const rows: readonly (readonly number[])[] = p.data.positionForVehicleIdx;
  return {
    kind: "lapPositions",
    meta,
    firstLap: p.data.lapStart + 1,
    positions: firstOf(rows, p.data.numLaps).map((row) => [...row]),
  };
}

type DataSet = Decoded<"timeTrial">["data"]["rivalDataSet"];

function dataSet(s: DataSet, f: number): TimeTrialDataSet {
  return {
    carIndex: s.carIdx,
    teamId: s.teamId,
    team: teamName(f, s.teamId),
    lapTimeMs: unlessZero(s.lapTimeInMS),
    sector1Ms: unlessZero(s.sector1TimeInMS),
    sector2Ms: unlessZero(s.sector2TimeInMS),
    sector3Ms: unlessZero(s.sector3TimeInMS),
    tractionControl: code.tractionControl(s.tractionControl),
    gearboxAssist: s.gearboxAssist,
    antiLockBrakes: flagOn(s.antiLockBrakes),
    equalCarPerformance: flagOn(s.equalCarPerformance),
    customSetup: flagOn(s.customSetup),
    valid: flagOn(s.valid),
  };
}

export function timeTrial(p: Decoded<"timeTrial">, meta: PacketMeta): TimeTrialPacket {
  const f = p.packetFormat;
  const d = p.data;
  return {
    kind: "timeTrial",
    meta,
    playerSessionBest: dataSet(d.playerSessionBestDataSet, f),
    personalBest: dataSet(d.personalBestDataSet, f),
    rival: dataSet(d.rivalDataSet, f),
  };
}
