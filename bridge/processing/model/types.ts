/**
 * One typed, format-independent model of an F1 game session. `normalise()` turns every decoded packet of every
 * packetFormat (2018..2026) into these; everything downstream reads only the model.
 *
 * Conventions (the same in every kind):
 * - Units are in the field name's suffix: Ms (milliseconds), S (whole seconds, where the game counts seconds:
 *   penalties, session clock), M (metres), Kmh, Mps (m/s), C (degrees Celsius), Kg, Pct (0..100), J (joules),
 *   W (watts), Psi, Rad, Deg, G. Pedals are 0..1 (throttle, brake, clutch), steer -1 (full left) .. 1 (full right).
 *   Times the game sends in milliseconds stay integers; float seconds become milliseconds rounded to the
 *   millisecond, except `meta.sessionTimeMs` and flashback times (unrounded: frames are 16.7 ms apart at 60 Hz).
 * - Wheel arrays (`Wheels<T>`) are in EA's order: [rear left, rear right, front left, front right].
 * - Per-car arrays (`cars`) are indexed by vehicle index and as long as the format's grid: 20 (2018-2019),
 *   22 (2020-2025), 24 (2026). Slots past the active cars hold what the game sent (zeros): use the participants'
 *   numActiveCars or a lap data resultStatus to tell cars from empty slots. Lists the game sizes with a count
 *   (marshal zones, forecast samples, laps, tyre stints, lobby players) are cut to that count.
 * - A field is absent when the format does not have it (e.g. numPitStops before 2021). It is also absent where the
 *   game's own "none" value stands in: a lap or sector time of 0 (not set yet), a vehicle index of 255 (no car),
 *   -1/255 "unknown" codes, and a code the format's spec does not list. Nothing is invented or defaulted.
 *   Absent means the value is undefined: objects are built by one literal per call site (the key may be there,
 *   holding undefined) because copying them without those keys cost most of the processor's time; JSON
 *   leaves such keys out.
 * - Codes the logic branches on (session type, weather, flags, statuses...) become the lowercase vocabularies of
 *   types/enums.ts. Codes that only name things (track, team, driver, nationality, tyre compound, formula) keep
 *   their numeric id, next to the display name from bridge/f1/lookups (absent when the id is unknown). Ids are
 *   the format's own numbering: compare names or vocabularies across formats, not ids.
 * - Strings the game sends (driver names) are kept as sent: untrusted text, to be escaped by whoever renders it.
 */
import type { DamagePacket, StatusPacket, Telemetry2Packet, TelemetryPacket } from "./types/car.ts";
import type { EventPacket } from "./types/event.ts";
import type { LapDataPacket } from "./types/lap-data.ts";
import type { MotionExPacket, MotionPacket } from "./types/motion.ts";
import type { LobbyInfoPacket, ParticipantsPacket } from "./types/participants.ts";
import type {
  FinalClassificationPacket,
  LapPositionsPacket,
  SessionHistoryPacket,
  TimeTrialPacket,
  TyreSetsPacket,
} from "./types/results.ts";
import type { SessionPacket } from "./types/session.ts";
import type { CarSetupsPacket } from "./types/setups.ts";

export type * from "./types/base.ts";
export type * from "./types/car.ts";
export type * from "./types/enums.ts";
export type * from "./types/event.ts";
export type * from "./types/lap-data.ts";
export type * from "./types/motion.ts";
export type * from "./types/participants.ts";
export type * from "./types/results.ts";
export type * from "./types/session.ts";
export type * from "./types/setups.ts";

/**
 * Every normalised packet, discriminated on `kind`. Kinds follow F1 25's packets: data that older formats carried
 * elsewhere is moved where EA later put it (2018-2022 Motion's player extras are a "motionEx"; 2018-2020 Car Status's
 * wear and damage a "damage"), so one kind always holds the same data.
 */
export type ModelPacket =
  | SessionPacket
  | LapDataPacket
  | MotionPacket
  | MotionExPacket
  | TelemetryPacket
  | Telemetry2Packet
  | StatusPacket
  | DamagePacket
  | ParticipantsPacket
  | LobbyInfoPacket
  | EventPacket
  | SessionHistoryPacket
  | FinalClassificationPacket
  | TyreSetsPacket
  | LapPositionsPacket
  | CarSetupsPacket
  | TimeTrialPacket;

export type ModelKind = ModelPacket["kind"];
export type ModelPacketOf<K extends ModelKind> = Extract<ModelPacket, { kind: K }>;
