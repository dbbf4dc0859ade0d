// The in-process bus keeps a bounded log per topic, as Kafka's retention does: the demo runs for days.
import assert from "node:assert/strict";
import { test } from "node:test";
import { MemoryBus, type MemoryBusOptions } from "../../../bridge/bus/memory-bus.ts";
import type { BusRecord, ConsumedRecord } from "../../../bridge/bus/types.ts";
import { waitUntil } from "../../support/wait.ts";

const record = (n: number, size = 1000, key = "k"): BusRecord => ({
  key,
  value: Buffer.alloc(size, n % 256),
  headers: { n: String(n) },
  timestampMs: 1_700_000_000_000, // long past: the age limit counts from the write, not this
});

async function setUp(options: MemoryBusOptions, partitions = 1) {
  const bus = new MemoryBus(options);
  await bus.ensureTopics([{ topic: "t", partitions, retentionMs: -1 }]);
  return bus;
}

/** Subscribes `group` from the beginning and returns what arrives until `count` records (or 5 s). */
async function read(bus: MemoryBus, group: string, count: number): Promise<ConsumedRecord[]> {
  const got: ConsumedRecord[] = [];
  const sub = await bus.subscribe({
    groupId: group,
    topics: ["t"],
    fromBeginning: true,
    onRecords: (r) => void got.push(...r),
  });
  await waitUntil(() => got.length >= count, 5000, `${count} records, got ${got.length}`).finally(() => sub.stop());
  return got;
}

const numbers = (records: readonly ConsumedRecord[]) => records.map((r) => Number(r.headers.n));
const stats = (bus: MemoryBus) => bus.stats().find((s) => s.topic === "t");

test("a topic keeps at most its retention bytes: the oldest records go, offsets keep increasing", async () => {
  const bus = await setUp({ retentionBytes: 64 * 1024, retentionMs: 600_000 }, 2);
  for (let n = 0; n < 200; n++) await bus.write("t", [record(n, 1000, n % 2 ? "a" : "b")]);
  const s = stats(bus);
  assert.ok(s && s.retainedBytes <= 64 * 1024 && s.retainedBytes > 48 * 1024, JSON.stringify(s));
  assert.equal(s.deletedRecords + s.retainedRecords, 200);
  const got = await read(bus, "g", s.retainedRecords);
  assert.deepEqual(
    numbers(got).sort((x, y) => x - y),
    Array.from({ length: s.retainedRecords }, (_, i) => 200 - s.retainedRecords + i),
    "exactly the newest records are kept",
  );
  for (const p of [0, 1]) {
    const offsets = got.filter((r) => r.partition === p).map((r) => Number(r.offset));
    assert.equal(offsets.at(-1), 99, "offsets count every record ever written to the partition");
    assert.deepEqual(
      offsets,
      Array.from(offsets, (_, i) => (offsets[0] as number) + i),
    );
    assert.ok((offsets[0] as number) > 0);
  }
});

test("records older than the retention age are deleted, counted from when the bus stored them", async () => {
  let clock = 0;
  const bus = await setUp({ retentionBytes: 64 * 1024 * 1024, retentionMs: 1000, now: () => clock });
  await bus.write(
    "t",
    [0, 1, 2].map((n) => record(n)),
  );
  clock = 500;
  await bus.write(
    "t",
    [3, 4].map((n) => record(n)),
  );
  clock = 1200;
  await bus.write("t", [record(5)]);
  assert.deepEqual(numbers(await read(bus, "g1", 3)), [3, 4, 5]);
  clock = 1600; // no write since: a reader still never sees expired records
  assert.deepEqual(numbers(await read(bus, "g2", 1)), [5]);
  assert.equal(stats(bus)?.deletedRecords, 5);
});

test("a group whose position fell below the retained start resumes at the earliest retained record, counted", async () => {
  const bus = await setUp({ retentionBytes: 20 * 1024, retentionMs: 600_000 });
  for (let n = 0; n < 5; n++) await bus.write("t", [record(n)]);
  assert.deepEqual(numbers(await read(bus, "g", 5)), [0, 1, 2, 3, 4]);
  for (let n = 5; n < 100; n++) await bus.write("t", [record(n)]);
  const s = stats(bus);
  assert.ok(s && s.retainedRecords < 95);
  const resumed = await read(bus, "g", s.retainedRecords);
  assert.equal(resumed[0]?.offset, String(100 - s.retainedRecords), "from the earliest retained record");
  assert.deepEqual(
    numbers(resumed),
    Array.from({ length: s.retainedRecords }, (_, i) => 100 - s.retainedRecords + i),
  );
  assert.equal(stats(bus)?.offsetResets, 1);
});

test("memory stays bounded under sustained writes", async () => {
  const bus = await setUp({ retentionBytes: 8 * 1024 * 1024, retentionMs: 600_000 }, 6);
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  let peak = 0;
  // 300,000 datagram-sized records, about 400 MB: what 20 games send in a minute.
  for (let batch = 0; batch < 3000; batch++) {
    await bus.write(
      "t",
      Array.from({ length: 100 }, (_, i) => record(batch * 100 + i, 1300, `session-${i % 20}`)),
    );
    if (batch % 100 === 99) peak = Math.max(peak, used() - before);
  }
  assert.ok(peak < 160 * 1024 * 1024, `grew by ${(peak / 2 ** 20).toFixed(0)} MiB`);
  assert.ok((stats(bus)?.retainedBytes ?? 0) <= 8 * 1024 * 1024);
});

test("records every reading group has committed past are kept only up to the consumed limit; unread ones stay", async () => {
  const bus = await setUp({ retentionBytes: 1024 * 1024, retentionMs: 600_000, consumedRetentionBytes: 16 * 1024 });
  const fast: ConsumedRecord[] = [];
  const fastSub = await bus.subscribe({
    groupId: "fast",
    topics: ["t"],
    fromBeginning: true,
    onRecords: (r) => void fast.push(...r),
  });
  // A group that reads the topic but commits by hand and has committed nothing: nothing is read by all.
  const slowSub = await bus.subscribe({
    groupId: "slow",
    topics: ["t"],
    fromBeginning: true,
    manualCommit: true,
    onRecords: () => {},
  });
  for (let n = 0; n < 100; n++) await bus.write("t", [record(n)]);
  await waitUntil(() => fast.length === 100, 5000, "the fast group read everything");
  await bus.write("t", [record(100)]);
  assert.equal(stats(bus)?.retainedRecords, 101, "the slow group has committed nothing: all kept");
  await slowSub.commit([{ topic: "t", partition: 0, offset: "60" }]);
  await bus.write("t", [record(101)]);
  let s = stats(bus);
  assert.equal(s?.deletedRecords, 60, "what both groups committed past goes, down to offset 60");
  await slowSub.commit([{ topic: "t", partition: 0, offset: "102" }]);
  await bus.write("t", [record(102)]);
  s = stats(bus);
  assert.ok(s && s.retainedBytes <= 16 * 1024 && s.retainedBytes > 8 * 1024, JSON.stringify(s));
  assert.ok(s.retainedRecords > 0 && s.retainedRecords < 12, "the consumed tail only (records cost about 1.7 KB)");
  await Promise.all([fastSub.stop(), slowSub.stop()]);
  // A group that stopped still counts: its offsets are where a restart resumes.
  for (let n = 103; n < 130; n++) await bus.write("t", [record(n)]);
  assert.equal(stats(bus)?.retainedRecords, 28, "only what neither group read: record 102 (slow) and the 27 new");
});

test("a topic nobody reads keeps its records up to the byte limit", async () => {
  const bus = await setUp({ retentionBytes: 1024 * 1024, retentionMs: 600_000, consumedRetentionBytes: 4 * 1024 });
  for (let n = 0; n < 100; n++) await bus.write("t", [record(n)]);
  assert.equal(stats(bus)?.retainedRecords, 100);
});
