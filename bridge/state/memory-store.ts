import type { LapTraceMessage } from "../protocol/derived.ts";
import { traceField } from "./keys.ts";
import {
  type BoardKey,
  type Checkpoint,
  DEFAULT_MAX_LAP_TRACES,
  type LeaderboardEntry,
  type LiveStateStore,
  type SessionDirectoryEntry,
} from "./types.ts";

interface Expiring<T> {
  value: T;
  expiresAtMs: number;
}

/**
 * The embedded demo's store: the Redis store's semantics (expiry, capped lists, best-lap boards ordered by time
 * then driver) in process memory. Values are copied through JSON, as Redis would, so no caller shares objects.
 */
export class MemoryStateStore implements LiveStateStore {
  readonly kind = "memory" as const;
  private readonly sessions = new Map<string, Expiring<SessionDirectoryEntry>>();
  private readonly snapshots = new Map<string, Expiring<string>>();
  private readonly events = new Map<string, Expiring<string[]>>();
  /** Per session, "<car>/<lap>" -> JSON, in write order (a Map keeps a replaced key in its place, as the list does). */
  private readonly traces = new Map<string, Expiring<Map<string, string>>>();
  private readonly boards = new Map<string, Map<string, LeaderboardEntry>>();
  private readonly boardTraces = new Map<string, Map<string, string>>();
  private readonly checkpoints = new Map<string, string>();
  private readonly now: () => number;
  private readonly maxLapTraces: number;

  constructor(options: { now?: () => number; maxLapTraces?: number } = {}) {
    this.now = options.now ?? Date.now;
    this.maxLapTraces = options.maxLapTraces ?? DEFAULT_MAX_LAP_TRACES;
  }

  async connect(): Promise<void> {}
  async close(): Promise<void> {}

  async heartbeatSession(entry: SessionDirectoryEntry, ttlMs: number): Promise<void> {
    this.sessions.set(entry.sessionUID, { value: copy(entry), expiresAtMs: this.now() + ttlMs });
  }

  async liveSessions(nowMs: number): Promise<SessionDirectoryEntry[]> {
    const live: SessionDirectoryEntry[] = [];
    for (const [uid, e] of this.sessions) {
      if (e.expiresAtMs <= nowMs) this.sessions.delete(uid);
      else live.push(copy(e.value));
    }
    return live.sort((a, b) => a.sessionUID.localeCompare(b.sessionUID));
  }

  async writeSnapshot(sessionUID: string, snapshot: unknown, ttlMs: number): Promise<void> {
    this.snapshots.set(sessionUID, { value: JSON.stringify(snapshot), expiresAtMs: this.now() + ttlMs });
    // The session's traces live as long as its snapshot.
    const traces = this.live(this.traces, sessionUID);
    if (traces) this.traces.set(sessionUID, { value: traces, expiresAtMs: this.now() + ttlMs });
  }

  async readSnapshot(sessionUID: string): Promise<unknown | undefined> {
    const e = this.live(this.snapshots, sessionUID);
    return e === undefined ? undefined : JSON.parse(e);
  }

  async appendEvents(sessionUID: string, events: readonly unknown[], keep: number, ttlMs: number): Promise<void> {
    const list = this.live(this.events, sessionUID) ?? [];
    const added = events.map((e) => JSON.stringify(e)).reverse();
    this.events.set(sessionUID, { value: [...added, ...list].slice(0, keep), expiresAtMs: this.now() + ttlMs });
  }

  async recentEvents(sessionUID: string, count: number): Promise<unknown[]> {
    return (this.live(this.events, sessionUID) ?? []).slice(0, count).map((e) => JSON.parse(e));
  }

  async writeLapTrace(sessionUID: string, trace: LapTraceMessage, ttlMs: number): Promise<void> {
    const traces = this.live(this.traces, sessionUID) ?? new Map<string, string>();
    traces.set(traceField(trace.carIndex, trace.lap), JSON.stringify(trace));
    for (const oldest of traces.keys()) {
      if (traces.size <= this.maxLapTraces) break;
      traces.delete(oldest);
    }
    this.traces.set(sessionUID, { value: traces, expiresAtMs: this.now() + ttlMs });
  }

  async readLapTrace(sessionUID: string, carIndex: number, lap: number): Promise<LapTraceMessage | undefined> {
    const json = this.live(this.traces, sessionUID)?.get(traceField(carIndex, lap));
    return json === undefined ? undefined : JSON.parse(json);
  }

  async submitLap(board: BoardKey, entry: LeaderboardEntry, trace?: LapTraceMessage): Promise<boolean> {
    const key = `${board.game}:${board.trackId}`;
    const rows = this.boards.get(key) ?? new Map<string, LeaderboardEntry>();
    this.boards.set(key, rows);
    const best = rows.get(entry.driver);
    if (best && best.lapTimeMs <= entry.lapTimeMs) return false;
    rows.set(entry.driver, copy(entry));
    const traces = this.boardTraces.get(key) ?? new Map<string, string>();
    this.boardTraces.set(key, traces);
    if (trace) traces.set(entry.driver, JSON.stringify(trace));
    else traces.delete(entry.driver);
    return true;
  }

  async readBoardTrace(board: BoardKey, driver: string): Promise<LapTraceMessage | undefined> {
    const json = this.boardTraces.get(`${board.game}:${board.trackId}`)?.get(driver);
    return json === undefined ? undefined : JSON.parse(json);
  }

  async leaderboard(board: BoardKey, count: number): Promise<LeaderboardEntry[]> {
    const rows = [...(this.boards.get(`${board.game}:${board.trackId}`)?.values() ?? [])];
    // Redis orders equal scores by member bytes; so do we.
    rows.sort((a, b) => a.lapTimeMs - b.lapTimeMs || Buffer.compare(Buffer.from(a.driver), Buffer.from(b.driver)));
    return rows.slice(0, count).map(copy);
  }

  async writeCheckpoint(name: string, checkpoint: Checkpoint): Promise<void> {
    this.checkpoints.set(name, JSON.stringify(checkpoint));
  }

  async readCheckpoint(name: string): Promise<Checkpoint | undefined> {
    const c = this.checkpoints.get(name);
    return c === undefined ? undefined : JSON.parse(c);
  }

  private live<T>(map: Map<string, Expiring<T>>, key: string): T | undefined {
    const e = map.get(key);
    if (!e) return undefined;
    if (e.expiresAtMs > this.now()) return e.value;
    map.delete(key);
    return undefined;
  }
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
