import assert from "node:assert/strict";
import { test } from "node:test";
import type { BusRecord, RecordSink, TopicRecords } from "../../../../bridge/bus/types.ts";
import { OutputWriter } from "../../../../bridge/processing/processor/output-writer.ts";

const record = (n: number): BusRecord => ({ key: "k", value: Buffer.from(String(n)), headers: {}, timestampMs: 0 });
const values = (batches: readonly TopicRecords[]) =>
  batches.flatMap((b) => b.records.map((r) => `${b.topic}:${Buffer.from(r.value).toString()}`));

/** A bus whose requests are answered by hand. */
function manualBus() {
  const requests: { batches: readonly TopicRecords[]; ok: () => void; fail: (e: Error) => void }[] = [];
  const bus: RecordSink = {
    write: () => Promise.reject(new Error("writeMany expected")),
    writeMany: (batches) => new Promise((ok, fail) => requests.push({ batches, ok: () => ok(), fail })),
  };
  return { bus, requests };
}

const tick = () => new Promise((r) => setImmediate(r));

test("outputs go out in order, one request in flight, the next one holding everything added meanwhile", async () => {
  const { bus, requests } = manualBus();
  let written = 0;
  const w = new OutputWriter({ bus, onError: assert.fail, onWritten: (n) => (written += n) });
  w.add("a", record(1));
  w.add("b", record(2));
  await tick();
  assert.equal(requests.length, 1);
  assert.deepEqual(values(requests[0]?.batches ?? []), ["a:1", "b:2"]);
  for (let n = 3; n <= 5; n++) w.add(n % 2 ? "a" : "b", record(n));
  await tick();
  assert.equal(requests.length, 1, "no second request while the first is unanswered");
  let drained = false;
  void w.drained().then(() => (drained = true));
  requests[0]?.ok();
  await tick();
  assert.equal(requests.length, 2);
  assert.deepEqual(values(requests[1]?.batches ?? []), ["a:3", "a:5", "b:4"]);
  assert.equal(drained, false, "drained waits for everything added before it");
  requests[1]?.ok();
  await tick();
  assert.equal(drained, true);
  assert.equal(written, 5);
  assert.equal(w.pending, 0);
});

test("a failed request is sent again as it was: nothing dropped, nothing reordered", async () => {
  const { bus, requests } = manualBus();
  const errors: string[] = [];
  const w = new OutputWriter({ bus, onError: (what) => errors.push(what), onWritten: () => {} });
  w.add("a", record(1));
  await tick();
  w.add("a", record(2));
  requests[0]?.fail(new Error("broker away"));
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(requests.length, 2);
  assert.deepEqual(values(requests[1]?.batches ?? []), ["a:1"], "the same request, alone");
  requests[1]?.ok();
  await tick();
  assert.deepEqual(values(requests[2]?.batches ?? []), ["a:2"]);
  requests[2]?.ok();
  await w.drained();
  assert.equal(errors.length, 1);
});

test("requests stay under maxRequestBytes; room() waits while too much is queued", async () => {
  const { bus, requests } = manualBus();
  const w = new OutputWriter({ bus, maxRequestBytes: 2, maxQueuedBytes: 3, onError: assert.fail, onWritten: () => {} });
  for (let n = 1; n <= 5; n++) w.add("a", record(n));
  let room = false;
  void w.room().then(() => (room = true));
  await tick();
  assert.deepEqual(values(requests[0]?.batches ?? []), ["a:1", "a:2"]);
  assert.equal(room, false);
  requests[0]?.ok();
  await tick();
  assert.equal(room, true);
  assert.deepEqual(values(requests[1]?.batches ?? []), ["a:3", "a:4"]);
});

test("abandon() fails the waits for acknowledgement, so no checkpoint commits past unwritten outputs", async () => {
  const { bus } = manualBus();
  const w = new OutputWriter({ bus, onError: () => {}, onWritten: () => {} });
  w.add("a", record(1));
  const drained = w.drained();
  w.abandon(new Error("stopping"));
  await assert.rejects(drained, /stopping/);
  await assert.rejects(w.drained(), /stopping/);
});
