import { createClient } from "redis";
import { type StateKeys, stateKeys } from "./keys.ts";
import type { BoardKey, Checkpoint, LeaderboardEntry, LiveStateStore, SessionDirectoryEntry } from "./types.ts";

// Keeps a driver's best lap and its details together, atomically, whichever processor submits it.
const SUBMIT_LAP = `
local best = redis.call('ZSCORE', KEYS[1], ARGV[1])
if best and tonumber(best) <= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
return 1`;

export interface RedisStoreOptions {
  readonly url: string;
  readonly keyPrefix: string;
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

  constructor(options: RedisStoreOptions) {
    this.keys = stateKeys(options.keyPrefix);
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
    await this.client.set(this.keys.snapshot(sessionUID), value, { expiration: { type: "PX", value: ttlMs } });
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

  async submitLap(board: BoardKey, entry: LeaderboardEntry): Promise<boolean> {
    const improved = await this.client.eval(SUBMIT_LAP, {
      keys: [this.keys.board(board), this.keys.boardLaps(board)],
      arguments: [entry.driver, String(entry.lapTimeMs), JSON.stringify(entry)],
    });
    return improved === 1;
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
