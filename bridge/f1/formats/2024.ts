import { defineFormat } from "../format.ts";
import { array, f32, str, struct, u8, u16, u32 } from "../schema.ts";
import {
  packetCarTelemetryData2021,
  participantData2021,
  sessionHistoryHead2021,
  tyreStintHistoryData2021,
  weatherForecastSample2021,
} from "./2021.ts";
import { packetCarDamageData2022, packetFinalClassificationData2022 } from "./2022.ts";
import { carStatus2023, events2023, motion2023, motionEx2023, session2023, tyreSets2023 } from "./2023.ts";
import { header2023 } from "./headers.ts";

// Layouts from EA's "Data Output from F1 24 Game". F1 24 renames the split times to "...MSPart" and
// "...MinutesPart" (lap data and session history).

/** Session packet (id 1): 64 forecast samples instead of 56, then the new rules and weekend fields. */
export const session2024 = struct({
  ...session2023.fields,
  // Redefining a spread key keeps its place: the array stays between numWeatherForecastSamples and forecastAccuracy.
  weatherForecastSamples: array(weatherForecastSample2021, 64),
  equalCarPerformance: u8,
  recoveryMode: u8,
  flashbackLimit: u8,
  surfaceType: u8,
  lowFuelMode: u8,
  raceStarts: u8,
  tyreTemperature: u8,
  pitLaneTyreSim: u8,
  carDamage: u8,
  carDamageRate: u8,
  collisions: u8,
  collisionsOffForFirstLapOnly: u8,
  mpUnsafePitRelease: u8,
  mpOffForGriefing: u8,
  cornerCuttingStringency: u8,
  parcFermeRules: u8,
  pitStopExperience: u8,
  safetyCar: u8,
  safetyCarExperience: u8,
  formationLap: u8,
  formationLapExperience: u8,
  redFlags: u8,
  affectsLicenceLevelSolo: u8,
  affectsLicenceLevelMP: u8,
  numSessionsInWeekend: u8,
  weekendStructure: array(u8, 12),
  sector2LapDistanceStart: f32,
  sector3LapDistanceStart: f32,
});

/** LapData of one car: deltas gain a minutes part, and the car's speed trap best is added. */
export const lapData2024 = struct({
  lastLapTimeInMS: u32,
  currentLapTimeInMS: u32,
  sector1TimeMSPart: u16,
  sector1TimeMinutesPart: u8,
  sector2TimeMSPart: u16,
  sector2TimeMinutesPart: u8,
  deltaToCarInFrontMSPart: u16,
  deltaToCarInFrontMinutesPart: u8,
  deltaToRaceLeaderMSPart: u16,
  deltaToRaceLeaderMinutesPart: u8,
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
  speedTrapFastestSpeed: f32,
  speedTrapFastestLap: u8,
});

/** Lap Data packet (id 2). */
export const lapDataPacket2024 = struct({
  lapData: array(lapData2024, 22),
  timeTrialPBCarIdx: u8,
  timeTrialRivalCarIdx: u8,
});

/** Event details (id 3): F1 24 adds the safety car and collision events. */
export const safetyCar2024 = struct({ safetyCarType: u8, eventType: u8 });
export const collision2024 = struct({ vehicle1Idx: u8, vehicle2Idx: u8 });

export const events2024 = {
  ...events2023,
  SCAR: safetyCar2024,
  COLL: collision2024,
} as const;

/** F1 23's ParticipantData with techLevel before platform, so built from F1 2021's. */
export const participantData2024 = struct({
  ...participantData2021.fields,
  showOnlineNames: u8,
  techLevel: u16,
  platform: u8,
});

/** Participants packet (id 4): adds the F1 World tech level. */
export const participants2024 = struct({
  numActiveCars: u8,
  participants: array(participantData2024, 22),
});

/** CarSetupData: adds engine braking after the brake bias. */
export const carSetupData2024 = struct({
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
  engineBraking: u8,
  rearLeftTyrePressure: f32,
  rearRightTyrePressure: f32,
  frontLeftTyrePressure: f32,
  frontRightTyrePressure: f32,
  ballast: u8,
  fuelLoad: f32,
});

/** Car Setups packet (id 5): adds the player's front wing value after the next pit stop. */
export const carSetups2024 = struct({
  carSetups: array(carSetupData2024, 22),
  nextFrontWingValue: f32,
});

export const lobbyInfoData2024 = struct({
  aiControlled: u8,
  teamId: u8,
  nationality: u8,
  platform: u8,
  name: str(48),
  carNumber: u8,
  yourTelemetry: u8,
  showOnlineNames: u8,
  techLevel: u16,
  readyStatus: u8,
});

/** Lobby Info packet (id 9): adds the telemetry and online-name settings and the tech level. */
export const lobbyInfo2024 = struct({
  numPlayers: u8,
  lobbyPlayers: array(lobbyInfoData2024, 22),
});

export const lapHistoryData2024 = struct({
  lapTimeInMS: u32,
  sector1TimeMSPart: u16,
  sector1TimeMinutesPart: u8,
  sector2TimeMSPart: u16,
  sector2TimeMinutesPart: u8,
  sector3TimeMSPart: u16,
  sector3TimeMinutesPart: u8,
  lapValidBitFlags: u8,
});

/** Session History packet (id 11): same layout as F1 23, renamed split times. */
export const sessionHistory2024 = struct({
  ...sessionHistoryHead2021,
  lapHistoryData: array(lapHistoryData2024, 100),
  tyreStintsHistoryData: array(tyreStintHistoryData2021, 8),
});

/** Motion Ex packet (id 13): adds plank heights, suspension roll angles and chassis yaw. */
export const motionEx2024 = struct({
  ...motionEx2023.fields,
  frontAeroHeight: f32,
  rearAeroHeight: f32,
  frontRollAngle: f32,
  rearRollAngle: f32,
  chassisYaw: f32,
});

export const timeTrialDataSet2024 = struct({
  carIdx: u8,
  teamId: u8,
  lapTimeInMS: u32,
  sector1TimeInMS: u32,
  sector2TimeInMS: u32,
  sector3TimeInMS: u32,
  tractionControl: u8,
  gearboxAssist: u8,
  antiLockBrakes: u8,
  equalCarPerformance: u8,
  customSetup: u8,
  valid: u8,
});

/** Time Trial packet (id 14), sent in Time Trial only. */
export const timeTrial2024 = struct({
  playerSessionBestDataSet: timeTrialDataSet2024,
  personalBestDataSet: timeTrialDataSet2024,
  rivalDataSet: timeTrialDataSet2024,
});

export const format2024 = defineFormat({
  packetFormat: 2024,
  header: header2023,
  packets: {
    motion: motion2023,
    session: session2024,
    lapData: lapDataPacket2024,
    participants: participants2024,
    carSetups: carSetups2024,
    carTelemetry: packetCarTelemetryData2021,
    carStatus: carStatus2023,
    finalClassification: packetFinalClassificationData2022,
    lobbyInfo: lobbyInfo2024,
    carDamage: packetCarDamageData2022,
    sessionHistory: sessionHistory2024,
    tyreSets: tyreSets2023,
    motionEx: motionEx2024,
    timeTrial: timeTrial2024,
  },
  eventDetailsBytes: 12,
  events: events2024,
});
