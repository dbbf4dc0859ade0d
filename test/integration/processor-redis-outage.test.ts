// Redis goes away mid-stream: processing carries on, errors are counted, and the snapshot is written again
// once Redis is back (a real redis-server of this test's own, stopped and started on the same port).
import assert from "node:assert/strict";
import { test } from "node:test";
import { MemoryBus } from "../../bridge/bus/memory-bus.ts";
import type { BusRecord } from "../../bridge/bus/types.ts";
import { DEFAULT_METRICS } from "../../bridge/processing/metrics/index.ts";
import { Processor } from "../../bridge/processing/processor/processor.ts";
import type { SessionSnapshot } from "../../bridge/processing/processor/state-writer.ts";
import { RedisStateStore } from "../../bridge/state/redis-store.ts";
import { startRedisServer } from "../../scripts/redis/server.ts";
import { asRawRecords, syntheticSession } from "../support/synthetic-session.ts";
import { waitUntil } from "../support/wait.ts";

const STREAM = syntheticSession([{ speed: 50 }, { speed: 49 }], { seconds: 130, sessionUID: "8080", trackM: 2000 });
const START_US = Date.now() * 1000;

function raw(from: number, to: number): BusRecord[] {
  return asRawRecords("8080", STREAM.slice(from, to), START_US);
}

test("a Redis stop and start mid-stream: processing goes on, errors counted, the snapshot rewritten", {
  timeout: 120_000,
}, async (t) => {
  let redis = await startRedisServer();
  const port = redis.port;
  t.after(() => redis.stop());
  const store = new RedisStateStore({ url: redis.url, keyPrefix: "outage", onError: () => {} });
  await store.connect();
  t.after(() => store.close());
  const bus = new MemoryBus();
  const errors: string[] = [];
  const processor = new Processor({
    bus,
    store,
    topicPrefix: "o",
    groupId: "g",
    processorId: "p",
    metrics: DEFAULT_METRICS,
    reorderWindowMs: 50,
    carsRateHz: 20,
    checkpointIntervalMs: 200,
    topicPartitions: 1,
    topicRetentionMs: 3_600_000,
    sessionTtlMs: 60_000,
    onError: (what) => errors.push(what),
  });
  await processor.start();
  t.after(() => processor.stop());
  const third = Math.floor(STREAM.length / 3);
  // While the client reconnects a read fails at once (no offline queue): count that as not there yet.
  const lapsIn = async () =>
    ((await store.readSnapshot("8080").catch(() => undefined)) as SessionSnapshot | undefined)?.laps.length ?? -1;

  await bus.write("o.raw", raw(0, third));
  await waitUntil(async () => (await lapsIn()) >= 0, 20_000, "a first snapshot in Redis");
  const lapsBefore = await lapsIn();

  await redis.stop();
  await bus.write("o.raw", raw(third, 2 * third));
  await waitUntil(() => processor.counters.consumed >= 2 * third, 30_000, "processing during the outage");
  await waitUntil(() => processor.counters.storeErrors > 0, 10_000, "store errors counted");
  assert.ok(errors.some((e) => e.startsWith("state store")));
  const publishedDuringOutage = processor.counters.published;

  redis = await startRedisServer({ port });
  await bus.write("o.raw", raw(2 * third, STREAM.length));
  await waitUntil(() => processor.counters.consumed >= STREAM.length, 30_000, "every record consumed");
  assert.ok(processor.counters.published > publishedDuringOutage, "outputs kept flowing");
  // Three laps of each car (40 s laps, 130 s): all of them in the rewritten snapshot.
  await waitUntil(
    async () => (await lapsIn()) === 6,
    30_000,
    () => `6 laps in the snapshot (had ${lapsBefore} before the outage)`,
  );
  const board = await store.leaderboard({ game: 2025, trackId: 10 }, 5);
  assert.deepEqual(
    board.map((r) => r.driver),
    ["Driver 1", "Driver 2"],
  );
});
