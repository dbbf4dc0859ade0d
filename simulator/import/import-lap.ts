/**
 * The import, start to end: read the files (FastF1 CSV, or OpenF1's car_data + location + laps), fit the
 * positions onto the game's outline of the circuit, resample at the game's rate, and make the datagrams.
 */
import { SlipstreamError } from "../../bridge/errors.ts";
import type { SupportedFormat } from "../../bridge/f1/formats/index.ts";
import { loadTrack, type Track } from "../simulate/track.ts";
import { isFastF1, parseFastF1 } from "./fastf1.ts";
import { type Fit, fitToOutline } from "./fit.ts";
import { ImportedSession, type ImportOptions } from "./imported-session.ts";
import { type OpenF1Files, openF1Kind, parseOpenF1 } from "./openf1.ts";
import type { RealLap, Series } from "./real-lap.ts";
import { valueAt } from "./real-lap.ts";
import { type LapFrame, resampleLap } from "./resample.ts";
import { readTable, type Table } from "./table.ts";

export interface ImportRequest {
  readonly files: readonly string[];
  /** A trackId or circuit name (the data does not say which circuit it is). */
  readonly track: string;
  readonly packetFormat: SupportedFormat;
  readonly rateHz: number;
  readonly driver?: number;
  readonly lap?: number;
}

export interface ImportResult {
  readonly lap: RealLap;
  readonly track: Track;
  readonly fit: Fit;
  readonly frames: LapFrame[];
  /** The highest speed sample of the data, km/h. */
  readonly topSpeedKmh: number;
}

/** One FastF1 CSV, or OpenF1's three files in any order (told apart by their columns). */
export function readLap(files: readonly string[], choose: { driver?: number; lap?: number } = {}): RealLap {
  const tables = files.map(readTable);
  if (tables.length === 1 && isFastF1(tables[0] as Table)) return parseFastF1(tables[0] as Table);
  const byKind: { -readonly [K in keyof OpenF1Files]?: Table } = {};
  for (const t of tables) {
    const kind = openF1Kind(t);
    if (!kind) {
      throw new SlipstreamError(
        "unreadable-file",
        `${t.file}: neither FastF1 telemetry (Time, Speed, X, Y...) nor an OpenF1 car_data, location or laps file (columns: ${t.columns.join(", ") || "none"})`,
      );
    }
    if (byKind[kind])
      throw new SlipstreamError("invalid-config", `two OpenF1 ${kind} files: ${byKind[kind].file} and ${t.file}`);
    byKind[kind] = t;
  }
  const missing = (["carData", "location", "laps"] as const).filter((k) => !byKind[k]);
  if (missing.length > 0) {
    throw new SlipstreamError(
      "invalid-config",
      `give one FastF1 telemetry CSV, or OpenF1's car_data, location and laps files (missing: ${missing.join(", ")})`,
    );
  }
  return parseOpenF1(byKind as OpenF1Files, choose);
}

/** Fits a lap onto a circuit: its position samples, each with its share of the lap's distance. */
export function fitLap(lap: RealLap, track: Track): Fit {
  const xs = lap.channels.x as Series;
  const ys = lap.channels.y as Series;
  const dist = lap.channels.distance as Series;
  const total = valueAt(dist, lap.lapTimeS) || 1;
  const inLap = xs.t.flatMap((t, i) => (t >= 0 && t <= lap.lapTimeS ? [i] : []));
  return fitToOutline(
    track,
    inLap.map((i) => xs.v[i] as number),
    inLap.map((i) => valueAt(ys, xs.t[i] as number)),
    inLap.map((i) => Math.min(1, Math.max(0, valueAt(dist, xs.t[i] as number) / total))),
  );
}

export function importLap(request: ImportRequest): ImportResult {
  const track = loadTrack(request.track, request.packetFormat);
  const lap = readLap(request.files, request);
  const lapM = valueAt(lap.channels.distance as Series, lap.lapTimeS);
  if (Math.abs(lapM / track.lengthM - 1) > 0.1) {
    throw new SlipstreamError(
      "invalid-config",
      `the lap covers ${Math.round(lapM)} m but ${track.name} is ${Math.round(track.lengthM)} m: not one whole lap of this circuit (is --track right?)`,
    );
  }
  const fit = fitLap(lap, track);
  const frames = resampleLap(lap, fit, request.rateHz);
  return { lap, track, fit, frames, topSpeedKmh: Math.max(...(lap.channels.speed as Series).v) };
}

export function sessionOf(result: ImportResult, options: Omit<ImportOptions, "lapTimeMs">): ImportedSession {
  return new ImportedSession(result.frames, result.track, {
    ...options,
    lapTimeMs: Math.round(result.lap.lapTimeS * 1000),
  });
}
