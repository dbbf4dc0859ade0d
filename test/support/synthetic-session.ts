// Real F1 25 datagrams of a made-up session, for tests that need whole laps through the real decoder:
// cars at steady speeds (test/bridge/processing/model-builders.ts drives them), lap data and telemetry at
// 60 Hz, a session packet and participants every second. The simulator issue builds the full-featured one.
import type { BusRecord } from "../../bridge/bus/types.ts";
import { emptyPacket, encode } from "../../bridge/f1/encode.ts";
import { RAW_HEADERS } from "../../bridge/protocol/raw-topic.ts";
import { type DrivenCar, driveLaps } from "../bridge/processing/model-builders.ts";

export interface SyntheticDatagram {
  readonly bytes: Buffer;
  /** Receive time on a 60 Hz clock, ms. */
  readonly atMs: number;
}

export interface SyntheticOptions {
  readonly sessionUID?: string;
  readonly trackM?: number;
  readonly seconds: number;
  readonly names?: readonly string[];
  /**
   * 2026 sends UDP Format 2026 with Car Telemetry 2: straight-line aero over the first half of each lap, and
   * overtake mode over the first quarter of lap 2.
   */
  readonly packetFormat?: 2025 | 2026;
}

export function syntheticSession(cars: readonly DrivenCar[], options: SyntheticOptions): SyntheticDatagram[] {
  const uid = options.sessionUID ?? "777";
  const trackM = options.trackM ?? 5000;
  const format = options.packetFormat ?? 2025;
  const out: SyntheticDatagram[] = [];
  const header = (p: { header: Record<string, unknown> }, frame: number, atMs: number) => {
    Object.assign(p.header, {
      sessionUID: uid,
      sessionTime: atMs / 1000,
      frameIdentifier: frame,
      overallFrameIdentifier: frame,
      playerCarIndex: 0,
      gameYear: 25,
    });
  };
  for (const lap of driveLaps(cars, trackM, options.seconds)) {
    const { frame, sessionTimeMs: at } = lap.meta;
    if (frame % 60 === 0) {
      const session = emptyPacket(format, "session");
      header(session, frame, at);
      Object.assign(session.data, { trackId: 10, trackLength: trackM, sessionType: 15, totalLaps: 50, weather: 0 });
      const participants = emptyPacket(format, "participants");
      header(participants, frame, at);
      participants.data.numActiveCars = cars.length;
      participants.data.participants.forEach((p, i) => {
        if (i < cars.length)
          Object.assign(p, { name: options.names?.[i] ?? `Driver ${i + 1}`, teamId: i % 10, raceNumber: i + 1 });
      });
      out.push(
        { bytes: Buffer.from(encode(session)), atMs: at },
        { bytes: Buffer.from(encode(participants)), atMs: at },
      );
    }
    const lapData = emptyPacket(format, "lapData");
    header(lapData, frame, at);
    lap.cars.forEach((c, i) => {
      Object.assign(lapData.data.lapData[i] as object, {
        lastLapTimeInMS: c.lastLapMs ?? 0,
        currentLapTimeInMS: c.currentLapMs,
        sector1TimeMSPart: (c.sector1Ms ?? 0) % 60_000,
        sector1TimeMinutesPart: Math.floor((c.sector1Ms ?? 0) / 60_000),
        sector2TimeMSPart: (c.sector2Ms ?? 0) % 60_000,
        sector2TimeMinutesPart: Math.floor((c.sector2Ms ?? 0) / 60_000),
        lapDistance: c.lapDistanceM,
        totalDistance: c.totalDistanceM,
        carPosition: c.position,
        currentLapNum: c.lapNumber,
        sector: c.sector,
        currentLapInvalid: c.lapInvalid ? 1 : 0,
        gridPosition: c.gridPosition,
        driverStatus: 4,
        resultStatus: 2,
      });
    });
    const telemetry = emptyPacket(format, "carTelemetry");
    header(telemetry, frame, at);
    cars.forEach((car, i) => {
      const speed = typeof car.speed === "function" ? car.speed(lap.cars[i]?.lapNumber ?? 1) : car.speed;
      Object.assign(telemetry.data.carTelemetryData[i] as object, {
        speed: Math.round(speed * 3.6),
        throttle: 1,
        gear: 7,
      });
    });
    out.push({ bytes: Buffer.from(encode(lapData)), atMs: at }, { bytes: Buffer.from(encode(telemetry)), atMs: at });
    if (format === 2026) {
      const t2 = emptyPacket(2026, "carTelemetry2");
      header(t2, frame, at);
      lap.cars.forEach((c, i) => {
        Object.assign(t2.data.carTelemetry2Data[i] as object, {
          activeAeroMode: c.lapDistanceM < trackM / 2 ? 1 : 0,
          activeAeroAvailable: 1,
          overtakeAvailable: 1,
          overtakeActive: c.lapNumber === 2 && c.lapDistanceM < trackM / 4 ? 1 : 0,
          regulations2026: 1,
        });
      });
      out.push({ bytes: Buffer.from(encode(t2)), atMs: at });
    }
  }
  return out;
}

/** The datagrams as the bridge would have put them on the raw topic, received from `startUs` on. */
export function asRawRecords(sessionUID: string, stream: readonly SyntheticDatagram[], startUs: number): BusRecord[] {
  return stream.map((d) => ({
    key: sessionUID,
    value: d.bytes,
    headers: { [RAW_HEADERS.receivedAtUs]: String(startUs + Math.round(d.atMs * 1000)) },
    timestampMs: Math.round(startUs / 1000 + d.atMs),
  }));
}
