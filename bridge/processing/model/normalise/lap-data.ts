// Lap Data (id 2). How each format encodes its times is in lapTimes(), one branch per layout.
import * as code from "../enums.ts";
import type { PacketMeta } from "../types/base.ts";
import type { LapDataCar, LapDataPacket } from "../types/lap-data.ts";
import { flagOn, minutesAndMs, secondsToMs, unless255, unlessZero } from "../units.ts";
import type { Decoded, Item } from "./decoded.ts";

type Car = Item<Decoded<"lapData">["data"]["lapData"]>;
type Times = Pick<
  LapDataCar,
  | "lastLapMs"
  | "currentLapMs"
  | "sector1Ms"
  | "sector2Ms"
  | "bestLapMs"
  | "bestLapNumber"
  | "bestLapSectorsMs"
  | "bestOverallSectors"
  | "deltaToCarInFrontMs"
  | "deltaToLeaderMs"
>;

export function lapData(p: Decoded<"lapData">, meta: PacketMeta): LapDataPacket {
  const f = p.packetFormat;
  const d = p.data;
  const cars: readonly Car[] = d.lapData;
  return {
    kind: "lapData",
    meta,
    cars: cars.map((c) => lapCar(c, f)),
    timeTrialPbCarIndex: "timeTrialPBCarIdx" in d ? unless255(d.timeTrialPBCarIdx) : undefined,
    timeTrialRivalCarIndex: "timeTrialRivalCarIdx" in d ? unless255(d.timeTrialRivalCarIdx) : undefined,
  };
}

// Hot path (every car, every frame): one object literal, no object spread. Spreading into a literal here cost
// 20 µs a car in V8 (a fresh hidden class per object); optional fields read through a narrowed `?.` instead.
function lapCar(c: Car, f: number): LapDataCar {
  const t = lapTimes(c);
  // The 2021+ fields, and F1 24's speed trap (lap 255 until the car has been through it).
  const since2021 = "numPitStops" in c ? c : undefined;
  const since2023 = "cornerCuttingWarnings" in c ? c : undefined;
  const trap = "speedTrapFastestLap" in c && c.speedTrapFastestLap !== 255 ? c : undefined;
  return {
    lastLapMs: t.lastLapMs,
    currentLapMs: t.currentLapMs,
    sector1Ms: t.sector1Ms,
    sector2Ms: t.sector2Ms,
    bestLapMs: t.bestLapMs,
    bestLapNumber: t.bestLapNumber,
    bestLapSectorsMs: t.bestLapSectorsMs,
    bestOverallSectors: t.bestOverallSectors,
    lapDistanceM: c.lapDistance,
    totalDistanceM: c.totalDistance,
    safetyCarDeltaMs: secondsToMs(c.safetyCarDelta),
    position: c.carPosition,
    lapNumber: c.currentLapNum,
    sector: c.sector,
    pitStatus: code.pitStatus(c.pitStatus),
    lapInvalid: flagOn(c.currentLapInvalid),
    penaltiesS: c.penalties,
    gridPosition: c.gridPosition,
    driverStatus: code.driverStatus(c.driverStatus),
    resultStatus: code.resultStatus(f, c.resultStatus),
    numPitStops: since2021?.numPitStops,
    // F1 23 renames warnings to totalWarnings and adds corner cutting warnings.
    warnings: since2023
      ? since2023.totalWarnings
      : since2021 && "warnings" in since2021
        ? since2021.warnings
        : undefined,
    unservedDriveThroughs: since2021?.numUnservedDriveThroughPens,
    unservedStopGos: since2021?.numUnservedStopGoPens,
    pitLaneTimerActive: since2021 && flagOn(since2021.pitLaneTimerActive),
    pitLaneTimeMs: since2021?.pitLaneTimeInLaneInMS,
    pitStopTimerMs: since2021?.pitStopTimerInMS,
    pitStopShouldServePenalty: since2021 && flagOn(since2021.pitStopShouldServePen),
    cornerCuttingWarnings: since2023?.cornerCuttingWarnings,
    deltaToCarInFrontMs: t.deltaToCarInFrontMs,
    deltaToLeaderMs: t.deltaToLeaderMs,
    speedTrapFastestKmh: trap?.speedTrapFastestSpeed,
    speedTrapFastestLap: trap?.speedTrapFastestLap,
  };
}

/** Lap, sector and delta times: float seconds (2018-2020 laps), u16 ms (2020-2022 sectors), ms + minutes (2023+). */
function lapTimes(c: Car): Times {
  if ("sector1TimeMSPart" in c) {
    // F1 24+: sectors and both deltas split in a millisecond and a minutes part.
    return {
      lastLapMs: unlessZero(c.lastLapTimeInMS),
      currentLapMs: c.currentLapTimeInMS,
      sector1Ms: unlessZero(minutesAndMs(c.sector1TimeMSPart, c.sector1TimeMinutesPart)),
      sector2Ms: unlessZero(minutesAndMs(c.sector2TimeMSPart, c.sector2TimeMinutesPart)),
      deltaToCarInFrontMs: minutesAndMs(c.deltaToCarInFrontMSPart, c.deltaToCarInFrontMinutesPart),
      deltaToLeaderMs: minutesAndMs(c.deltaToRaceLeaderMSPart, c.deltaToRaceLeaderMinutesPart),
    };
  }
  if ("sector1TimeMinutes" in c) {
    // F1 23: sectors split; the deltas are plain u16 milliseconds.
    return {
      lastLapMs: unlessZero(c.lastLapTimeInMS),
      currentLapMs: c.currentLapTimeInMS,
      sector1Ms: unlessZero(minutesAndMs(c.sector1TimeInMS, c.sector1TimeMinutes)),
      sector2Ms: unlessZero(minutesAndMs(c.sector2TimeInMS, c.sector2TimeMinutes)),
      deltaToCarInFrontMs: c.deltaToCarInFrontInMS,
      deltaToLeaderMs: c.deltaToRaceLeaderInMS,
    };
  }
  if ("lastLapTimeInMS" in c) {
    // F1 2021-22: everything in milliseconds, no deltas.
    return {
      lastLapMs: unlessZero(c.lastLapTimeInMS),
      currentLapMs: c.currentLapTimeInMS,
      sector1Ms: unlessZero(c.sector1TimeInMS),
      sector2Ms: unlessZero(c.sector2TimeInMS),
    };
  }
  if ("sector1TimeInMS" in c) {
    // F1 2020: laps in float seconds, sectors in ms, and the car's best lap and sectors.
    const best = (ms: number, lap: number) => ({ ms: unlessZero(ms), lapNumber: unlessZero(lap) });
    return {
      lastLapMs: unlessZero(secondsToMs(c.lastLapTime)),
      currentLapMs: secondsToMs(c.currentLapTime),
      sector1Ms: unlessZero(c.sector1TimeInMS),
      sector2Ms: unlessZero(c.sector2TimeInMS),
      bestLapMs: unlessZero(secondsToMs(c.bestLapTime)),
      bestLapNumber: unlessZero(c.bestLapNum),
      bestLapSectorsMs:
        c.bestLapTime === 0
          ? undefined
          : [c.bestLapSector1TimeInMS, c.bestLapSector2TimeInMS, c.bestLapSector3TimeInMS],
      bestOverallSectors: [
        best(c.bestOverallSector1TimeInMS, c.bestOverallSector1LapNum),
        best(c.bestOverallSector2TimeInMS, c.bestOverallSector2LapNum),
        best(c.bestOverallSector3TimeInMS, c.bestOverallSector3LapNum),
      ],
    };
  }
  // F1 2018-2019: every time in float seconds.
  return {
    lastLapMs: unlessZero(secondsToMs(c.lastLapTime)),
    currentLapMs: secondsToMs(c.currentLapTime),
    sector1Ms: unlessZero(secondsToMs(c.sector1Time)),
    sector2Ms: unlessZero(secondsToMs(c.sector2Time)),
    bestLapMs: unlessZero(secondsToMs(c.bestLapTime)),
  };
}
