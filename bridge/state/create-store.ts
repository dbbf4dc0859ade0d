import { MemoryStateStore } from "./memory-store.ts";
import { RedisStateStore } from "./redis-store.ts";
import type { LiveStateStore } from "./types.ts";

export interface StoreChoice {
  readonly redisUrl: string | undefined;
  readonly stateKeyPrefix: string;
}

/** Redis when a URL is configured, else the in-memory store (the embedded default). */
export function createStore(choice: StoreChoice, onError: (error: Error) => void): LiveStateStore {
  if (!choice.redisUrl) return new MemoryStateStore();
  return new RedisStateStore({ url: choice.redisUrl, keyPrefix: choice.stateKeyPrefix, onError });
}
