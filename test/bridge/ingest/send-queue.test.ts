import assert from "node:assert/strict";
import { test } from "node:test";
import { RECORD_BATCH_OVERHEAD } from "../../../bridge/bus/record-size.ts";
import type { BusRecord } from "../../../bridge/bus/types.ts";
import { type Journal, SendQueue } from "../../../bridge/ingest/send-queue.ts";

const rec = (n: number, size = 100): BusRecord => ({
  key: "k",
  value: new Uint8Array(size).fill(n),
  headers: {},
  timestampMs: n,
});
const stamps = (batch: readonly { record: BusRecord }[]) => batch.map((i) => i.record.timestampMs);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

test("drop-newest refuses what does not fit and keeps everything queued", () => {
  const q = new SendQueue(64 * 1024, "drop-newest");
  let accepted = 0;
  while (q.push(rec(accepted), 0)) accepted++;
  assert.ok(accepted > 400, `${accepted} records of 100 bytes in 64 KiB`);
  for (let i = 0; i < 10; i++) assert.equal(q.push(rec(9999), 0), false);
  assert.ok(q.memoryBytes <= q.maxBytes);
  assert.deepEqual(stamps(q.take(1e9, 1e12)), range(0, accepted));
});

test("drop-oldest evicts the oldest waiting records, never the batch in flight", () => {
  const evicted: number[] = [];
  const q = new SendQueue(64 * 1024, "drop-oldest", (d) => evicted.push(d.timestampMs));
  for (let i = 0; i < 100; i++) q.push(rec(i), 0);
  const inFlight = q.take(10, 1e12);
  let n = 100;
  while (evicted.length === 0) assert.ok(q.push(rec(n++), 0), `push ${n}`);
  for (let i = 0; i < 1000; i++) assert.ok(q.push(rec(n++), 0), `push ${n}`);
  assert.ok(q.memoryBytes <= q.maxBytes);
  assert.deepEqual(stamps(inFlight), range(0, 10), "the batch in flight is untouched");
  assert.deepEqual(evicted, range(10, 10 + evicted.length), "the oldest waiting went first, in order");
  q.settle(inFlight);
  assert.deepEqual(stamps(q.take(1e9, 1e12)), range(10 + evicted.length, n), "the newest are all kept");
});

test("a record larger than the whole limit is refused under both policies", () => {
  for (const policy of ["drop-newest", "drop-oldest"] as const) {
    const q = new SendQueue(4096, policy);
    assert.equal(q.push(rec(1, 5000), 0), false);
    assert.equal(q.length, 0);
  }
});

test("drop-oldest refuses a record larger than the whole limit without evicting anything for it", () => {
  const evicted: number[] = [];
  const q = new SendQueue(4096, "drop-oldest", (d) => evicted.push(d.timestampMs));
  for (let i = 0; i < 5; i++) assert.ok(q.push(rec(i), 0));
  assert.equal(q.push(rec(99, 5000), 0), false);
  assert.deepEqual(evicted, []);
  assert.equal(q.length, 5);
  assert.deepEqual(stamps(q.take(1e9, 1e12)), range(0, 5));
});

test("take respects the record limit and the Kafka record-batch byte limit, but always takes one", () => {
  const q = new SendQueue(1e9, "drop-newest");
  for (let i = 0; i < 10; i++) q.push(rec(i), i);
  assert.equal(q.take(3, 1e9).length, 3);
  const two = q.take(100, 1);
  assert.equal(two.length, 1);
  const perRecord = two[0]?.wireBytes ?? 0;
  assert.ok(perRecord > 100 && perRecord < 140, `${perRecord} wire bytes for a 100-byte record`);
  assert.equal(q.take(100, RECORD_BATCH_OVERHEAD + 2 * perRecord).length, 2);
  assert.equal(q.length, 4);
  assert.equal(q.oldestQueuedAt, 6);
});

test("records come back byte-identical: null and unicode keys, headers, empty values", () => {
  const q = new SendQueue(1e6, "drop-newest");
  const records: BusRecord[] = [
    { key: null, value: new Uint8Array(0), headers: {}, timestampMs: 1.5 },
    { key: "sessão 🏎", value: new Uint8Array([1, 2, 3]), headers: { a: "", "ß-x": "värde" }, timestampMs: 2 },
    { key: "", value: new Uint8Array(1500).fill(7), headers: { "slipstream-rig-id": "rig-1" }, timestampMs: 3 },
  ];
  for (const r of records) q.push(r, 0);
  const back = q.take(10, 1e9).map((i) => ({ ...i.record, value: new Uint8Array(i.record.value) }));
  assert.deepEqual(back, records);
});

test("order survives many pushes and takes (chunks filled, emptied and reused)", () => {
  const q = new SendQueue(1024 * 1024, "drop-newest");
  const seen: number[] = [];
  let next = 0;
  for (let round = 0; round < 200; round++) {
    for (let i = 0; i < 300; i++) assert.ok(q.push(rec(next++, (next * 7) % 300), 0), `push ${next}`);
    const batch = q.take(290, 1e12);
    q.settle(batch);
    seen.push(...stamps(batch));
    assert.ok(q.memoryBytes <= q.maxBytes, `${q.memoryBytes} bytes held`);
  }
  seen.push(...stamps(q.take(1e9, 1e12)));
  assert.deepEqual(seen, range(0, next));
});

test("the memory held, chunks plus the batch in flight, never exceeds the limit", () => {
  for (const policy of ["drop-newest", "drop-oldest"] as const) {
    const q = new SendQueue(100_000, policy);
    let inFlight = q.take(0, 0);
    for (let i = 0; i < 20_000; i++) {
      q.push(rec(i, (i * 13) % 1500), 0);
      if (i % 97 === 0) {
        q.settle(inFlight);
        inFlight = q.take(50, 30_000);
      }
      assert.ok(q.memoryBytes <= q.maxBytes, `${policy}: ${q.memoryBytes} after ${i}`);
    }
  }
});

class FakeJournal implements Journal {
  end = 0;
  committed = -1;
  append(encoded: Uint8Array): number {
    const at = this.end;
    this.end += encoded.byteLength;
    return at;
  }
  commit(position: number): void {
    assert.ok(position >= this.committed, "commits only move forward");
    this.committed = position;
  }
}

test("the journal is told to forget exactly what was settled or evicted", () => {
  const journal = new FakeJournal();
  let evicted = 0;
  const q = new SendQueue(8192, "drop-oldest", () => evicted++);
  q.useJournal(journal);
  for (let i = 0; i < 10; i++) q.push(rec(i), 0);
  const first = q.take(3, 1e9);
  const second = q.take(3, 1e9);
  q.settle(first);
  assert.equal(journal.committed, second[0]?.position, "up to the oldest record still in flight");
  q.settle(second);
  const waiting = q.take(1, 1e9);
  assert.equal(journal.committed, waiting[0]?.position, "up to the oldest record not yet written");
  q.settle(waiting);
  let n = 10;
  while (evicted === 0) q.push(rec(n++), 0);
  const rest = q.take(1e9, 1e12);
  assert.equal(journal.committed, rest[0]?.position, "evicted records are forgotten too");
  q.settle(rest);
  assert.equal(journal.committed, journal.end, "everything done with");
});
