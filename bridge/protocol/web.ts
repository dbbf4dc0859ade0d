// The WebSocket protocol between the gateway and the browser: one discriminated union each way, defined once
// and imported by both sides (web/ imports this file). JSON text frames. The gateway forwards the processor's
// derived messages (bridge/protocol/derived.ts) byte for byte where it can, so most server messages ARE
// derived messages; the rest are the gateway's own (welcome, sessions, snapshot, positions, pipeline, ...).
// Everything from the wire (driver names, event text) is untrusted text in the browser: never HTML.

import type {
  CarsMessage,
  EventMessage,
  LapMessage,
  LapTraceMessage,
  SessionMessage,
  TelemetryMessage,
} from "./derived.ts";

export const WEB_PROTOCOL_VERSION = 1 as const;

/** The WebSocket endpoint's path on the gateway's HTTP server. */
export const WEB_SOCKET_PATH = "/ws";

/**
 * What a client can follow in a session. Every subscriber of a session also gets its `session` messages.
 * - positions: every car's position for the 3D view (fans, default cap 20 Hz)
 * - tower:     every car's full live state and timing (the `cars` derived message, default cap 4 Hz)
 * - telemetry: the player's car at the game's rate (driver view; the processor publishes only player cars)
 * - events:    the events feed and completed laps (never skipped: bounded queue, then disconnect)
 * - traces:    completed lap traces (speed, pedals, gear, steer by distance) for the driver view
 */
export const SESSION_CHANNELS = ["positions", "tower", "telemetry", "events", "traces"] as const;
export type SessionChannel = (typeof SESSION_CHANNELS)[number];

// ---------------------------------------------------------------------------------------------------------
// Browser -> gateway

export interface SubscribeRequest {
  readonly type: "subscribe";
  /** One session per connection; a new subscribe replaces the old one and starts with a fresh snapshot. */
  readonly sessionUID: string;
  readonly channels: readonly SessionChannel[];
  /** Telemetry of this car only (default: the session's player car). */
  readonly carIndex?: number;
  /** Lower the fan caps for this client (Hz); the gateway never sends faster than its own caps. */
  readonly maxRateHz?: number;
}

export interface UnsubscribeRequest {
  readonly type: "unsubscribe";
}

/** The pipeline monitor: needs the gateway's monitor token (`--monitor-token`) when one is set. */
export interface MonitorRequest {
  readonly type: "monitor";
  readonly token?: string;
}

/** A completed lap's trace, of this session or of a leaderboard entry. Answered by a `trace-reply`. */
export interface TraceRequest {
  readonly type: "trace";
  readonly requestId: number;
  readonly source:
    | { readonly kind: "session"; readonly sessionUID: string; readonly carIndex: number; readonly lap: number }
    | { readonly kind: "leaderboard"; readonly game: number; readonly trackId: number; readonly driver: string };
}

/** The best laps on a track across sessions. Answered by a `leaderboard-reply`. */
export interface LeaderboardRequest {
  readonly type: "leaderboard";
  readonly requestId: number;
  readonly game: number;
  readonly trackId: number;
  readonly count?: number;
}

/** What this browser measured from UDP receive (receivedAtUs) to onmessage, since its last report. */
export interface LatencyReport {
  readonly type: "latency";
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export type ClientMessage =
  | SubscribeRequest
  | UnsubscribeRequest
  | MonitorRequest
  | TraceRequest
  | LeaderboardRequest
  | LatencyReport;

export type ClientMessageType = ClientMessage["type"];

// ---------------------------------------------------------------------------------------------------------
// Gateway -> browser

export interface WelcomeMessage {
  readonly type: "welcome";
  readonly v: typeof WEB_PROTOCOL_VERSION;
  readonly gatewayId: string;
  /** The gateway sends a `heartbeat` at least this often; a client that hears nothing for 3x reconnects. */
  readonly heartbeatMs: number;
  /** The gateway's clock (epoch ms) when it sent this, as in heartbeats: ages of server times ("updated 3 s ago")
   * are taken on this clock, not the browser's, which may be off by minutes on a phone. */
  readonly atMs?: number;
  readonly maxInboundBytes: number;
  /** The gateway's caps per channel, Hz (0 = every message). */
  readonly rateCapsHz: Readonly<Record<SessionChannel, number>>;
}

export interface SessionSummary {
  readonly sessionUID: string;
  readonly track?: string;
  readonly trackId?: number;
  readonly sessionType?: string;
  readonly packetFormat?: number;
  readonly sources?: readonly string[];
  readonly cars?: number;
  readonly updatedAtMs: number;
}

/** The live-session directory: sent on connect and whenever it changes. */
export interface SessionsMessage {
  readonly type: "sessions";
  readonly sessions: readonly SessionSummary[];
}

export interface LeaderboardRow {
  readonly driver: string;
  readonly lapTimeMs: number;
  readonly sessionUID?: string;
  readonly carIndex?: number;
  readonly lap?: number;
  readonly sectorsMs?: readonly (number | null)[];
}

/** Everything to draw a session at once; live messages follow. Sent after every (re)subscribe. */
export interface SnapshotMessage {
  readonly type: "snapshot";
  readonly sessionUID: string;
  readonly session?: SessionMessage;
  readonly cars?: CarsMessage;
  readonly laps: readonly LapMessage[];
  readonly events: readonly EventMessage[];
  /** Best laps on this track in this game, across sessions. */
  readonly leaderboard: readonly LeaderboardRow[];
}

/** [carIndex, x, y, z, yaw, speedKmh]: game world metres (Y up), yaw in radians. */
export type CarPosition = readonly [number, number, number, number, number, number];

/** Compact car positions for the 3D view, made once per `cars` message by the gateway. */
export interface PositionsMessage {
  readonly type: "positions";
  readonly sessionUID: string;
  readonly sessionTimeMs: number;
  readonly receivedAtUs?: number;
  readonly cars: readonly CarPosition[];
}

export interface RateStat {
  readonly name: string;
  readonly perSecond: number;
  readonly total: number;
}

/** The pipeline monitor, about once a second, to `monitor` subscribers. */
export interface PipelineMessage {
  readonly type: "pipeline";
  readonly atMs: number;
  readonly gatewayId: string;
  /** Messages per second per topic (derived topics the gateway reads; raw from the bridges' reports). */
  readonly topics: readonly RateStat[];
  /** Consumer lag per group and partition (Kafka; the in-process bus reports its own). */
  readonly lag: readonly {
    readonly group: string;
    readonly topic: string;
    readonly partition: number;
    readonly lag: number;
  }[];
  /** UDP receive to browser onmessage, from the browsers' latency reports; and UDP receive to gateway send. */
  readonly endToEndMs: { readonly p50: number; readonly p99: number; readonly max: number; readonly samples: number };
  readonly gatewayMs: { readonly p50: number; readonly p99: number; readonly max: number; readonly samples: number };
  /** Rejections and drops by reason, summed over bridges, processors and this gateway. */
  readonly rejections: Readonly<Record<string, number>>;
  readonly drops: Readonly<Record<string, number>>;
  /** Reorder-window statistics summed over processors (reordered, duplicates, late, gaps, window ms...). */
  readonly reorder: Readonly<Record<string, number>>;
  readonly sessions: readonly SessionSummary[];
  readonly processors: readonly { readonly id: string; readonly atMs: number; readonly sessions: number }[];
  readonly bridges: readonly { readonly id: string; readonly atMs: number; readonly sources: readonly string[] }[];
  readonly gateway: { readonly clients: number; readonly skipped: number; readonly disconnectedSlow: number };
}

export interface TraceReply {
  readonly type: "trace-reply";
  readonly requestId: number;
  /** Absent when no such trace is held (lap not complete, expired, or never seen). */
  readonly trace?: LapTraceMessage;
}

export interface LeaderboardReply {
  readonly type: "leaderboard-reply";
  readonly requestId: number;
  readonly rows: readonly LeaderboardRow[];
}

export interface HeartbeatMessage {
  readonly type: "heartbeat";
  readonly atMs: number;
}

/** A request the gateway refused (bad message, unknown session, monitor token wrong, ...). */
export interface ErrorMessage {
  readonly type: "error";
  /** unavailable: the live state store did not answer (the snapshot or a reply is missing; live updates go on). */
  readonly code: "bad-message" | "too-large" | "unknown-session" | "forbidden" | "rate-limited" | "unavailable";
  readonly message: string;
}

export type ServerMessage =
  | WelcomeMessage
  | SessionsMessage
  | SnapshotMessage
  | SessionMessage
  | CarsMessage
  | PositionsMessage
  | TelemetryMessage
  | LapMessage
  | EventMessage
  | LapTraceMessage
  | PipelineMessage
  | TraceReply
  | LeaderboardReply
  | HeartbeatMessage
  | ErrorMessage;

export type ServerMessageType = ServerMessage["type"];
