// The bridge's reports to <prefix>.monitor on the in-process bus: what they say, and that they never get in
// the way of ingestion when the bus refuses or stalls them.
import assert from "node:assert/strict";
import { type TestContext, test } from "node:test";
import { MemoryBus } from "../../../bridge/bus/memory-bus.ts";
import type { BusRecord, ConsumedRecord } from "../../../bridge/bus/types.ts";
import { Bridge, type BridgeOptions } from "../../../bridge/ingest/bridge.ts";
import { createLogger } from "../../../bridge/observability/log.ts";
import type { BridgeMonitorMessage } from "../../../bridge/protocol/derived.ts";
import { testBridgeOptions } from "../../support/bridge-options.ts";
import { countBy, mixedStream, validFixtureDatagrams } from "../../support/datagram-stream.ts";
import { sessionUIDOf } from "../../support/read-topic.ts";
import { waitUntil } from "../../support/wait.ts";

const timeout = 20_000;

async function startBridge(t: TestContext, bus: MemoryBus, overrides: Partial<BridgeOptions> = {}) {
  const bridge = new Bridge(
    { ...testBridgeOptions, monitorIntervalMs: 50, bridgeId: "bridge-a", ...overrides },
    bus,
    createLogger("silent"),
  );
  t.after(() => bridge.stop(50));
  await bridge.start();
  const raw: ConsumedRecord[] = [];
  await bus.subscribe({ groupId: "raw", topics: [bridge.topicName], onRecords: (r) => void raw.push(...r) });
  return { bridge, raw };
}

async function reports(bus: MemoryBus): Promise<ConsumedRecord[]> {
  const got: ConsumedRecord[] = [];
  await bus.subscribe({ groupId: "monitor", topics: ["t.monitor"], onRecords: (r) => void got.push(...r) });
  return got;
}

const parse = (r: ConsumedRecord) => JSON.parse(Buffer.from(r.value).toString()) as BridgeMonitorMessage;
const from = (port: number) => ({ address: "127.0.0.1", port, family: "IPv4" as const });

test("about once a second (here every 50 ms) a report: totals, rejections and drops by reason, who sends", {
  timeout,
}, async (t) => {
  const bus = new MemoryBus();
  const { bridge, raw } = await startBridge(t, bus);
  const got = await reports(bus);
  const stream = mixedStream();
  const valid = stream.filter((s) => !s.rejectAs);
  for (const [i, s] of stream.entries()) bridge.receive(s.bytes, from(i % 2 === 0 ? 40_000 : 40_001));
  await waitUntil(() => raw.length === valid.length, 5000, "the raw records");
  await waitUntil(
    () => got.some((r) => parse(r).counters.published === valid.length),
    5000,
    "a report after everything was published",
  );
  const record = got.find((r) => parse(r).counters.published === valid.length) as ConsumedRecord;
  const report = parse(record);
  assert.equal(record.key, "bridge-a");
  assert.equal(record.headers["slipstream-type"], "bridge-monitor");
  assert.deepEqual([report.v, report.type, report.bridgeId], [1, "bridge-monitor", "bridge-a"]);
  assert.ok(Math.abs(report.atMs - Date.now()) < 5000);
  const bytes = stream.reduce((n, s) => n + s.bytes.length, 0);
  const rejected = stream.length - valid.length;
  assert.deepEqual(
    [report.counters.received, report.counters.receivedBytes, report.counters.accepted, report.counters.rejected],
    [stream.length, bytes, valid.length, rejected],
  );
  assert.deepEqual(
    Object.fromEntries(Object.entries(report.rejections).filter(([, n]) => n > 0)),
    countBy(stream, (s) => s.rejectAs),
  );
  assert.equal(report.rejections["rate-limited"], 0, "every reason is listed");
  assert.equal(report.counters.dropped, 0);
  assert.equal(report.drops["queue-full"], 0);
  assert.deepEqual(report.sources, ["127.0.0.1:40000", "127.0.0.1:40001"]);
  const uids = new Set(valid.map((s) => sessionUIDOf(s.bytes)));
  assert.deepEqual(new Set(report.sessions), uids);
  const atMs = got.map((r) => parse(r).atMs);
  assert.ok(
    atMs.every((a, i) => i === 0 || a >= (atMs[i - 1] as number)),
    "one report at a time, in order",
  );
});

test("a refused report (or monitor topic) is counted and skipped; ingestion goes on", { timeout }, async (t) => {
  const bus = new MemoryBus();
  const write = bus.write.bind(bus);
  let refuse = true;
  bus.write = async (topic: string, records: readonly BusRecord[]) => {
    if (topic === "t.monitor" && refuse) throw new Error("the monitor topic is gone");
    return write(topic, records);
  };
  const ensure = bus.ensureTopics.bind(bus);
  bus.ensureTopics = async (specs) => {
    if (refuse && specs.some((s) => s.topic === "t.monitor")) throw new Error("not authorized for t.monitor");
    return ensure(specs);
  };
  const { bridge, raw } = await startBridge(t, bus);
  const got = await reports(bus);
  const datagrams = validFixtureDatagrams().slice(0, 20);
  for (const d of datagrams) bridge.receive(d, from(40_000));
  await waitUntil(() => (bridge.monitor?.failed ?? 0) >= 3, 5000, "failed reports");
  assert.equal(raw.length, datagrams.length, "every datagram still reached the raw topic");
  assert.equal(got.length, 0);
  refuse = false;
  await waitUntil(() => got.length > 0, 5000, "a report once the bus takes them");
  assert.ok((parse(got[0] as ConsumedRecord).counters.reportsFailed as number) >= 3);
});

test("a stalled report holds nothing up: later ones are skipped, not queued", { timeout }, async (t) => {
  const bus = new MemoryBus();
  const write = bus.write.bind(bus);
  bus.write = async (topic: string, records: readonly BusRecord[]) => {
    if (topic === "t.monitor") return new Promise<void>(() => {}); // never acknowledged
    return write(topic, records);
  };
  const { bridge, raw } = await startBridge(t, bus);
  await waitUntil(() => (bridge.monitor?.skipped ?? 0) >= 3, 5000, "skipped reports");
  const datagrams = validFixtureDatagrams().slice(0, 20);
  for (const d of datagrams) bridge.receive(d, from(40_000));
  await waitUntil(() => raw.length === datagrams.length, 5000, "the raw records");
  assert.equal(bridge.monitor?.published, 0);
});

test("--monitor-interval-ms 0: no reports, no monitor topic", { timeout }, async (t) => {
  const bus = new MemoryBus();
  const { bridge } = await startBridge(t, bus, { monitorIntervalMs: 0 });
  assert.equal(bridge.monitor, undefined);
  await assert.rejects(bus.write("t.monitor", []), /unknown topic/);
});
