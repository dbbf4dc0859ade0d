// Car Telemetry (id 6) and, for UDP Format 2026, Car Telemetry 2 (id 16).
import * as code from "../enums.ts";
import type { PacketMeta } from "../types/base.ts";
import type { Telemetry2Car, Telemetry2Packet, TelemetryCar, TelemetryPacket } from "../types/car.ts";
import { flagOn, unless255, unlessZero, wheels } from "../units.ts";
import type { Decoded, Item } from "./decoded.ts";

type Car = Item<Decoded<"carTelemetry">["data"]["carTelemetryData"]>;

export function telemetry(p: Decoded<"carTelemetry">, meta: PacketMeta): TelemetryPacket {
  const d = p.data;
  const cars: readonly Car[] = d.carTelemetryData;
  return {
    kind: "telemetry",
    meta,
    cars: cars.map(telemetryCar),
    buttonStatus: "buttonStatus" in d ? d.buttonStatus : undefined,
    ...("mfdPanelIndex" in d
      ? {
          mfdPanelIndex: unless255(d.mfdPanelIndex),
          mfdPanelIndexSecondaryPlayer: unless255(d.mfdPanelIndexSecondaryPlayer),
          suggestedGear: unlessZero(d.suggestedGear),
        }
      : {}),
  };
}

function telemetryCar(c: Car): TelemetryCar {
  // 2018 sends throttle and brake as 0..100 and steer as -100..100 integers; 2019+ floats already 0..1 / -1..1.
  const pedal = "surfaceType" in c ? 1 : 100;
  return {
    speedKmh: c.speed,
    throttle: c.throttle / pedal,
    steer: c.steer / pedal,
    brake: c.brake / pedal,
    // 0..100 in every format.
    clutch: c.clutch / 100,
    gear: c.gear,
    engineRpm: c.engineRPM,
    drsOpen: flagOn(c.drs),
    revLightsPct: c.revLightsPercent,
    revLightsBits: "revLightsBitValue" in c ? c.revLightsBitValue : undefined,
    brakesTempC: wheels(c.brakesTemperature),
    tyresSurfaceTempC: wheels(c.tyresSurfaceTemperature),
    tyresInnerTempC: wheels(c.tyresInnerTemperature),
    engineTempC: c.engineTemperature,
    tyresPressurePsi: wheels(c.tyresPressure),
    surfaceTypeIds: "surfaceType" in c ? wheels(c.surfaceType) : undefined,
  };
}

export function telemetry2(p: Decoded<"carTelemetry2">, meta: PacketMeta): Telemetry2Packet {
  const f = p.packetFormat;
  return {
    kind: "telemetry2",
    meta,
    cars: p.data.carTelemetry2Data.map(
      (c): Telemetry2Car => ({
        activeAeroMode: code.activeAeroMode(f, c.activeAeroMode),
        activeAeroAvailable: flagOn(c.activeAeroAvailable),
        activeAeroActivationDistanceM: c.activeAeroActivationDistance,
        overtakeAvailable: flagOn(c.overtakeAvailable),
        overtakeActive: flagOn(c.overtakeActive),
        overtakeActivationDistanceM: c.overtakeActivationDistance,
        regulations2026: flagOn(c.regulations2026),
        drivingWrongWay: flagOn(c.drivingWrongWay),
      }),
    ),
  };
}
