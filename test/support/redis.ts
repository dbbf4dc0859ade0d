// Integration tests run against a real Redis: `npm test` starts one and sets REDIS_URL.
import { randomUUID } from "node:crypto";
import { RedisStateStore, type RedisStoreOptions } from "../../bridge/state/redis-store.ts";

/** The Redis to test against; fails loudly (never skips) when there is none. */
export function requireRedisUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const url = env.REDIS_URL ?? "";
  if (url === "") {
    throw new Error("REDIS_URL is not set: run the integration tests through `npm test`, which starts redis-server");
  }
  return url;
}

/** A store under a key prefix of its own, so tests never see each other's keys. */
export function redisStore(
  url = requireRedisUrl(),
  options: Partial<Omit<RedisStoreOptions, "url">> = {},
): RedisStateStore {
  return new RedisStateStore({ url, keyPrefix: `it-${randomUUID().slice(0, 8)}`, ...options });
}
