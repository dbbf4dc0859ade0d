import { defineFormat } from "../format.ts";
import { array, f32, i8, i16, str, struct, u8, u16, u32 } from "../schema.ts";
import { header2018 } from "./headers.ts";

// Layouts from "F1 2018 UDP Specification" (Codemasters forum). 20 cars; wheel arrays are RL, RR, FL, FR.

/** CarMotionData (unchanged in every format); direction vectors are normalised i16 (divide by 32767). */
export const carMotionData2018 = struct({
  worldPositionX: f32,
  worldPositionY: f32,
  worldPositionZ: f32,
  worldVelocityX: f32,
  worldVelocityY: f32,
  worldVelocityZ: f32,
  worldForwardDirX: i16,
  worldForwardDirY: i16,
  worldForwardDirZ: i16,
  worldRightDirX: i16,
  worldRightDirY: i16,
  worldRightDirZ: i16,
  gForceLateral: f32,
  gForceLongitudinal: f32,
  gForceVertical: f32,
  yaw: f32,
  pitch: f32,
  roll: f32,
});

/** Motion packet (id 0): every car, then extra data for the player's car only. Unchanged in 2019. */
export const motion2018 = struct({
  carMotionData: array(carMotionData2018, 20),
  suspensionPosition: array(f32, 4),
  suspensionVelocity: array(f32, 4),
  suspensionAcceleration: array(f32, 4),
  wheelSpeed: array(f32, 4),
  wheelSlip: array(f32, 4),
  localVelocityX: f32,
  localVelocityY: f32,
  localVelocityZ: f32,
  angularVelocityX: f32,
  angularVelocityY: f32,
  angularVelocityZ: f32,
  angularAccelerationX: f32,
  angularAccelerationY: f32,
  angularAccelerationZ: f32,
  frontWheelsAngle: f32,
});

/** MarshalZone (2018 onwards). */
export const marshalZone2018 = struct({
  zoneStart: f32,
  zoneFlag: i8,
});

/** Session packet fields before the byte that is `era` in 2018 and `formula` from 2019. */
export const sessionHead2018 = {
  weather: u8,
  trackTemperature: i8,
  airTemperature: i8,
  totalLaps: u8,
  trackLength: u16,
  sessionType: u8,
  trackId: i8,
};

/** Session packet fields after `era` / `formula`, up to the end of the 2018 and 2019 packets. */
export const sessionTail2018 = {
  sessionTimeLeft: u16,
  sessionDuration: u16,
  pitSpeedLimit: u8,
  gamePaused: u8,
  isSpectating: u8,
  spectatorCarIndex: u8,
  sliProNativeSupport: u8,
  numMarshalZones: u8,
  marshalZones: array(marshalZone2018, 21),
  safetyCarStatus: u8,
  networkGame: u8,
};

/** Session packet (id 1). */
const session2018 = struct({ ...sessionHead2018, era: u8, ...sessionTail2018 });

/** LapData (2018 and 2019): times in seconds as floats. */
export const lapData2018 = struct({
  lastLapTime: f32,
  currentLapTime: f32,
  bestLapTime: f32,
  sector1Time: f32,
  sector2Time: f32,
  lapDistance: f32,
  totalDistance: f32,
  safetyCarDelta: f32,
  carPosition: u8,
  currentLapNum: u8,
  pitStatus: u8,
  sector: u8,
  currentLapInvalid: u8,
  penalties: u8,
  gridPosition: u8,
  driverStatus: u8,
  resultStatus: u8,
});

/** Lap Data packet (id 2). Unchanged in 2019. */
export const lapDataPacket2018 = struct({
  lapData: array(lapData2018, 20),
});

/** ParticipantData (2018): the name is NUL-terminated UTF-8. */
export const participantData2018 = struct({
  aiControlled: u8,
  driverId: u8,
  teamId: u8,
  raceNumber: u8,
  nationality: u8,
  name: str(48),
});

/** Participants packet (id 4). */
const participants2018 = struct({
  numCars: u8,
  participants: array(participantData2018, 20),
});

/** CarSetupData (2018 and 2019). */
export const carSetupData2018 = struct({
  frontWing: u8,
  rearWing: u8,
  onThrottle: u8,
  offThrottle: u8,
  frontCamber: f32,
  rearCamber: f32,
  frontToe: f32,
  rearToe: f32,
  frontSuspension: u8,
  rearSuspension: u8,
  frontAntiRollBar: u8,
  rearAntiRollBar: u8,
  frontSuspensionHeight: u8,
  rearSuspensionHeight: u8,
  brakePressure: u8,
  brakeBias: u8,
  frontTyrePressure: f32,
  rearTyrePressure: f32,
  ballast: u8,
  fuelLoad: f32,
});

/** Car Setups packet (id 5). Unchanged in 2019. */
export const carSetups2018 = struct({
  carSetups: array(carSetupData2018, 20),
});

/** CarTelemetryData (2018): throttle and brake are 0-100 and steer -100..100 as integers (floats from 2019). */
export const carTelemetryData2018 = struct({
  speed: u16,
  throttle: u8,
  steer: i8,
  brake: u8,
  clutch: u8,
  gear: i8,
  engineRPM: u16,
  drs: u8,
  revLightsPercent: u8,
  brakesTemperature: array(u16, 4),
  tyresSurfaceTemperature: array(u16, 4),
  tyresInnerTemperature: array(u16, 4),
  engineTemperature: u16,
  tyresPressure: array(f32, 4),
});

/** Car Telemetry packet (id 6). */
const carTelemetry2018 = struct({
  carTelemetryData: array(carTelemetryData2018, 20),
  buttonStatus: u32,
});

/** CarStatusData (2018). */
export const carStatusData2018 = struct({
  tractionControl: u8,
  antiLockBrakes: u8,
  fuelMix: u8,
  frontBrakeBias: u8,
  pitLimiterStatus: u8,
  fuelInTank: f32,
  fuelCapacity: f32,
  maxRPM: u16,
  idleRPM: u16,
  maxGears: u8,
  // EA types this uint8 although its comment lists -1 = unknown.
  drsAllowed: u8,
  tyresWear: array(u8, 4),
  tyreCompound: u8,
  tyresDamage: array(u8, 4),
  frontLeftWingDamage: u8,
  frontRightWingDamage: u8,
  rearWingDamage: u8,
  engineDamage: u8,
  gearBoxDamage: u8,
  exhaustDamage: u8,
  vehicleFiaFlags: i8,
  ersStoreEnergy: f32,
  ersDeployMode: u8,
  ersHarvestedThisLapMGUK: f32,
  ersHarvestedThisLapMGUH: f32,
  ersDeployedThisLap: f32,
});

/** Car Status packet (id 7). */
const carStatus2018 = struct({
  carStatusData: array(carStatusData2018, 20),
});

export const format2018 = defineFormat({
  packetFormat: 2018,
  header: header2018,
  packets: {
    motion: motion2018,
    session: session2018,
    lapData: lapDataPacket2018,
    participants: participants2018,
    carSetups: carSetups2018,
    carTelemetry: carTelemetry2018,
    carStatus: carStatus2018,
  },
  // Event packet (id 3): only the 4-char code; 2018 events carry no details.
  eventDetailsBytes: 0,
  events: {
    SSTA: null,
    SEND: null,
  },
});
