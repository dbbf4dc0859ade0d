import { defineFormat } from "../format.ts";
import { array, f32, f64, str, struct, u8, u32 } from "../schema.ts";
import { packetCarTelemetryData2021 } from "./2021.ts";
import { carStatus2023, motion2023, tyreSets2023 } from "./2023.ts";
import {
  carSetups2024,
  events2024,
  lapDataPacket2024,
  lobbyInfoData2024,
  motionEx2024,
  participantData2024,
  session2024,
  sessionHistory2024,
  timeTrial2024,
} from "./2024.ts";
import { header2023 } from "./headers.ts";

// Layouts from EA's F1 25 specification (the "Data Output from F1 25 Game" document and its C++ header).
// The header names two members differently from the document: m_carSetupData (document: m_carSetups) and
// m_vehicleFIAFlags (document: m_vehicleFiaFlags); we keep the document's names, as in F1 23 and F1 24.

/** Event details (id 3): F1 25 adds a reason to Retirement and DRS disabled, and the stop-go time. */
export const retirement2025 = struct({ vehicleIdx: u8, reason: u8 });
export const drsDisabled2025 = struct({ reason: u8 });
export const stopGoPenaltyServed2025 = struct({ vehicleIdx: u8, stopTime: f32 });

export const events2025 = {
  ...events2024,
  RTMT: retirement2025,
  DRSD: drsDisabled2025,
  SGSV: stopGoPenaltyServed2025,
} as const;

export const liveryColour2025 = struct({ red: u8, green: u8, blue: u8 });

/** ParticipantData: the name shrinks from 48 to 32 bytes (overridden in place); livery colours are added. */
export const participantData2025 = struct({
  ...participantData2024.fields,
  name: str(32),
  numColours: u8,
  liveryColours: array(liveryColour2025, 4),
});

/** Participants packet (id 4). */
export const participants2025 = struct({
  numActiveCars: u8,
  participants: array(participantData2025, 22),
});

/** FinalClassificationData: adds the result reason. */
export const finalClassificationData2025 = struct({
  position: u8,
  numLaps: u8,
  gridPosition: u8,
  points: u8,
  numPitStops: u8,
  resultStatus: u8,
  resultReason: u8,
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
export const finalClassification2025 = struct({
  numCars: u8,
  classificationData: array(finalClassificationData2025, 22),
});

/** LobbyInfoData: the name shrinks from 48 to 32 bytes (overridden in place). */
export const lobbyInfoData2025 = struct({
  ...lobbyInfoData2024.fields,
  name: str(32),
});

/** Lobby Info packet (id 9). */
export const lobbyInfo2025 = struct({
  numPlayers: u8,
  lobbyPlayers: array(lobbyInfoData2025, 22),
});

/** CarDamageData: adds tyre blisters after the brakes damage. */
export const carDamageData2025 = struct({
  tyresWear: array(f32, 4),
  tyresDamage: array(u8, 4),
  brakesDamage: array(u8, 4),
  tyreBlisters: array(u8, 4),
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
export const carDamage2025 = struct({
  carDamageData: array(carDamageData2025, 22),
});

/** Motion Ex packet (id 13): adds chassis pitch and each wheel's camber and camber gain. */
export const motionEx2025 = struct({
  ...motionEx2024.fields,
  chassisPitch: f32,
  wheelCamber: array(f32, 4),
  wheelCamberGain: array(f32, 4),
});

/** Lap Positions packet (id 15): each car's position at the start of up to 50 laps, [lap][vehicleIdx]. */
export const lapPositions2025 = struct({
  numLaps: u8,
  lapStart: u8,
  positionForVehicleIdx: array(array(u8, 22), 50),
});

export const format2025 = defineFormat({
  packetFormat: 2025,
  header: header2023,
  packets: {
    motion: motion2023,
    session: session2024,
    lapData: lapDataPacket2024,
    participants: participants2025,
    carSetups: carSetups2024,
    carTelemetry: packetCarTelemetryData2021,
    carStatus: carStatus2023,
    finalClassification: finalClassification2025,
    lobbyInfo: lobbyInfo2025,
    carDamage: carDamage2025,
    sessionHistory: sessionHistory2024,
    tyreSets: tyreSets2023,
    motionEx: motionEx2025,
    timeTrial: timeTrial2024,
    lapPositions: lapPositions2025,
  },
  eventDetailsBytes: 12,
  events: events2025,
});
