import { defineFormat } from "../format.ts";
import { array, f32, f64, i8, i16, str, struct, u8, u16, u32 } from "../schema.ts";
import { header2023 } from "./headers.ts";

// Layouts from EA's "Data Output from F1 23 Game". 22 cars; wheel arrays are RL, RR, FL, FR.

/** CarMotionData (2023-2025); direction vectors are normalised i16 (divide by 32767). */
export const carMotionData2023 = struct({
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

/** Motion packet (id 0). From F1 23 the player-only extras moved to the Motion Ex packet. */
export const motion2023 = struct({
  carMotionData: array(carMotionData2023, 22),
});

export const marshalZone2023 = struct({
  zoneStart: f32,
  zoneFlag: i8,
});

export const weatherForecastSample2023 = struct({
  sessionType: u8,
  timeOffset: u8,
  weather: u8,
  trackTemperature: i8,
  trackTemperatureChange: i8,
  airTemperature: i8,
  airTemperatureChange: i8,
  rainPercentage: u8,
});

/** Session packet (id 1). */
export const session2023 = struct({
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
  marshalZones: array(marshalZone2023, 21),
  safetyCarStatus: u8,
  networkGame: u8,
  numWeatherForecastSamples: u8,
  weatherForecastSamples: array(weatherForecastSample2023, 56),
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
  gameMode: u8,
  ruleSet: u8,
  timeOfDay: u32,
  sessionLength: u8,
  speedUnitsLeadPlayer: u8,
  temperatureUnitsLeadPlayer: u8,
  speedUnitsSecondaryPlayer: u8,
  temperatureUnitsSecondaryPlayer: u8,
  numSafetyCarPeriods: u8,
  numVirtualSafetyCarPeriods: u8,
  numRedFlagPeriods: u8,
});

/** LapData of one car. F1 24 renames the sector and delta times ("...MSPart"/"...MinutesPart"). */
export const lapData2023 = struct({
  lastLapTimeInMS: u32,
  currentLapTimeInMS: u32,
  sector1TimeInMS: u16,
  sector1TimeMinutes: u8,
  sector2TimeInMS: u16,
  sector2TimeMinutes: u8,
  deltaToCarInFrontInMS: u16,
  deltaToRaceLeaderInMS: u16,
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
  totalWarnings: u8,
  cornerCuttingWarnings: u8,
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

/** Lap Data packet (id 2). */
export const lapDataPacket2023 = struct({
  lapData: array(lapData2023, 22),
  timeTrialPBCarIdx: u8,
  timeTrialRivalCarIdx: u8,
});

/** Event details (id 3), one struct per event code; the union is 12 bytes. */
export const vehicleEvent2023 = struct({ vehicleIdx: u8 });
export const fastestLap2023 = struct({ vehicleIdx: u8, lapTime: f32 });
export const penalty2023 = struct({
  penaltyType: u8,
  infringementType: u8,
  vehicleIdx: u8,
  otherVehicleIdx: u8,
  time: u8,
  lapNum: u8,
  placesGained: u8,
});
export const speedTrap2023 = struct({
  vehicleIdx: u8,
  speed: f32,
  isOverallFastestInSession: u8,
  isDriverFastestInSession: u8,
  fastestVehicleIdxInSession: u8,
  fastestSpeedInSession: f32,
});
export const startLights2023 = struct({ numLights: u8 });
export const flashback2023 = struct({ flashbackFrameIdentifier: u32, flashbackSessionTime: f32 });
export const buttons2023 = struct({ buttonStatus: u32 });
export const overtake2023 = struct({ overtakingVehicleIdx: u8, beingOvertakenVehicleIdx: u8 });

export const events2023 = {
  SSTA: null,
  SEND: null,
  FTLP: fastestLap2023,
  RTMT: vehicleEvent2023,
  DRSE: null,
  DRSD: null,
  TMPT: vehicleEvent2023,
  CHQF: null,
  RCWN: vehicleEvent2023,
  PENA: penalty2023,
  SPTP: speedTrap2023,
  STLG: startLights2023,
  LGOT: null,
  DTSV: vehicleEvent2023,
  SGSV: vehicleEvent2023,
  FLBK: flashback2023,
  BUTN: buttons2023,
  RDFL: null,
  OVTK: overtake2023,
} as const;

export const participantData2023 = struct({
  aiControlled: u8,
  driverId: u8,
  networkId: u8,
  teamId: u8,
  myTeam: u8,
  raceNumber: u8,
  nationality: u8,
  name: str(48),
  yourTelemetry: u8,
  showOnlineNames: u8,
  platform: u8,
});

/** Participants packet (id 4). */
export const participants2023 = struct({
  numActiveCars: u8,
  participants: array(participantData2023, 22),
});

export const carSetupData2023 = struct({
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

/** Car Setups packet (id 5). */
export const carSetups2023 = struct({
  carSetups: array(carSetupData2023, 22),
});

export const carTelemetryData2023 = struct({
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

/** Car Telemetry packet (id 6). */
export const carTelemetry2023 = struct({
  carTelemetryData: array(carTelemetryData2023, 22),
  mfdPanelIndex: u8,
  mfdPanelIndexSecondaryPlayer: u8,
  suggestedGear: i8,
});

export const carStatusData2023 = struct({
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
  enginePowerICE: f32,
  enginePowerMGUK: f32,
  ersStoreEnergy: f32,
  ersDeployMode: u8,
  ersHarvestedThisLapMGUK: f32,
  ersHarvestedThisLapMGUH: f32,
  ersDeployedThisLap: f32,
  networkPaused: u8,
});

/** Car Status packet (id 7). */
export const carStatus2023 = struct({
  carStatusData: array(carStatusData2023, 22),
});

export const finalClassificationData2023 = struct({
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
  tyreStintsEndLaps: array(u8, 8),
});

/** Final Classification packet (id 8). */
export const finalClassification2023 = struct({
  numCars: u8,
  classificationData: array(finalClassificationData2023, 22),
});

export const lobbyInfoData2023 = struct({
  aiControlled: u8,
  teamId: u8,
  nationality: u8,
  platform: u8,
  name: str(48),
  carNumber: u8,
  readyStatus: u8,
});

/** Lobby Info packet (id 9). */
export const lobbyInfo2023 = struct({
  numPlayers: u8,
  lobbyPlayers: array(lobbyInfoData2023, 22),
});

export const carDamageData2023 = struct({
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
  ersFault: u8,
  gearBoxDamage: u8,
  engineDamage: u8,
  engineMGUHWear: u8,
  engineESWear: u8,
  engineCEWear: u8,
  engineICEWear: u8,
  engineMGUKWear: u8,
  engineTCWear: u8,
  engineBlown: u8,
  engineSeized: u8,
});

/** Car Damage packet (id 10). */
export const carDamage2023 = struct({
  carDamageData: array(carDamageData2023, 22),
});

export const lapHistoryData2023 = struct({
  lapTimeInMS: u32,
  sector1TimeInMS: u16,
  sector1TimeMinutes: u8,
  sector2TimeInMS: u16,
  sector2TimeMinutes: u8,
  sector3TimeInMS: u16,
  sector3TimeMinutes: u8,
  lapValidBitFlags: u8,
});

export const tyreStintHistoryData2023 = struct({
  endLap: u8,
  tyreActualCompound: u8,
  tyreVisualCompound: u8,
});

/** The Session History packet's fields before its lap history array (unchanged in F1 24 and F1 25). */
export const sessionHistoryHead2023 = {
  carIdx: u8,
  numLaps: u8,
  numTyreStints: u8,
  bestLapTimeLapNum: u8,
  bestSector1LapNum: u8,
  bestSector2LapNum: u8,
  bestSector3LapNum: u8,
} as const;

/** Session History packet (id 11): one car per packet, cycling through the cars. */
export const sessionHistory2023 = struct({
  ...sessionHistoryHead2023,
  lapHistoryData: array(lapHistoryData2023, 100),
  tyreStintsHistoryData: array(tyreStintHistoryData2023, 8),
});

export const tyreSetData2023 = struct({
  actualTyreCompound: u8,
  visualTyreCompound: u8,
  wear: u8,
  available: u8,
  recommendedSession: u8,
  lifeSpan: u8,
  usableLife: u8,
  lapDeltaTime: i16,
  fitted: u8,
});

/** Tyre Sets packet (id 12): 13 dry + 7 wet sets of one car. */
export const tyreSets2023 = struct({
  carIdx: u8,
  tyreSetData: array(tyreSetData2023, 20),
  fittedIdx: u8,
});

/** Motion Ex packet (id 13): the player's car only. */
export const motionEx2023 = struct({
  suspensionPosition: array(f32, 4),
  suspensionVelocity: array(f32, 4),
  suspensionAcceleration: array(f32, 4),
  wheelSpeed: array(f32, 4),
  wheelSlipRatio: array(f32, 4),
  wheelSlipAngle: array(f32, 4),
  wheelLatForce: array(f32, 4),
  wheelLongForce: array(f32, 4),
  heightOfCOGAboveGround: f32,
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
  wheelVertForce: array(f32, 4),
});

export const format2023 = defineFormat({
  packetFormat: 2023,
  header: header2023,
  packets: {
    motion: motion2023,
    session: session2023,
    lapData: lapDataPacket2023,
    participants: participants2023,
    carSetups: carSetups2023,
    carTelemetry: carTelemetry2023,
    carStatus: carStatus2023,
    finalClassification: finalClassification2023,
    lobbyInfo: lobbyInfo2023,
    carDamage: carDamage2023,
    sessionHistory: sessionHistory2023,
    tyreSets: tyreSets2023,
    motionEx: motionEx2023,
  },
  eventDetailsBytes: 12,
  events: events2023,
});
