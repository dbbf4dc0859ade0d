import { defineFormat } from "../format.ts";
import { array, f32, f64, i8, str, struct, u8, u16, u32 } from "../schema.ts";
import { vehicleEvent2019 } from "./2019.ts";
import {
  events2020,
  packetCarSetupData2020,
  packetMotionData2020,
  packetSessionData2020,
  speedTrap2020,
} from "./2020.ts";
import { header2020 } from "./headers.ts";

// F1 2021 ("Data Output from F1 2021"). Motion and Car Setups are unchanged from 2020.

/** Session packet: richer forecast samples (56 of them), link identifiers, pit window and assists. */
export const weatherForecastSample2021 = struct({
  sessionType: u8,
  timeOffset: u8,
  weather: u8,
  trackTemperature: i8,
  trackTemperatureChange: i8,
  airTemperature: i8,
  airTemperatureChange: i8,
  rainPercentage: u8,
});

export const packetSessionData2021 = struct({
  // weatherForecastSamples is the last 2020 field: overriding it keeps its place.
  ...packetSessionData2020.fields,
  weatherForecastSamples: array(weatherForecastSample2021, 56),
  forecastAccuracy: u8,
  aiDifficulty: u8,
  seasonLinkIdentifier: u32,
  weekendLinkIdentifier: u32,
  sessionLinkIdentifier: u32,
  pitStopWindowIdealLap: u8,
  pitStopWindowLatestLap: u8,
  pitStopRejoinPosition: u8,
  steeringAssist: u8,
  brakingAssist: u8,
  gearboxAssist: u8,
  pitAssist: u8,
  pitReleaseAssist: u8,
  ERSAssist: u8,
  DRSAssist: u8,
  dynamicRacingLine: u8,
  dynamicRacingLineType: u8,
});

/** Lap Data packet: lap times now in milliseconds; best laps and sectors moved to Session History. */
export const lapData2021 = struct({
  lastLapTimeInMS: u32,
  currentLapTimeInMS: u32,
  sector1TimeInMS: u16,
  sector2TimeInMS: u16,
  lapDistance: f32,
  totalDistance: f32,
  safetyCarDelta: f32,
  carPosition: u8,
  currentLapNum: u8,
  pitStatus: u8,
  numPitStops: u8,
  sector: u8,
  currentLapInvalid: u8,
  penalties: u8,
  warnings: u8,
  numUnservedDriveThroughPens: u8,
  numUnservedStopGoPens: u8,
  gridPosition: u8,
  driverStatus: u8,
  resultStatus: u8,
  pitLaneTimerActive: u8,
  pitLaneTimeInLaneInMS: u16,
  pitStopTimerInMS: u16,
  pitStopShouldServePen: u8,
});

export const packetLapData2021 = struct({
  lapData: array(lapData2021, 22),
});

/** Event packet details (the union is as large as Flashback, 8 bytes). */
export const speedTrap2021 = struct({
  ...speedTrap2020.fields,
  overallFastestInSession: u8,
  driverFastestInSession: u8,
});

export const startLights2021 = struct({
  numLights: u8,
});

export const flashback2021 = struct({
  flashbackFrameIdentifier: u32,
  flashbackSessionTime: f32,
});

export const buttons2021 = struct({
  buttonStatus: u32,
});

export const events2021 = {
  ...events2020,
  SPTP: speedTrap2021,
  STLG: startLights2021,
  LGOT: null,
  DTSV: vehicleEvent2019,
  SGSV: vehicleEvent2019,
  FLBK: flashback2021,
  BUTN: buttons2021,
} as const;

/** Participants packet: adds networkId and myTeam. */
export const participantData2021 = struct({
  aiControlled: u8,
  driverId: u8,
  networkId: u8,
  teamId: u8,
  myTeam: u8,
  raceNumber: u8,
  nationality: u8,
  name: str(48),
  yourTelemetry: u8,
});

export const packetParticipantsData2021 = struct({
  numActiveCars: u8,
  participants: array(participantData2021, 22),
});

/** Car Telemetry packet: adds revLightsBitValue; buttonStatus moved to the BUTN event. */
export const carTelemetryData2021 = struct({
  speed: u16,
  throttle: f32,
  steer: f32,
  brake: f32,
  clutch: u8,
  gear: i8,
  engineRPM: u16,
  drs: u8,
  revLightsPercent: u8,
  revLightsBitValue: u16,
  brakesTemperature: array(u16, 4),
  tyresSurfaceTemperature: array(u8, 4),
  tyresInnerTemperature: array(u8, 4),
  engineTemperature: u16,
  tyresPressure: array(f32, 4),
  surfaceType: array(u8, 4),
});

export const packetCarTelemetryData2021 = struct({
  carTelemetryData: array(carTelemetryData2021, 22),
  mfdPanelIndex: u8,
  mfdPanelIndexSecondaryPlayer: u8,
  suggestedGear: i8,
});

/** Car Status packet: wear and damage moved to Car Damage; adds networkPaused. */
export const carStatusData2021 = struct({
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
  drsAllowed: u8,
  drsActivationDistance: u16,
  actualTyreCompound: u8,
  visualTyreCompound: u8,
  tyresAgeLaps: u8,
  vehicleFiaFlags: i8,
  ersStoreEnergy: f32,
  ersDeployMode: u8,
  ersHarvestedThisLapMGUK: f32,
  ersHarvestedThisLapMGUH: f32,
  ersDeployedThisLap: f32,
  networkPaused: u8,
});

export const packetCarStatusData2021 = struct({
  carStatusData: array(carStatusData2021, 22),
});

/** Final Classification packet: best lap now in milliseconds (u32). */
export const finalClassificationData2021 = struct({
  position: u8,
  numLaps: u8,
  gridPosition: u8,
  points: u8,
  numPitStops: u8,
  resultStatus: u8,
  bestLapTimeInMS: u32,
  totalRaceTime: f64,
  penaltiesTime: u8,
  numPenalties: u8,
  numTyreStints: u8,
  tyreStintsActual: array(u8, 8),
  tyreStintsVisual: array(u8, 8),
});

export const packetFinalClassificationData2021 = struct({
  numCars: u8,
  classificationData: array(finalClassificationData2021, 22),
});

/** Lobby Info packet: adds carNumber. */
export const lobbyInfoData2021 = struct({
  aiControlled: u8,
  teamId: u8,
  nationality: u8,
  name: str(48),
  carNumber: u8,
  readyStatus: u8,
});

export const packetLobbyInfoData2021 = struct({
  numPlayers: u8,
  lobbyPlayers: array(lobbyInfoData2021, 22),
});

/** Car Damage packet (new): tyre wear is now a float percentage. */
export const carDamageData2021 = struct({
  tyresWear: array(f32, 4),
  tyresDamage: array(u8, 4),
  brakesDamage: array(u8, 4),
  frontLeftWingDamage: u8,
  frontRightWingDamage: u8,
  rearWingDamage: u8,
  floorDamage: u8,
  diffuserDamage: u8,
  sidepodDamage: u8,
  drsFault: u8,
  gearBoxDamage: u8,
  engineDamage: u8,
  engineMGUHWear: u8,
  engineESWear: u8,
  engineCEWear: u8,
  engineICEWear: u8,
  engineMGUKWear: u8,
  engineTCWear: u8,
});

export const packetCarDamageData2021 = struct({
  carDamageData: array(carDamageData2021, 22),
});

/** Session History packet (new): one car per packet, cycling through the cars. */
export const lapHistoryData2021 = struct({
  lapTimeInMS: u32,
  sector1TimeInMS: u16,
  sector2TimeInMS: u16,
  sector3TimeInMS: u16,
  lapValidBitFlags: u8,
});

export const tyreStintHistoryData2021 = struct({
  endLap: u8,
  tyreActualCompound: u8,
  tyreVisualCompound: u8,
});

/** The Session History packet's fields before its lap history array (unchanged up to F1 25). */
export const sessionHistoryHead2021 = {
  carIdx: u8,
  numLaps: u8,
  numTyreStints: u8,
  bestLapTimeLapNum: u8,
  bestSector1LapNum: u8,
  bestSector2LapNum: u8,
  bestSector3LapNum: u8,
} as const;

export const packetSessionHistoryData2021 = struct({
  ...sessionHistoryHead2021,
  lapHistoryData: array(lapHistoryData2021, 100),
  tyreStintsHistoryData: array(tyreStintHistoryData2021, 8),
});

export const format2021 = defineFormat({
  packetFormat: 2021,
  header: header2020,
  packets: {
    motion: packetMotionData2020,
    session: packetSessionData2021,
    lapData: packetLapData2021,
    participants: packetParticipantsData2021,
    carSetups: packetCarSetupData2020,
    carTelemetry: packetCarTelemetryData2021,
    carStatus: packetCarStatusData2021,
    finalClassification: packetFinalClassificationData2021,
    lobbyInfo: packetLobbyInfoData2021,
    carDamage: packetCarDamageData2021,
    sessionHistory: packetSessionHistoryData2021,
  },
  eventDetailsBytes: 8,
  events: events2021,
});
