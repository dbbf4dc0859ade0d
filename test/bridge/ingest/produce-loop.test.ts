import assert from "node:assert/strict";
import { test } from "node:test";
import type { BusRecord, RecordSink } from "../../../bridge/bus/types.ts";
import { ProduceLoop, type ProduceLoopOptions } from "../../../bridge/ingest/produce-loop.ts";
import { type QueuedRecord, SendQueue } from "../../../bridge/ingest/send-queue.ts";
import { KafkaLikeSink, kafkaWriteError } from "./kafka-like-sink.ts";

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
// A failing assertion must not leave a loop retrying forever: every test has a deadline, loops stop in t.after.
const timeout = 20_000;

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

function setup(sink: RecordSink, queueBytes = 1e9, loopOptions = options, start = true) {
  const queue = new SendQueue(queueBytes, "drop-newest");
  let written = 0;
  let errors = 0;
  const givenUp: { records: readonly QueuedRecord[]; reason: string }[] = [];
  const loop = new ProduceLoop(queue, sink, loopOptions, {
    onWritten: (b) => {
      written += b.length;
    },
    onWriteError: () => {
      errors++;
    },
    onGiveUp: (records, reason) => void givenUp.push({ records, reason }),
  });
  if (start) loop.start();
  const push = (n: number) => {
    const ok = queue.push(rec(n), performance.now());
    loop.notify();
    return ok;
  };
  return { queue, loop, push, givenUp, counts: () => ({ written, errors }) };
}

test("records are written in order, in batches no larger than the limit", { timeout }, async (t) => {
  const sink = new FlakySink();
  const { loop, push, counts } = setup(sink);
  t.after(() => loop.stop(0));
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

test("a lone record waits at most about the linger before it is written", { timeout }, async (t) => {
  const sink = new FlakySink();
  const { loop, push } = setup(sink);
  t.after(() => loop.stop(0));
  const t0 = performance.now();
  push(1);
  while (sink.batches.length === 0 && performance.now() - t0 < 1000) await sleep(1);
  const took = performance.now() - t0;
  assert.ok(took >= 4, `written after ${took} ms, before the 5 ms linger`);
  assert.ok(took < 200, `written after ${took} ms`);
  await loop.stop(100);
});

test("an outage keeps every queued record and sends the backlog in order when the bus returns", {
  timeout,
}, async (t) => {
  const sink = new FlakySink();
  const { loop, push, counts } = setup(sink);
  t.after(() => loop.stop(0));
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

test("stop reports records it could not write before the deadline", { timeout }, async (t) => {
  const sink = new FlakySink();
  sink.down = true;
  const { loop, push } = setup(sink);
  t.after(() => loop.stop(0));
  for (let i = 0; i < 10; i++) push(i);
  assert.equal(await loop.stop(50), 10);
});

// A telemetry backlog as the bridge queues it: 1,352-byte datagrams of one session, with the bridge's headers.
const telemetry = (n: number): BusRecord => ({
  key: "8542377385364537467",
  value: new Uint8Array(1352).fill(n & 255),
  headers: {
    "slipstream-received-at-us": String(1_780_000_000_000_000 + n * 16_667),
    "slipstream-source": "192.168.100.200:50123",
    "slipstream-rig-id": "rig-a",
  },
  timestampMs: 1_780_000_000_000 + Math.floor(n * 16.667),
});
const kafkaLoop = { ...options, maxBatchRecords: 1000, maxBatchBytes: 1024 * 1024 };

test("a backlog is sent in batches Kafka takes: sized as Kafka counts a record batch, none refused", {
  timeout,
}, async (t) => {
  const sink = new KafkaLikeSink();
  const { queue, loop, counts } = setup(sink, 1e9, kafkaLoop, false);
  t.after(() => loop.stop(0));
  for (let i = 0; i < 3000; i++) assert.ok(queue.push(telemetry(i), performance.now()));
  loop.start();
  const t0 = performance.now();
  while (counts().written < 3000 && performance.now() - t0 < 5000) await sleep(10);
  assert.equal(counts().written, 3000, `written ${counts().written}, refused ${sink.refused} times`);
  assert.equal(sink.refused, 0, "no batch over max.message.bytes");
  assert.equal(counts().errors, 0);
  assert.deepEqual(
    sink.written.map((r) => r.timestampMs),
    Array.from({ length: 3000 }, (_, i) => telemetry(i).timestampMs),
  );
  assert.ok(Math.max(...sink.batchBytes) > 1_000_000, "batches still fill most of a megabyte");
});

test("a batch the broker refuses as too large is split, in order, and later batches stay below it", {
  timeout,
}, async (t) => {
  // The broker's limit is lower than anything the loop knows of (it advertises nothing).
  const sink = new KafkaLikeSink(300_000);
  const { queue, loop, counts, givenUp } = setup(sink, 1e9, kafkaLoop, false);
  t.after(() => loop.stop(0));
  for (let i = 0; i < 2000; i++) queue.push(telemetry(i), performance.now());
  loop.start();
  const t0 = performance.now();
  while (counts().written < 2000 && performance.now() - t0 < 5000) await sleep(10);
  assert.equal(counts().written, 2000);
  assert.deepEqual(
    sink.written.map((r) => r.timestampMs),
    Array.from({ length: 2000 }, (_, i) => telemetry(i).timestampMs),
  );
  assert.ok(sink.refused > 0 && sink.refused <= 4, `refused ${sink.refused} times: the loop learned the limit`);
  assert.equal(givenUp.length, 0);
});

test("the bus's advertised limit (max.message.bytes) is respected from the first batch", { timeout }, async (t) => {
  const sink = new KafkaLikeSink(200_000, 200_000);
  const { queue, loop, counts } = setup(sink, 1e9, kafkaLoop, false);
  t.after(() => loop.stop(0));
  for (let i = 0; i < 1000; i++) queue.push(telemetry(i), performance.now());
  loop.start();
  const t0 = performance.now();
  while (counts().written < 1000 && performance.now() - t0 < 5000) await sleep(10);
  assert.equal(counts().written, 1000);
  assert.equal(sink.refused, 0);
});

test("a lone record larger than the broker's limit is given up on as too-large; the rest flows", {
  timeout,
}, async (t) => {
  const sink = new KafkaLikeSink(1200);
  const { queue, loop, counts, givenUp } = setup(sink, 1e9, kafkaLoop, false);
  t.after(() => loop.stop(0));
  for (let i = 0; i < 40; i++) queue.push(i === 20 ? { ...rec(i), value: new Uint8Array(5000) } : rec(i), 0);
  loop.start();
  const t0 = performance.now();
  while (counts().written < 39 && performance.now() - t0 < 5000) await sleep(10);
  assert.equal(counts().written, 39);
  assert.deepEqual(
    givenUp.map((g) => [g.reason, g.records.map((r) => r.record.timestampMs)]),
    [["too-large", [20]]],
  );
  assert.deepEqual(
    sink.written.map((r) => r.timestampMs),
    Array.from({ length: 40 }, (_, i) => i).filter((i) => i !== 20),
  );
});

test("a record the bus rejects as invalid is isolated and given up on, once; nothing else is lost", {
  timeout,
}, async (t) => {
  const written: number[] = [];
  let attempts = 0;
  const sink: RecordSink = {
    async write(_topic, records) {
      attempts++;
      if (records.some((r) => r.timestampMs === 37)) throw kafkaWriteError(87);
      written.push(...records.map((r) => r.timestampMs));
    },
  };
  const { queue, loop, givenUp, counts } = setup(sink, 1e9, options, false);
  t.after(() => loop.stop(0));
  for (let i = 0; i < 100; i++) queue.push(rec(i), performance.now());
  loop.start();
  const t0 = performance.now();
  while (written.length < 99 && performance.now() - t0 < 5000) await sleep(10);
  assert.deepEqual(
    written,
    Array.from({ length: 100 }, (_, i) => i).filter((i) => i !== 37),
  );
  assert.deepEqual(
    givenUp.map((g) => [g.reason, g.records.map((r) => r.record.timestampMs)]),
    [["invalid-record", [37]]],
  );
  assert.ok(attempts < 20, `${attempts} writes: bisected, not retried forever`);
  assert.ok(counts().errors > 0);
  assert.equal(queue.bytes, 0, "the given-up record is no longer charged");
});

test("stop with an empty queue returns at once and leaves no timer behind", { timeout }, async (t) => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
  const sink = new FlakySink();
  const { loop, push } = setup(sink);
  t.after(() => loop.stop(0));
  push(1);
  while (sink.batches.length === 0) await sleep(5);
  const before = timers();
  const t0 = performance.now();
  assert.equal(await loop.stop(5000), 0);
  assert.ok(performance.now() - t0 < 1000, `stop took ${performance.now() - t0} ms`);
  // A timer left pending would hold the process open until the whole deadline passed.
  assert.ok(timers() <= before, `timers after stop: ${timers()}, before: ${before}`);
});

test("stop while the bus is down ends the retry backoff at once", { timeout }, async (t) => {
  const sink = new FlakySink();
  sink.down = true;
  const { loop, push } = setup(sink, 1e9, { ...options, retryInitialMs: 10_000, retryMaxMs: 10_000 });
  t.after(() => loop.stop(0));
  push(1);
  while (sink.failures === 0) await sleep(5);
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
  const before = timers();
  assert.equal(await loop.stop(20), 1);
  const after = timers();
  assert.ok(after < before, `the 10 s backoff timer is cleared (${before} -> ${after})`);
});
