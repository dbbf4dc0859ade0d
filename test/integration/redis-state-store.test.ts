// The live-state contract on a real Redis (the same suite runs on the memory store in test/bridge/state).

import { storeContract } from "../bridge/state/store-contract.ts";
import { redisStore } from "../support/redis.ts";

storeContract("redis store", async (options) => {
  const store = redisStore(undefined, options);
  await store.connect();
  return store;
});
