import { createClient } from "redis";
import type { LapTraceMessage } from "../protocol/derived.ts";
import { type StateKeys, stateKeys, traceField } from "./keys.ts";
import {
  type BoardKey,
  type Checkpoint,
  DEFAULT_MAX_LAP_TRACES,
  type LeaderboardEntry,
  type LiveStateStore,
  type SessionDirectoryEntry,
} from "./types.ts";

// Keeps a driver's best lap, its details and its trace (or none) together, atomically, whichever processor
// submits it.
const SUBMIT_LAP = `
local best = redis.call('ZSCORE', KEYS[1], ARGV[1])
if best and tonumber(best) <= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
if ARGV[4] == '' then redis.call('HDEL', KEYS[3], ARGV[1]) else redis.call('HSET', KEYS[3], ARGV[1], ARGV[4]) end
return 1`;

// A session's traces: a hash by "<car>/<lap>" and a list of its fields in write order, trimmed to the bound.
const WRITE_TRACE = `
if redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) == 1 then redis.call('RPUSH', KEYS[2], ARGV[1]) end
local over = redis.call('LLEN', KEYS[2]) - tonumber(ARGV[3])
if over > 0 then
  local oldest = redis.call('LRANGE', KEYS[2], 0, over - 1)
  redis.call('LTRIM', KEYS[2], over, -1)
  redis.call('HDEL', KEYS[1], unpack(oldest))
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1`;

export interface RedisStoreOptions {
  readonly url: string;
  readonly keyPrefix: string;
  /** Lap traces kept per session (the oldest written go first). */
  readonly maxLapTraces?: number;
  /** Called on connection errors; the client reconnects by itself (with backoff). */
  readonly onError?: (error: Error) => void;
}

/**
 * Live state in Redis (node-redis). The offline queue is off: while Redis is away every call fails at once
 * instead of piling up in memory, and the caller counts it and writes again later (see StateWriter).
 */
export class RedisStateStore implements LiveStateStore {
  readonly kind = "redis" as const;
  private readonly client;
  private readonly keys: StateKeys;
  private readonly maxLapTraces: number;

  constructor(options: RedisStoreOptions) {
    this.keys = stateKeys(options.keyPrefix);
    this.maxLapTraces = options.maxLapTraces ?? DEFAULT_MAX_LAP_TRACES;
    this.client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 5000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
    });
    this.client.on("error", (error: Error) => options.onError?.(error));
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async close(): Promise<void> {
    if (this.client.isOpen) this.client.destroy();
  }

  async heartbeatSession(entry: SessionDirectoryEntry, ttlMs: number): Promise<void> {
    await this.client
      .multi()
      .zAdd(this.keys.sessions, { score: entry.updatedAtMs + ttlMs, value: entry.sessionUID })
      .set(this.keys.info(entry.sessionUID), JSON.stringify(entry), { expiration: { type: "PX", value: ttlMs } })
      .exec();
  }

  async liveSessions(nowMs: number): Promise<SessionDirectoryEntry[]> {
    await this.client.zRemRangeByScore(this.keys.sessions, "-inf", nowMs);
    const uids = await this.client.zRange(this.keys.sessions, 0, -1);
    if (uids.length === 0) return [];
    const infos = await this.client.mGet(uids.map((uid) => this.keys.info(uid)));
    return infos
      .filter((info): info is string => typeof info === "string")
      .map((info) => JSON.parse(info) as SessionDirectoryEntry)
      .sort((a, b) => a.sessionUID.localeCompare(b.sessionUID));
  }

  async writeSnapshot(sessionUID: string, snapshot: unknown, ttlMs: number): Promise<void> {
    const value = JSON.stringify(snapshot);
    // The session's traces live as long as its snapshot (PEXPIRE of a missing key does nothing).
    await this.client
      .multi()
      .set(this.keys.snapshot(sessionUID), value, { expiration: { type: "PX", value: ttlMs } })
      .pExpire(this.keys.traces(sessionUID), ttlMs)
      .pExpire(this.keys.traceOrder(sessionUID), ttlMs)
      .exec();
  }

  async readSnapshot(sessionUID: string): Promise<unknown | undefined> {
    const value = await this.client.get(this.keys.snapshot(sessionUID));
    return value === null ? undefined : JSON.parse(value);
  }

  async appendEvents(sessionUID: string, events: readonly unknown[], keep: number, ttlMs: number): Promise<void> {
    if (events.length === 0) return;
    const key = this.keys.events(sessionUID);
    await this.client
      .multi()
      .lPush(
        key,
        events.map((e) => JSON.stringify(e)),
      )
      .lTrim(key, 0, keep - 1)
      .pExpire(key, ttlMs)
      .exec();
  }

  async recentEvents(sessionUID: string, count: number): Promise<unknown[]> {
    if (count <= 0) return [];
    const values = await this.client.lRange(this.keys.events(sessionUID), 0, count - 1);
    return values.map((v) => JSON.parse(v));
  }

  async writeLapTrace(sessionUID: string, trace: LapTraceMessage, ttlMs: number): Promise<void> {
    await this.client.eval(WRITE_TRACE, {
      keys: [this.keys.traces(sessionUID), this.keys.traceOrder(sessionUID)],
      arguments: [
        traceField(trace.carIndex, trace.lap),
        JSON.stringify(trace),
        String(this.maxLapTraces),
        String(ttlMs),
      ],
    });
  }

  async readLapTrace(sessionUID: string, carIndex: number, lap: number): Promise<LapTraceMessage | undefined> {
    const value = await this.client.hGet(this.keys.traces(sessionUID), traceField(carIndex, lap));
    return typeof value === "string" ? (JSON.parse(value) as LapTraceMessage) : undefined;
  }

  async submitLap(board: BoardKey, entry: LeaderboardEntry, trace?: LapTraceMessage): Promise<boolean> {
    const improved = await this.client.eval(SUBMIT_LAP, {
      keys: [this.keys.board(board), this.keys.boardLaps(board), this.keys.boardTraces(board)],
      arguments: [entry.driver, String(entry.lapTimeMs), JSON.stringify(entry), trace ? JSON.stringify(trace) : ""],
    });
    return improved === 1;
  }

  async readBoardTrace(board: BoardKey, driver: string): Promise<LapTraceMessage | undefined> {
    const value = await this.client.hGet(this.keys.boardTraces(board), driver);
    return typeof value === "string" ? (JSON.parse(value) as LapTraceMessage) : undefined;
  }

  async leaderboard(board: BoardKey, count: number): Promise<LeaderboardEntry[]> {
    if (count <= 0) return [];
    const drivers = await this.client.zRange(this.keys.board(board), 0, count - 1);
    if (drivers.length === 0) return [];
    const details = await this.client.hmGet(this.keys.boardLaps(board), drivers);
    return details.filter((d): d is string => typeof d === "string").map((d) => JSON.parse(d) as LeaderboardEntry);
  }

  async writeCheckpoint(name: string, checkpoint: Checkpoint): Promise<void> {
    await this.client.set(this.keys.checkpoint(name), JSON.stringify(checkpoint));
  }

  async readCheckpoint(name: string): Promise<Checkpoint | undefined> {
    const value = await this.client.get(this.keys.checkpoint(name));
    return value === null ? undefined : (JSON.parse(value) as Checkpoint);
  }
}
