import { defineFormat } from "../format.ts";
import { array, f32, i8, i16, str, struct, u8, u16, u32 } from "../schema.ts";
import { carMotionData2018 } from "./2018.ts";
import { packetCarSetupData2020 } from "./2020.ts";
import {
  packetCarTelemetryData2021,
  participantData2021,
  sessionHistoryHead2021,
  tyreStintHistoryData2021,
} from "./2021.ts";
import {
  events2022,
  packetCarDamageData2022,
  packetFinalClassificationData2022,
  packetSessionData2022,
} from "./2022.ts";
import { header2023 } from "./headers.ts";

// Layouts from EA's "Data Output from F1 23 Game". 22 cars; wheel arrays are RL, RR, FL, FR.
// Car Setups, Car Telemetry, Final Classification and Car Damage are unchanged from F1 22.

/** Motion packet (id 0). From F1 23 the player-only extras moved to the Motion Ex packet. */
export const motion2023 = struct({
  carMotionData: array(carMotionData2018, 22),
});

/** Session packet (id 1): adds units, safety car and red flag counts. */
export const session2023 = struct({
  ...packetSessionData2022.fields,
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

/** Event details (id 3): F1 23 adds the red flag and overtake events; the union stays 12 bytes. */
export const overtake2023 = struct({ overtakingVehicleIdx: u8, beingOvertakenVehicleIdx: u8 });

export const events2023 = {
  ...events2022,
  RDFL: null,
  OVTK: overtake2023,
} as const;

export const participantData2023 = struct({
  ...participantData2021.fields,
  showOnlineNames: u8,
  platform: u8,
});

/** Participants packet (id 4): adds the online-names setting and the platform. */
export const participants2023 = struct({
  numActiveCars: u8,
  participants: array(participantData2023, 22),
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

/** Session History packet (id 11): one car per packet, cycling through the cars. */
export const sessionHistory2023 = struct({
  ...sessionHistoryHead2021,
  lapHistoryData: array(lapHistoryData2023, 100),
  tyreStintsHistoryData: array(tyreStintHistoryData2021, 8),
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
    carSetups: packetCarSetupData2020,
    carTelemetry: packetCarTelemetryData2021,
    carStatus: carStatus2023,
    finalClassification: packetFinalClassificationData2022,
    lobbyInfo: lobbyInfo2023,
    carDamage: packetCarDamageData2022,
    sessionHistory: sessionHistory2023,
    tyreSets: tyreSets2023,
    motionEx: motionEx2023,
  },
  eventDetailsBytes: 12,
  events: events2023,
});
