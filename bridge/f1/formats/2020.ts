import { defineFormat } from "../format.ts";
import { array, f32, f64, i8, str, struct, u8, u16, u32 } from "../schema.ts";
import { carMotionData2018, motion2018 } from "./2018.ts";
import { carTelemetryData2019, events2019, participantData2019, session2019 } from "./2019.ts";
import { header2020 } from "./headers.ts";

// F1 2020 ("F1 2020 UDP Specification", Codemasters forum). Every wheel array is ordered RL, RR, FL, FR.

/** Motion packet: 2018's with 22 cars (overriding the first key keeps its place). */
export const packetMotionData2020 = struct({
  ...motion2018.fields,
  carMotionData: array(carMotionData2018, 22),
});

/** Session packet: 2019's, then the weather forecast. */
export const weatherForecastSample2020 = struct({
  sessionType: u8,
  timeOffset: u8,
  weather: u8,
  trackTemperature: i8,
  airTemperature: i8,
});

export const packetSessionData2020 = struct({
  ...session2019.fields,
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
  ...events2019,
  PENA: penalty2020,
  SPTP: speedTrap2020,
} as const;

/** Participants packet: 2019's ParticipantData, 22 cars. */
export const packetParticipantsData2020 = struct({
  numActiveCars: u8,
  participants: array(participantData2019, 22),
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

/** Car Telemetry packet: tyre temperatures shrink to uint8 this year (overridden in place); buttons are still here. */
export const carTelemetryData2020 = struct({
  ...carTelemetryData2019.fields,
  tyresSurfaceTemperature: array(u8, 4),
  tyresInnerTemperature: array(u8, 4),
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
