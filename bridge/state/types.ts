import type { LapTraceMessage } from "../protocol/derived.ts";

/**
 * Live state shared by every processor and gateway: which sessions are live, a snapshot a new viewer loads at
 * once, recent events, lap traces, best-lap leaderboards across sessions (with each entry's trace), and
 * processor checkpoints. Two back-ends with
 * one contract: Redis (`REDIS_URL`) and an in-memory store for the embedded demo and fast tests.
 * Values are JSON documents; their shapes belong to the processing protocol, not to the store.
 */
export interface SessionDirectoryEntry {
  readonly sessionUID: string;
  /** Anything a session list shows (track, session type, format, sources); JSON. */
  readonly info: Readonly<Record<string, unknown>>;
  /** Last heartbeat, ms since the Unix epoch. */
  readonly updatedAtMs: number;
}

/** Which board a lap belongs to: the same track in the same game (layouts and cars differ across games). */
export interface BoardKey {
  readonly game: number;
  readonly trackId: number;
}

export interface LeaderboardEntry {
  /** One row per driver: the best lap of that driver on this board wins. */
  readonly driver: string;
  readonly lapTimeMs: number;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface Checkpoint {
  /** The next raw-topic offset to read after restoring `state`. */
  readonly offset: string;
  readonly state: unknown;
}

export interface LiveStateStore {
  readonly kind: "redis" | "memory";
  connect(): Promise<void>;
  close(): Promise<void>;

  /** Registers or refreshes a live session; it leaves the directory `ttlMs` after its last heartbeat. */
  heartbeatSession(entry: SessionDirectoryEntry, ttlMs: number): Promise<void>;
  liveSessions(nowMs: number): Promise<SessionDirectoryEntry[]>;

  writeSnapshot(sessionUID: string, snapshot: unknown, ttlMs: number): Promise<void>;
  readSnapshot(sessionUID: string): Promise<unknown | undefined>;

  /** Appends to the session's recent events, keeping the newest `keep`. */
  appendEvents(sessionUID: string, events: readonly unknown[], keep: number, ttlMs: number): Promise<void>;
  recentEvents(sessionUID: string, count: number): Promise<unknown[]>;

  /**
   * Keeps a completed lap's trace with the session, by car and lap (a trace with the same id replaces it). It
   * expires with the session's snapshot (each snapshot write extends it); past the store's bound per session
   * (`maxLapTraces`), the oldest written goes first.
   */
  writeLapTrace(sessionUID: string, trace: LapTraceMessage, ttlMs: number): Promise<void>;
  readLapTrace(sessionUID: string, carIndex: number, lap: number): Promise<LapTraceMessage | undefined>;

  /**
   * Records a lap; the board keeps each driver's best. Returns true when it improved that driver's entry, and
   * then that lap's trace becomes the entry's (none when `trace` is absent), in the same step.
   */
  submitLap(board: BoardKey, entry: LeaderboardEntry, trace?: LapTraceMessage): Promise<boolean>;
  leaderboard(board: BoardKey, count: number): Promise<LeaderboardEntry[]>;
  /** The trace of the driver's board-best lap, if that lap had one. */
  readBoardTrace(board: BoardKey, driver: string): Promise<LapTraceMessage | undefined>;

  writeCheckpoint(name: string, checkpoint: Checkpoint): Promise<void>;
  readCheckpoint(name: string): Promise<Checkpoint | undefined>;
}

/** Lap traces kept per session unless the store is told otherwise: a long race of 22 cars (about 12 KB each). */
export const DEFAULT_MAX_LAP_TRACES = 2000;
