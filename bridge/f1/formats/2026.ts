import { defineFormat } from "../format.ts";
import { array, f32, i8, i16, scaled, struct, u8, u16 } from "../schema.ts";
import { carMotionData2018 } from "./2018.ts";
import { carTelemetryData2021 } from "./2021.ts";
import { carStatusData2023, tyreSets2023 } from "./2023.ts";
import {
  carSetupData2024,
  collision2024,
  lapData2024,
  session2024,
  sessionHistory2024,
  timeTrialDataSet2024,
} from "./2024.ts";
import {
  carDamageData2025,
  events2025,
  finalClassificationData2025,
  lobbyInfoData2025,
  motionEx2025,
  participantData2025,
} from "./2025.ts";
import { header2023 } from "./headers.ts";

// UDP Format 2026, sent by F1 25 with the "2026 Season Pack" (the header's gameYear still says 25: detect by
// packetFormat). Layouts from EA's "Data Output from F1 25 2026 Season Pack" (text transcribed in dAr2q/f1-26-udp),
// sizes agreed by F1Game.UDP v26 and pits-n-giggles. Arrays hold 24 cars. Field names stay those of the F1 25
// document where the transcription copies the C++ header's spellings (m_carSetupData, m_vehicleFIAFlags): one key
// per field across 2025 and 2026.
const CARS = 24;

/**
 * How the int16 g-forces are quantised: value / 1000 = g. EA's text gives no scale (dAr2q's header keeps the raw
 * int16); pits-n-giggles and two other public 2026 readers divide by 1000, and the real capture agrees (about -2.1 g
 * lateral for a car cornering at 40 m/s, 0 at rest; /32767 would give -0.07 g, /100 21 g). int16 thousandths span
 * +-32.7 g, enough for crashes. Decoding in g keeps gForceLateral one unit across formats, and the raw topic keeps
 * the bytes, so a corrected scale can be re-run over history.
 */
export const G_FORCE_2026_DIVISOR = 1000;
const gForce = scaled(i16, G_FORCE_2026_DIVISOR);

/** CarMotionData: the three g-forces shrink from f32 to quantised int16 (60 -> 54 bytes), decoded in g. */
export const carMotionData2026 = struct({
  ...carMotionData2018.fields,
  gForceLateral: gForce,
  gForceLongitudinal: gForce,
  gForceVertical: gForce,
});

/** Motion packet (id 0). */
export const motion2026 = struct({ carMotionData: array(carMotionData2026, CARS) });

/** A zone as fractions (0..1) of the lap: active aero (8 full, 8 partial) and DRS (4). */
export const zone2026 = struct({ zoneStart: f32, zoneEnd: f32 });

/** Session packet (id 1): F1 25's, then active aero and DRS zones, start reaction time and five more assists. */
export const session2026 = struct({
  ...session2024.fields,
  activeAeroTrackStatus: u8,
  numActiveAeroZonesFull: u8,
  activeAeroZonesFull: array(zone2026, 8),
  numActiveAeroZonesPartial: u8,
  activeAeroZonesPartial: array(zone2026, 8),
  numDRSZones: u8,
  drsZones: array(zone2026, 4),
  startReactionTime: f32,
  antiLockBrakesAssist: u8,
  tractionControlAssist: u8,
  dynamicRacingLineHiVis: u8,
  dynamicRacingLineColourBlind: u8,
  recurringRewindPrompt: u8,
});

/** Lap Data packet (id 2): F1 24's LapData, 24 cars. */
export const lapDataPacket2026 = struct({
  lapData: array(lapData2024, CARS),
  timeTrialPBCarIdx: u8,
  timeTrialRivalCarIdx: u8,
});

/** Event details (id 3): Collision gains its severity (0 low, 1 medium, 2 high); no new codes. */
export const collision2026 = struct({ ...collision2024.fields, severity: u8 });
export const events2026 = { ...events2025, COLL: collision2026 } as const;

/** ParticipantData: driverId, networkId and teamId widen to u16 (65535: network human / no team). */
export const participantData2026 = struct({
  ...participantData2025.fields,
  driverId: u16,
  networkId: u16,
  teamId: u16,
});

/** Participants packet (id 4). */
export const participants2026 = struct({ numActiveCars: u8, participants: array(participantData2026, CARS) });

/** Car Setups packet (id 5). */
export const carSetups2026 = struct({ carSetups: array(carSetupData2024, CARS), nextFrontWingValue: f32 });

/** CarTelemetryData: engineTemperature shrinks to u8. */
export const carTelemetryData2026 = struct({ ...carTelemetryData2021.fields, engineTemperature: u8 });

/** Car Telemetry packet (id 6). */
export const carTelemetry2026 = struct({
  carTelemetryData: array(carTelemetryData2026, CARS),
  mfdPanelIndex: u8,
  mfdPanelIndexSecondaryPlayer: u8,
  suggestedGear: i8,
});

/** CarStatusData: the lap's ERS harvest limit (J) inserted after ersHarvestedThisLapMGUH; ERS mode 3 is "boost". */
const { ersDeployedThisLap, networkPaused, ...statusHead } = carStatusData2023.fields;
export const carStatusData2026 = struct({
  ...statusHead,
  ersHarvestLimitPerLap: f32,
  ersDeployedThisLap,
  networkPaused,
});

/** Car Status packet (id 7). */
export const carStatus2026 = struct({ carStatusData: array(carStatusData2026, CARS) });

/** Final Classification packet (id 8). */
export const finalClassification2026 = struct({
  numCars: u8,
  classificationData: array(finalClassificationData2025, CARS),
});

/** LobbyInfoData: teamId widens to u16 (65535 = no team selected). */
export const lobbyInfoData2026 = struct({ ...lobbyInfoData2025.fields, teamId: u16 });

/** Lobby Info packet (id 9). */
export const lobbyInfo2026 = struct({ numPlayers: u8, lobbyPlayers: array(lobbyInfoData2026, CARS) });

/** Car Damage packet (id 10). */
export const carDamage2026 = struct({ carDamageData: array(carDamageData2025, CARS) });

/** TimeTrialDataSet: teamId widens to u16. */
export const timeTrialDataSet2026 = struct({ ...timeTrialDataSet2024.fields, teamId: u16 });

/** Time Trial packet (id 14). */
export const timeTrial2026 = struct({
  playerSessionBestDataSet: timeTrialDataSet2026,
  personalBestDataSet: timeTrialDataSet2026,
  rivalDataSet: timeTrialDataSet2026,
});

/** Lap Positions packet (id 15): [lap][vehicleIdx], 50 laps of 24 cars. */
export const lapPositions2026 = struct({
  numLaps: u8,
  lapStart: u8,
  positionForVehicleIdx: array(array(u8, CARS), 50),
});

/**
 * CarTelemetry2Data (new). EA's m_2026Regulations starts with a digit, which is no identifier; we name it
 * `regulations2026` (0 = a pre-2026 car, 1 = 2026 regulations apply). Distances are metres until available (0: not).
 */
export const carTelemetry2Data2026 = struct({
  activeAeroMode: u8,
  activeAeroAvailable: u8,
  activeAeroActivationDistance: u16,
  overtakeAvailable: u8,
  overtakeActive: u8,
  overtakeActivationDistance: u16,
  regulations2026: u8,
  drivingWrongWay: u8,
});

/** Car Telemetry 2 packet (id 16); EA's text gives no send rate. */
export const carTelemetry2Packet2026 = struct({ carTelemetry2Data: array(carTelemetry2Data2026, CARS) });

export const format2026 = defineFormat({
  packetFormat: 2026,
  header: header2023,
  packets: {
    motion: motion2026,
    session: session2026,
    lapData: lapDataPacket2026,
    participants: participants2026,
    carSetups: carSetups2026,
    carTelemetry: carTelemetry2026,
    carStatus: carStatus2026,
    finalClassification: finalClassification2026,
    lobbyInfo: lobbyInfo2026,
    carDamage: carDamage2026,
    sessionHistory: sessionHistory2024,
    tyreSets: tyreSets2023,
    motionEx: motionEx2025,
    timeTrial: timeTrial2026,
    lapPositions: lapPositions2026,
    carTelemetry2: carTelemetry2Packet2026,
  },
  eventDetailsBytes: 12,
  events: events2026,
});
