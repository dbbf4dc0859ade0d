// What the processor publishes: the contract between processing, the live state store, the gateway and the
// web client. One JSON document per record, discriminated on `type`, versioned by `v`; key = sessionUID
// (the monitor topic is keyed by processor id). Units are fixed: ms, m, km/h, m/s, degC, kg, J, pedals 0..1,
// steering -1..1, tyre wear 0..100 %. Wheel arrays are in EA's order [RL, RR, FL, FR]. A value the game did
// not send is absent, never invented. Names come from the wire: untrusted text, never HTML.

export const DERIVED_VERSION = 1 as const;

/** Topic suffixes: `<prefix>.<kind>`. */
export const DERIVED_TOPICS = {
  /** Session info and participants, on change (compacted: the latest per session is enough to join). */
  sessions: "sessions",
  /** Every car's live state and timing, throttled for fans (default 20 Hz). */
  cars: "cars",
  /** The player's car (and second player's) at the game's full rate, for the driver view. */
  telemetry: "telemetry",
  /** One record per completed lap, with a deterministic id. */
  laps: "laps",
  /** The events feed, with deterministic ids. */
  events: "events",
  /** Completed lap traces (channels by lap distance) for the driver view's overlays, with the lap's id. */
  traces: "traces",
  /** Processor and bridge statistics for the pipeline monitor, keyed by processor or bridge id. */
  monitor: "monitor",
} as const;

export type DerivedKind = keyof typeof DERIVED_TOPICS;

export function derivedTopic(prefix: string, kind: DerivedKind): string {
  return `${prefix}.${DERIVED_TOPICS[kind]}`;
}

interface Stamped {
  readonly v: typeof DERIVED_VERSION;
  readonly sessionUID: string;
  /** The game's session clock of the newest datagram behind this message. */
  readonly sessionTimeMs: number;
  /** Bridge receive time (µs since epoch) of the newest datagram behind this message: end-to-end latency. */
  readonly receivedAtUs?: number;
}

export type PitStatus = "none" | "pitting" | "in-pit-area";

export interface Participant {
  readonly carIndex: number;
  readonly name: string;
  readonly teamId: number;
  readonly team?: string;
  readonly raceNumber?: number;
  readonly nationality?: string;
  readonly aiControlled?: boolean;
}

export interface SessionMessage extends Stamped {
  readonly type: "session";
  readonly packetFormat: number;
  readonly gameYear?: number;
  readonly trackId: number;
  readonly track?: string;
  readonly trackLengthM?: number;
  readonly sessionTypeId?: number;
  readonly sessionType?: string;
  readonly totalLaps?: number;
  readonly timeLeftS?: number;
  readonly weather?: string;
  readonly trackTempC?: number;
  readonly airTempC?: number;
  readonly forecast?: readonly {
    readonly inMinutes: number;
    readonly weather?: string;
    readonly rainPercent?: number;
  }[];
  readonly safetyCar?: string;
  readonly playerCarIndex: number;
  readonly numActiveCars?: number;
  readonly participants: readonly Participant[];
  /** Where sectors 2 and 3 start, when the game says (2024+), else learned from the laps. */
  readonly sectorStartsM?: readonly [number, number];
  /** Datagram sources ("address:port") and the rig ids seen for this session. */
  readonly sources: readonly string[];
}

/** What the live car state and the player's telemetry both carry about the lap in progress and 2026 aero. */
export interface LapAndAero {
  /** This lap's sector times so far (absent until the sector is done). */
  readonly sector1Ms?: number;
  readonly sector2Ms?: number;
  /** 2026: active aero mode and whether it may switch; overtake mode available and in use. */
  readonly activeAero?: "corner" | "straight";
  readonly activeAeroAvailable?: boolean;
  readonly overtakeAvailable?: boolean;
  readonly overtakeActive?: boolean;
}

export interface CarState extends LapAndAero {
  readonly carIndex: number;
  /** Driven by a source that joined the game's session (a ghost, a reference lap): not one of the field. */
  readonly reference?: true;
  readonly position?: number;
  /** Places gained since the start (grid position, else the first position seen); negative when lost. */
  readonly positionsGained?: number;
  readonly lap?: number;
  readonly lapDistanceM?: number;
  readonly sector?: 0 | 1 | 2;
  readonly x?: number;
  readonly y?: number;
  readonly z?: number;
  /** Heading in radians (the game's yaw). */
  readonly yaw?: number;
  readonly speedKmh?: number;
  readonly gear?: number;
  readonly throttle?: number;
  readonly brake?: number;
  readonly drs?: boolean;
  readonly pit?: PitStatus;
  readonly pitStops?: number;
  readonly currentLapMs?: number;
  readonly lastLapMs?: number;
  readonly bestLapMs?: number;
  readonly lapInvalid?: boolean;
  readonly gapToLeaderMs?: number;
  readonly intervalMs?: number;
  /** Live delta at this lap distance to the car's own best lap, and to the session best. */
  readonly deltaToBestMs?: number;
  readonly deltaToSessionBestMs?: number;
  readonly tyre?: { readonly compound?: string; readonly visual?: string; readonly ageLaps?: number };
  readonly ersStorePercent?: number;
  /** The game's laps of fuel left (2019+), else derived from the fuel each lap used. */
  readonly fuelLapsLeft?: number;
  readonly fuelPerLapKg?: number;
  readonly predictedLapMs?: number;
  /** Standard deviation of the car's clean laps (three or more). */
  readonly consistencyMs?: number;
  /** Most worn tyre, its wear per lap in this stint, laps until the wear threshold, and the forecast's error. */
  readonly tyreWearPercent?: number;
  readonly tyreWearPerLapPercent?: number;
  readonly tyreLapsToThreshold?: number;
  readonly tyreWearErrorPercent?: number;
  readonly gLat?: number;
  readonly gLong?: number;
  readonly status?: string;
}

export interface CarsMessage extends Stamped {
  readonly type: "cars";
  readonly cars: readonly CarState[];
}

export interface TelemetryMessage extends Stamped, LapAndAero {
  readonly type: "telemetry";
  readonly carIndex: number;
  readonly lap?: number;
  readonly lapDistanceM?: number;
  readonly currentLapMs?: number;
  readonly speedKmh: number;
  readonly throttle: number;
  readonly brake: number;
  readonly steer: number;
  readonly gear: number;
  readonly rpm: number;
  readonly drs: boolean;
  readonly gLat?: number;
  readonly gLong?: number;
  readonly ersStoreJ?: number;
  readonly ersDeployMode?: string;
  readonly ersDeployedThisLapJ?: number;
  readonly ersHarvestedThisLapJ?: number;
  readonly fuelKg?: number;
  readonly fuelLapsLeft?: number;
  readonly tyreWearPercent?: readonly number[];
  readonly tyreSurfaceC?: readonly number[];
  readonly tyreInnerC?: readonly number[];
  readonly brakesC?: readonly number[];
  readonly deltaToBestMs?: number;
  readonly predictedLapMs?: number;
  /** Damage in percent: wings, floor, diffuser, sidepods, gearbox, engine. */
  readonly damagePercent?: Readonly<Record<string, number>>;
}

export interface LapMessage extends Stamped {
  readonly type: "lap";
  /** `<sessionUID>/<carIndex>/<lap>`: a consumer that sees an id twice keeps one (idempotent). */
  readonly id: string;
  readonly carIndex: number;
  readonly driver?: string;
  readonly lap: number;
  readonly timeMs: number;
  readonly sectorsMs: readonly [number | null, number | null, number | null];
  readonly valid: boolean;
  readonly topSpeedKmh?: number;
  readonly position?: number;
  readonly tyre?: string;
  readonly fuelUsedKg?: number;
  readonly personalBest: boolean;
  readonly sessionBest: boolean;
  /** Driven by a source that joined the game's session (`slipstream import --join-session`: a ghost, a reference
   * lap): shown with the session, never on the track's leaderboards. */
  readonly reference?: true;
  /** What the in-stream model predicted at the lap's half-way point, and how far off it was. */
  readonly predictedMs?: number;
  readonly predictionErrorMs?: number;
  /** The car's running mean absolute prediction error over its recent laps. */
  readonly predictionMeanAbsErrorMs?: number;
  /** 2026: share of the lap's samples in straight-line aero and with overtake mode on, and overtake activations. */
  readonly activeAero?: {
    readonly straightPercent: number;
    readonly overtakeActivePercent: number;
    readonly overtakeUses: number;
  };
  /** Corners found from the data, numbered by the session's first clean lap: apex, minimum speed, braking point. */
  readonly corners?: readonly {
    readonly corner: number;
    readonly apexM: number;
    readonly minSpeedKmh: number;
    readonly brakeAtM?: number;
  }[];
}

export interface EventMessage extends Stamped {
  readonly type: "event";
  /** `<sessionUID>/<frame>/<code>/<n>`: deterministic, so a re-processed event is recognised. */
  readonly id: string;
  /** The game's code (FTLP, PENA, OVTK, COLL, ...) or ours for what we derive (PITIN, PITOUT, PB). */
  readonly code: string;
  readonly carIndex?: number;
  readonly otherCarIndex?: number;
  /** Plain text for the feed (driver names inside are untrusted: render as text). */
  readonly text: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface MonitorMessage {
  readonly v: typeof DERIVED_VERSION;
  readonly type: "monitor";
  readonly processorId: string;
  readonly atMs: number;
  readonly counters: Readonly<Record<string, number>>;
  readonly reorder: Readonly<Record<string, number>>;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly sessions: readonly string[];
}

/**
 * A completed lap as channels against lap distance, one sample every `stepM` metres (the first sample at or
 * after each step), for the driver view's overlays and reference laps. All arrays have the same length.
 */
export interface LapTraceMessage extends Stamped {
  readonly type: "trace";
  /** The lap's id (`<sessionUID>/<carIndex>/<lap>`). */
  readonly id: string;
  readonly carIndex: number;
  /** As on its lap: a joined source's (reference) lap. */
  readonly reference?: true;
  readonly driver?: string;
  readonly lap: number;
  readonly timeMs: number;
  readonly valid: boolean;
  readonly stepM: number;
  readonly distanceM: readonly number[];
  readonly elapsedMs: readonly number[];
  readonly speedKmh: readonly number[];
  readonly throttle: readonly number[];
  readonly brake: readonly number[];
  readonly gear: readonly number[];
  /** Absent when the game's data for this car has no steering (fans' cars before F1 2020 carry it too). */
  readonly steer?: readonly number[];
}

/** What a bridge reports to the pipeline monitor, about once a second, keyed by bridge id. */
export interface BridgeMonitorMessage {
  readonly v: typeof DERIVED_VERSION;
  readonly type: "bridge-monitor";
  readonly bridgeId: string;
  readonly atMs: number;
  /** Running totals: datagrams received, published, bytes, ... */
  readonly counters: Readonly<Record<string, number>>;
  /** Running totals by reason. */
  readonly rejections: Readonly<Record<string, number>>;
  readonly drops: Readonly<Record<string, number>>;
  /** Datagram sources ("address:port") seen recently, and their sessions. */
  readonly sources: readonly string[];
  readonly sessions: readonly string[];
}

export type DerivedMessage =
  | SessionMessage
  | CarsMessage
  | TelemetryMessage
  | LapMessage
  | LapTraceMessage
  | EventMessage
  | MonitorMessage;

/** What the monitor topic carries: the processors' reports and the bridges' (published by the bridge). */
export type MonitorReport = MonitorMessage | BridgeMonitorMessage;

export type DerivedType = DerivedMessage["type"];

/** Which derived topic carries each message type. */
export const TOPIC_OF_TYPE: Readonly<Record<DerivedType, DerivedKind>> = {
  session: "sessions",
  cars: "cars",
  telemetry: "telemetry",
  lap: "laps",
  trace: "traces",
  event: "events",
  monitor: "monitor",
};
