import { defineFormat } from "../format.ts";
import { array, f32, f64, i8, i16, str, struct, u8, u16, u32 } from "../schema.ts";
import { header2020 } from "./headers.ts";

// F1 2020 ("F1 2020 UDP Specification", Codemasters forum). Every wheel array is ordered RL, RR, FL, FR.

/** Motion packet: physics of every car, then extra data for the player's car only. */
export const carMotionData2020 = struct({
  worldPositionX: f32,
  worldPositionY: f32,
  worldPositionZ: f32,
  worldVelocityX: f32,
  worldVelocityY: f32,
  worldVelocityZ: f32,
  // Normalised directions packed as int16: divide by 32767 for -1.0 to 1.0.
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

export const packetMotionData2020 = struct({
  carMotionData: array(carMotionData2020, 22),
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

/** Session packet. */
export const marshalZone2020 = struct({
  zoneStart: f32,
  zoneFlag: i8,
});

export const weatherForecastSample2020 = struct({
  sessionType: u8,
  timeOffset: u8,
  weather: u8,
  trackTemperature: i8,
  airTemperature: i8,
});

export const packetSessionData2020 = struct({
  weather: u8,
  trackTemperature: i8,
  airTemperature: i8,
  totalLaps: u8,
  trackLength: u16,
  sessionType: u8,
  trackId: i8,
  formula: u8,
  sessionTimeLeft: u16,
  sessionDuration: u16,
  pitSpeedLimit: u8,
  gamePaused: u8,
  isSpectating: u8,
  spectatorCarIndex: u8,
  sliProNativeSupport: u8,
  numMarshalZones: u8,
  marshalZones: array(marshalZone2020, 21),
  safetyCarStatus: u8,
  networkGame: u8,
  numWeatherForecastSamples: u8,
  weatherForecastSamples: array(weatherForecastSample2020, 20),
});

/** Lap Data packet: lap times in seconds (f32), best lap and best sectors per car. */
export const lapData2020 = struct({
  lastLapTime: f32,
  currentLapTime: f32,
  sector1TimeInMS: u16,
  sector2TimeInMS: u16,
  bestLapTime: f32,
  bestLapNum: u8,
  bestLapSector1TimeInMS: u16,
  bestLapSector2TimeInMS: u16,
  bestLapSector3TimeInMS: u16,
  bestOverallSector1TimeInMS: u16,
  bestOverallSector1LapNum: u8,
  bestOverallSector2TimeInMS: u16,
  bestOverallSector2LapNum: u8,
  bestOverallSector3TimeInMS: u16,
  bestOverallSector3LapNum: u8,
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

export const packetLapData2020 = struct({
  lapData: array(lapData2020, 22),
});

/** Event packet details (the union is as large as Penalty, 7 bytes). */
export const vehicleEvent2020 = struct({
  vehicleIdx: u8,
});

export const fastestLap2020 = struct({
  vehicleIdx: u8,
  lapTime: f32,
});

export const penalty2020 = struct({
  penaltyType: u8,
  infringementType: u8,
  vehicleIdx: u8,
  otherVehicleIdx: u8,
  time: u8,
  lapNum: u8,
  placesGained: u8,
});

export const speedTrap2020 = struct({
  vehicleIdx: u8,
  speed: f32,
});

export const events2020 = {
  SSTA: null,
  SEND: null,
  FTLP: fastestLap2020,
  RTMT: vehicleEvent2020,
  DRSE: null,
  DRSD: null,
  TMPT: vehicleEvent2020,
  CHQF: null,
  RCWN: vehicleEvent2020,
  PENA: penalty2020,
  SPTP: speedTrap2020,
} as const;

/** Participants packet. */
export const participantData2020 = struct({
  aiControlled: u8,
  driverId: u8,
  teamId: u8,
  raceNumber: u8,
  nationality: u8,
  name: str(48),
  yourTelemetry: u8,
});

export const packetParticipantsData2020 = struct({
  numActiveCars: u8,
  participants: array(participantData2020, 22),
});

/** Car Setups packet (unchanged until F1 22). */
export const carSetupData2020 = struct({
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
  rearLeftTyrePressure: f32,
  rearRightTyrePressure: f32,
  frontLeftTyrePressure: f32,
  frontRightTyrePressure: f32,
  ballast: u8,
  fuelLoad: f32,
});

export const packetCarSetupData2020 = struct({
  carSetups: array(carSetupData2020, 22),
});

/** Car Telemetry packet: tyre temperatures shrink to uint8 this year; buttons are still here. */
export const carTelemetryData2020 = struct({
  speed: u16,
  throttle: f32,
  steer: f32,
  brake: f32,
  clutch: u8,
  gear: i8,
  engineRPM: u16,
  drs: u8,
  revLightsPercent: u8,
  brakesTemperature: array(u16, 4),
  tyresSurfaceTemperature: array(u8, 4),
  tyresInnerTemperature: array(u8, 4),
  engineTemperature: u16,
  tyresPressure: array(f32, 4),
  surfaceType: array(u8, 4),
});

export const packetCarTelemetryData2020 = struct({
  carTelemetryData: array(carTelemetryData2020, 22),
  buttonStatus: u32,
  mfdPanelIndex: u8,
  mfdPanelIndexSecondaryPlayer: u8,
  suggestedGear: i8,
});

/** Car Status packet: still carries wear and damage (moved to Car Damage in F1 2021). */
export const carStatusData2020 = struct({
  tractionControl: u8,
  antiLockBrakes: u8,
  fuelMix: u8,
  frontBrakeBias: u8,
  pitLimiterStatus: u8,
  fuelInTank: f32,
  fuelCapacity: f32,
  fuelRemainingLaps: f32,
  maxRPM: u16,
  idleRPM: u16,
  maxGears: u8,
  // Declared uint8 although documented as "-1 = unknown" (which arrives as 255).
  drsAllowed: u8,
  drsActivationDistance: u16,
  tyresWear: array(u8, 4),
  actualTyreCompound: u8,
  // EA names it tyreVisualCompound in 2020 only (visualTyreCompound from F1 2021 on).
  tyreVisualCompound: u8,
  tyresAgeLaps: u8,
  tyresDamage: array(u8, 4),
  frontLeftWingDamage: u8,
  frontRightWingDamage: u8,
  rearWingDamage: u8,
  drsFault: u8,
  engineDamage: u8,
  gearBoxDamage: u8,
  vehicleFiaFlags: i8,
  ersStoreEnergy: f32,
  ersDeployMode: u8,
  ersHarvestedThisLapMGUK: f32,
  ersHarvestedThisLapMGUH: f32,
  ersDeployedThisLap: f32,
});

export const packetCarStatusData2020 = struct({
  carStatusData: array(carStatusData2020, 22),
});

/** Final Classification packet: best lap in seconds (f32). */
export const finalClassificationData2020 = struct({
  position: u8,
  numLaps: u8,
  gridPosition: u8,
  points: u8,
  numPitStops: u8,
  resultStatus: u8,
  bestLapTime: f32,
  totalRaceTime: f64,
  penaltiesTime: u8,
  numPenalties: u8,
  numTyreStints: u8,
  tyreStintsActual: array(u8, 8),
  tyreStintsVisual: array(u8, 8),
});

export const packetFinalClassificationData2020 = struct({
  numCars: u8,
  classificationData: array(finalClassificationData2020, 22),
});

/** Lobby Info packet. */
export const lobbyInfoData2020 = struct({
  aiControlled: u8,
  teamId: u8,
  nationality: u8,
  name: str(48),
  readyStatus: u8,
});

export const packetLobbyInfoData2020 = struct({
  numPlayers: u8,
  lobbyPlayers: array(lobbyInfoData2020, 22),
});

export const format2020 = defineFormat({
  packetFormat: 2020,
  header: header2020,
  packets: {
    motion: packetMotionData2020,
    session: packetSessionData2020,
    lapData: packetLapData2020,
    participants: packetParticipantsData2020,
    carSetups: packetCarSetupData2020,
    carTelemetry: packetCarTelemetryData2020,
    carStatus: packetCarStatusData2020,
    finalClassification: packetFinalClassificationData2020,
    lobbyInfo: packetLobbyInfoData2020,
  },
  eventDetailsBytes: 7,
  events: events2020,
});
