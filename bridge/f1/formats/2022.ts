import { defineFormat } from "../format.ts";
import { array, f32, struct, u8, u32 } from "../schema.ts";
import { packetCarSetupData2020, packetMotionData2020, speedTrap2020 } from "./2020.ts";
import {
  events2021,
  finalClassificationData2021,
  packetCarStatusData2021,
  packetCarTelemetryData2021,
  packetLapData2021,
  packetLobbyInfoData2021,
  packetParticipantsData2021,
  packetSessionData2021,
  packetSessionHistoryData2021,
} from "./2021.ts";
import { header2020 } from "./headers.ts";

// F1 22 ("Data Output from F1 22"). Motion, Participants, Car Setups, Car Telemetry, Car Status,
// Lobby Info and Session History are unchanged from 2021.

/** Session packet: adds game mode, rule set, time of day and session length. */
export const packetSessionData2022 = struct({
  ...packetSessionData2021.fields,
  gameMode: u8,
  ruleSet: u8,
  timeOfDay: u32,
  sessionLength: u8,
});

/** Lap Data packet: adds the time trial personal best and rival car indices. */
export const packetLapData2022 = struct({
  ...packetLapData2021.fields,
  timeTrialPBCarIdx: u8,
  timeTrialRivalCarIdx: u8,
});

/** Event packet details (the union is as large as SpeedTrap, 12 bytes). */
export const speedTrap2022 = struct({
  ...speedTrap2020.fields,
  // Renamed from overallFastestInSession / driverFastestInSession in 2021.
  isOverallFastestInSession: u8,
  isDriverFastestInSession: u8,
  fastestVehicleIdxInSession: u8,
  fastestSpeedInSession: f32,
});

export const events2022 = {
  ...events2021,
  SPTP: speedTrap2022,
} as const;

/** Final Classification packet: adds the lap each tyre stint ended on. */
export const finalClassificationData2022 = struct({
  ...finalClassificationData2021.fields,
  tyreStintsEndLaps: array(u8, 8),
});

export const packetFinalClassificationData2022 = struct({
  numCars: u8,
  classificationData: array(finalClassificationData2022, 22),
});

/** Car Damage packet: adds ersFault, engineBlown and engineSeized. */
export const carDamageData2022 = struct({
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

export const packetCarDamageData2022 = struct({
  carDamageData: array(carDamageData2022, 22),
});

export const format2022 = defineFormat({
  packetFormat: 2022,
  header: header2020,
  packets: {
    motion: packetMotionData2020,
    session: packetSessionData2022,
    lapData: packetLapData2022,
    participants: packetParticipantsData2021,
    carSetups: packetCarSetupData2020,
    carTelemetry: packetCarTelemetryData2021,
    carStatus: packetCarStatusData2021,
    finalClassification: packetFinalClassificationData2022,
    lobbyInfo: packetLobbyInfoData2021,
    carDamage: packetCarDamageData2022,
    sessionHistory: packetSessionHistoryData2021,
  },
  eventDetailsBytes: 12,
  events: events2022,
});
