import assert from "node:assert/strict";
import { test } from "node:test";
import type { BusRecord, RecordSink } from "../../../bridge/bus/types.ts";
import { ProduceLoop, type ProduceLoopOptions } from "../../../bridge/ingest/produce-loop.ts";
import { SendQueue } from "../../../bridge/ingest/send-queue.ts";

const rec = (n: number): BusRecord => ({
  key: String(n % 3),
  value: new Uint8Array([n & 255]),
  headers: {},
  timestampMs: n,
});
const options: ProduceLoopOptions = {
  topic: "t.raw",
  lingerMs: 5,
  maxBatchRecords: 50,
  maxBatchBytes: 1e9,
  retryInitialMs: 5,
  retryMaxMs: 20,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class FlakySink implements RecordSink {
  readonly batches: number[][] = [];
  down = false;
  failures = 0;
  async write(_topic: string, records: readonly BusRecord[]): Promise<void> {
    await sleep(1);
    if (this.down) {
      this.failures++;
      throw new Error("broker down");
    }
    this.batches.push(records.map((r) => r.timestampMs));
  }
}

function setup(sink: RecordSink, queueBytes = 1e9) {
  const queue = new SendQueue(queueBytes, "drop-newest");
  let written = 0;
  let errors = 0;
  const loop = new ProduceLoop(queue, sink, options, {
    onWritten: (b) => {
      written += b.length;
    },
    onWriteError: () => {
      errors++;
    },
  });
  loop.start();
  const push = (n: number) => {
    const ok = queue.push(rec(n), performance.now());
    loop.notify();
    return ok;
  };
  return { queue, loop, push, counts: () => ({ written, errors }) };
}

test("records are written in order, in batches no larger than the limit", async () => {
  const sink = new FlakySink();
  const { loop, push, counts } = setup(sink);
  for (let i = 0; i < 500; i++) push(i);
  assert.equal(await loop.stop(2000), 0);
  const all = sink.batches.flat();
  assert.deepEqual(
    all,
    Array.from({ length: 500 }, (_, i) => i),
  );
  assert.ok(sink.batches.every((b) => b.length <= 50));
  assert.equal(counts().written, 500);
});

test("a lone record waits at most about the linger before it is written", async () => {
  const sink = new FlakySink();
  const { loop, push } = setup(sink);
  const t0 = performance.now();
  push(1);
  while (sink.batches.length === 0 && performance.now() - t0 < 1000) await sleep(1);
  const took = performance.now() - t0;
  assert.ok(took >= 4, `written after ${took} ms, before the 5 ms linger`);
  assert.ok(took < 200, `written after ${took} ms`);
  await loop.stop(100);
});

test("an outage keeps every queued record and sends the backlog in order when the bus returns", async () => {
  const sink = new FlakySink();
  const { loop, push, counts } = setup(sink);
  for (let i = 0; i < 100; i++) push(i);
  await sleep(30);
  sink.down = true;
  for (let i = 100; i < 400; i++) push(i);
  await sleep(60);
  assert.ok(sink.failures > 0);
  sink.down = false;
  for (let i = 400; i < 450; i++) push(i);
  assert.equal(await loop.stop(3000), 0);
  assert.deepEqual(
    sink.batches.flat(),
    Array.from({ length: 450 }, (_, i) => i),
  );
  assert.ok(counts().errors > 0);
});

test("stop reports records it could not write before the deadline", async () => {
  const sink = new FlakySink();
  sink.down = true;
  const { loop, push } = setup(sink);
  for (let i = 0; i < 10; i++) push(i);
  assert.equal(await loop.stop(50), 10);
});
