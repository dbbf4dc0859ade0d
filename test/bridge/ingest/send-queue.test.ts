import assert from "node:assert/strict";
import { test } from "node:test";
import type { BusRecord } from "../../../bridge/bus/types.ts";
import { RECORD_OVERHEAD_BYTES, SendQueue } from "../../../bridge/ingest/send-queue.ts";

const rec = (n: number, size = 100): BusRecord => ({
  key: "k",
  value: new Uint8Array(size).fill(n),
  headers: {},
  timestampMs: n,
});
const cost = 100 + RECORD_OVERHEAD_BYTES;

test("drop-newest refuses what does not fit and keeps everything queued", () => {
  const q = new SendQueue(cost * 3, "drop-newest");
  assert.equal(q.push(rec(1), 0), true);
  assert.equal(q.push(rec(2), 0), true);
  assert.equal(q.push(rec(3), 0), true);
  assert.equal(q.push(rec(4), 0), false);
  assert.equal(q.bytes, cost * 3);
  assert.deepEqual(
    q.take(10, 1e9).map((i) => i.record.timestampMs),
    [1, 2, 3],
  );
});

test("drop-oldest evicts the oldest waiting record, never the batch in flight", () => {
  const evicted: number[] = [];
  const q = new SendQueue(cost * 3, "drop-oldest", (d) => evicted.push(d.record.timestampMs));
  q.push(rec(1), 0);
  q.push(rec(2), 0);
  const inFlight = q.take(1, 1e9);
  q.push(rec(3), 0);
  assert.equal(q.push(rec(4), 0), true);
  assert.deepEqual(evicted, [2]);
  assert.equal(inFlight[0]?.record.timestampMs, 1);
  assert.equal(q.bytes, cost * 3, "in-flight bytes stay charged");
  q.settle(inFlight);
  assert.equal(q.bytes, cost * 2);
  assert.deepEqual(
    q.take(10, 1e9).map((i) => i.record.timestampMs),
    [3, 4],
  );
});

test("a record larger than the whole limit is refused under both policies", () => {
  for (const policy of ["drop-newest", "drop-oldest"] as const) {
    const q = new SendQueue(cost, policy);
    assert.equal(q.push(rec(1, 5000), 0), false);
    assert.equal(q.length, 0);
  }
});

test("take respects record and byte limits but always takes at least one", () => {
  const q = new SendQueue(1e9, "drop-newest");
  for (let i = 0; i < 10; i++) q.push(rec(i), i);
  assert.equal(q.take(3, 1e9).length, 3);
  assert.equal(q.take(100, cost * 2).length, 2);
  assert.equal(q.take(100, 1).length, 1);
  assert.equal(q.length, 4);
  assert.equal(q.oldestQueuedAt, 6);
});

test("order survives many pushes and takes (internal compaction)", () => {
  const q = new SendQueue(1e12, "drop-newest");
  const seen: number[] = [];
  let next = 0;
  for (let round = 0; round < 50; round++) {
    for (let i = 0; i < 300; i++) q.push(rec(next++, 1), 0);
    const batch = q.take(250, 1e12);
    q.settle(batch);
    seen.push(...batch.map((b) => b.record.timestampMs));
  }
  const rest = q.take(1e9, 1e12);
  seen.push(...rest.map((b) => b.record.timestampMs));
  assert.equal(seen.length, next);
  assert.ok(seen.every((v, i) => v === i));
});
