import { defineFormat } from "../format.ts";
import { array, f32, i8, struct, u8, u16, u32 } from "../schema.ts";
import {
  carSetups2018,
  carTelemetryData2018,
  lapDataPacket2018,
  motion2018,
  participantData2018,
  sessionHead2018,
  sessionTail2018,
} from "./2018.ts";
import { header2019 } from "./headers.ts";

// Layouts from "F1 2019 UDP Specification" (Codemasters forum). 20 cars; wheel arrays are RL, RR, FL, FR.
// Motion (id 0), Lap Data (id 2) and Car Setups (id 5) are unchanged from 2018.

/** Session packet (id 1): 2018's `era` byte becomes `formula`. */
export const session2019 = struct({
  ...sessionHead2018,
  formula: u8,
  ...sessionTail2018,
});

/** ParticipantData (2019): adds the player's "Your Telemetry" setting. */
export const participantData2019 = struct({
  ...participantData2018.fields,
  yourTelemetry: u8,
});

/** Participants packet (id 4): `numCars` is renamed `numActiveCars`. */
const participants2019 = struct({
  numActiveCars: u8,
  participants: array(participantData2019, 20),
});

/**
 * CarTelemetryData (2019): throttle, steer and brake become floats (0..1, -1..1) and surfaceType is added.
 * Overriding a spread key keeps its original position, so the field order is still the spec's.
 */
export const carTelemetryData2019 = struct({
  ...carTelemetryData2018.fields,
  throttle: f32,
  steer: f32,
  brake: f32,
  surfaceType: array(u8, 4),
});

/** Car Telemetry packet (id 6). */
const carTelemetry2019 = struct({
  carTelemetryData: array(carTelemetryData2019, 20),
  buttonStatus: u32,
});

/** CarStatusData (2019): adds fuelRemainingLaps, splits the tyre compound in two, drops exhaustDamage. */
export const carStatusData2019 = struct({
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
  // EA types this uint8 although its comment lists -1 = unknown.
  drsAllowed: u8,
  tyresWear: array(u8, 4),
  actualTyreCompound: u8,
  // Named tyreVisualCompound in the 2019 spec only; 2020 onwards calls it visualTyreCompound.
  tyreVisualCompound: u8,
  tyresDamage: array(u8, 4),
  frontLeftWingDamage: u8,
  frontRightWingDamage: u8,
  rearWingDamage: u8,
  engineDamage: u8,
  gearBoxDamage: u8,
  vehicleFiaFlags: i8,
  ersStoreEnergy: f32,
  ersDeployMode: u8,
  ersHarvestedThisLapMGUK: f32,
  ersHarvestedThisLapMGUH: f32,
  ersDeployedThisLap: f32,
});

/** Car Status packet (id 7). */
const carStatus2019 = struct({
  carStatusData: array(carStatusData2019, 20),
});

/** Event details of FTLP (FastestLap); lapTime in seconds. */
export const fastestLap2019 = struct({
  vehicleIdx: u8,
  lapTime: f32,
});

/** Event details naming one car: RTMT (Retirement), TMPT (TeamMateInPits), RCWN (RaceWinner). */
export const vehicleEvent2019 = struct({
  vehicleIdx: u8,
});

/** Event packet (id 3): the 4-char code, then the EventDataDetails union (5 bytes: FastestLap). */
export const events2019 = {
  SSTA: null,
  SEND: null,
  FTLP: fastestLap2019,
  RTMT: vehicleEvent2019,
  DRSE: null,
  DRSD: null,
  TMPT: vehicleEvent2019,
  CHQF: null,
  RCWN: vehicleEvent2019,
} as const;

export const format2019 = defineFormat({
  packetFormat: 2019,
  header: header2019,
  packets: {
    motion: motion2018,
    session: session2019,
    lapData: lapDataPacket2018,
    participants: participants2019,
    carSetups: carSetups2018,
    carTelemetry: carTelemetry2019,
    carStatus: carStatus2019,
  },
  eventDetailsBytes: 5,
  events: events2019,
});
