import assert from "node:assert/strict";
import { test } from "node:test";
import { MemoryBus } from "../../../../bridge/bus/memory-bus.ts";
import type { BusRecord, ConsumedRecord } from "../../../../bridge/bus/types.ts";
import { DEFAULT_METRICS } from "../../../../bridge/processing/metrics/index.ts";
import { Processor } from "../../../../bridge/processing/processor/processor.ts";
import type { SessionSnapshot } from "../../../../bridge/processing/processor/state-writer.ts";
import type { LapMessage } from "../../../../bridge/protocol/derived.ts";
import { MemoryStateStore } from "../../../../bridge/state/memory-store.ts";
import { asRawRecords, syntheticSession } from "../../../support/synthetic-session.ts";
import { waitUntil } from "../../../support/wait.ts";

const STREAM = syntheticSession([{ speed: 50 }, { speed: 49 }], { seconds: 210, sessionUID: "4242" });
const startUs = Date.now() * 1000;

function raw(from: number, to: number): BusRecord[] {
  return asRawRecords("4242", STREAM.slice(from, to), startUs);
}

function processor(bus: MemoryBus, store: MemoryStateStore) {
  return new Processor(processorOptions(bus, store));
}

function processorOptions(bus: MemoryBus, store: MemoryStateStore): ConstructorParameters<typeof Processor>[0] {
  return {
    bus,
    store,
    topicPrefix: "t",
    groupId: "processors",
    processorId: "p1",
    metrics: DEFAULT_METRICS,
    reorderWindowMs: 50,
    carsRateHz: 20,
    checkpointIntervalMs: 200,
    topicPartitions: 2,
    topicRetentionMs: 3_600_000,
    sessionTtlMs: 60_000,
    onError: (what, e) => {
      throw new Error(`${what}: ${e}`);
    },
  };
}

/** Reads a derived topic as a consumer would: laps kept once per id. */
async function lapsOn(bus: MemoryBus): Promise<string[]> {
  const byId = new Map<string, LapMessage>();
  const sub = await bus.subscribe({
    groupId: `reader-${Math.random()}`,
    topics: ["t.laps"],
    fromBeginning: true,
    onRecords: (records: readonly ConsumedRecord[]) => {
      for (const r of records) {
        const lap = JSON.parse(Buffer.from(r.value).toString()) as LapMessage;
        byId.set(lap.id, lap);
      }
    },
  });
  await new Promise((r) => setTimeout(r, 100));
  await sub.stop();
  return [...byId.values()].map((l) => `${l.carIndex}/${l.lap}:${l.timeMs}`).sort();
}

test("the processor turns the raw topic into laps on the derived topics and a snapshot in the store", {
  timeout: 60_000,
}, async (t) => {
  const bus = new MemoryBus();
  const store = new MemoryStateStore();
  const p = processor(bus, store);
  await p.start();
  t.after(() => p.stop());
  await bus.write("t.raw", raw(0, STREAM.length));
  await waitUntil(() => p.counters.consumed === STREAM.length, 30_000, "every raw record consumed");
  await waitUntil(async () => (await lapsOn(bus)).length === 4, 10_000, "four laps published");
  assert.deepEqual(await lapsOn(bus), ["0/1:100000", "0/2:100000", "1/1:102041", "1/2:102041"]);
  await waitUntil(
    async () => ((await store.readSnapshot("4242")) as SessionSnapshot | undefined)?.laps.length === 4,
    5000,
    "snapshot",
  );
  const snapshot = (await store.readSnapshot("4242")) as SessionSnapshot;
  assert.equal(snapshot.session?.participants[0]?.name, "Driver 1");
  assert.equal(snapshot.cars?.cars.length, 2);
  assert.deepEqual(
    (await store.liveSessions(Date.now())).map((s) => s.sessionUID),
    ["4242"],
  );
});

test("a second processor takes over from the first's checkpoint: laps equal an uninterrupted run", {
  timeout: 60_000,
}, async () => {
  const bus = new MemoryBus();
  const store = new MemoryStateStore();
  const first = processor(bus, store);
  await first.start();
  const half = Math.floor(STREAM.length * 0.6);
  await bus.write("t.raw", raw(0, half));
  await waitUntil(() => first.counters.consumed === half, 30_000, "first half consumed");
  await waitUntil(() => first.counters.checkpoints > 0, 5000, "a checkpoint");
  const second = processor(bus, store);
  await second.start();
  await first.stop();
  await bus.write("t.raw", raw(half, STREAM.length));
  await waitUntil(() => second.counters.consumed >= STREAM.length - half, 30_000, "second half consumed");
  await waitUntil(async () => (await lapsOn(bus)).length === 4, 10_000, "four laps");
  await second.stop();
  assert.deepEqual(await lapsOn(bus), ["0/1:100000", "0/2:100000", "1/1:102041", "1/2:102041"]);
});

test("periodic checkpoints: every partition about once an interval, a few at a time, never all at once", {
  timeout: 60_000,
}, async (t) => {
  const bus = new MemoryBus();
  const store = new MemoryStateStore();
  const writes: { name: string; atMs: number }[] = [];
  const write = store.writeCheckpoint.bind(store);
  store.writeCheckpoint = (name, checkpoint) => {
    writes.push({ name, atMs: performance.now() });
    return write(name, checkpoint);
  };
  const p = new Processor({
    ...processorOptions(bus, store),
    checkpointIntervalMs: 400, // ticks of 100 ms: 8 partitions, 2 per tick
    topicPartitions: 8,
  });
  await p.start();
  t.after(() => p.stop());
  const uids = Array.from({ length: 16 }, (_, i) => String(5000 + i));
  for (const uid of uids) {
    const stream = syntheticSession([{ speed: 50 }], { seconds: 5, sessionUID: uid });
    await bus.write("t.raw", asRawRecords(uid, stream, startUs));
  }
  await waitUntil(() => new Set(writes.map((w) => w.name)).size >= 4, 10_000, "checkpoints of several partitions");
  await new Promise((r) => setTimeout(r, 900));
  const names = new Set(writes.map((w) => w.name));
  // Writes of one tick land together; ticks are 100 ms apart.
  const groups: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const w of writes) {
    if (w.atMs - last > 50) groups.push(0);
    groups[groups.length - 1] = (groups.at(-1) as number) + 1;
    last = w.atMs;
  }
  assert.ok(Math.max(...groups) <= 2, `at most 2 partitions a tick, of ${names.size}: ${groups}`);
  for (const name of names) {
    const times = writes.filter((w) => w.name === name).map((w) => w.atMs);
    for (let i = 1; i < times.length; i++) {
      const gap = (times[i] as number) - (times[i - 1] as number);
      assert.ok(gap >= 380 && gap <= 700, `${name} checkpointed ${gap.toFixed(0)} ms after its last`);
    }
  }
});
