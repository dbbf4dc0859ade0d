// The bridge end to end over real UDP on loopback, writing to the in-process bus.
import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { type TestContext, test } from "node:test";
import { pino } from "pino";
import { MemoryBus } from "../../../bridge/bus/memory-bus.ts";
import type { ConsumedRecord } from "../../../bridge/bus/types.ts";
import { Bridge, type BridgeOptions } from "../../../bridge/ingest/bridge.ts";
import { metricTotal } from "../../../bridge/ingest/bridge-metrics.ts";
import { createLogger } from "../../../bridge/observability/log.ts";
import { RAW_HEADERS } from "../../../bridge/protocol/raw-topic.ts";
import { countBy, mixedStream, sendUdp, validFixtureDatagrams } from "../../support/datagram-stream.ts";
import { waitUntil } from "../../support/wait.ts";

const base: BridgeOptions = {
  udpHost: "127.0.0.1",
  udpPort: 0,
  receiveBufferBytes: 4 * 1024 * 1024,
  topicPrefix: "t",
  topicPartitions: 4,
  topicRetentionMs: 3_600_000,
  rigId: "rig-7",
  lingerMs: 2,
  maxBatchRecords: 100,
  maxBatchBytes: 1024 * 1024,
  queueMaxBytes: 64 * 1024 * 1024,
  dropPolicy: "drop-newest",
  ratePerSource: 0,
  allow: [],
  forwardTo: [],
};

// A failing assertion must fail its test, not leave a socket open that keeps the run alive: bridges are
// stopped in t.after (stop is idempotent), and every test has a deadline.
const timeout = 20_000;

async function startBridge(t: TestContext, overrides: Partial<BridgeOptions> = {}) {
  const bus = new MemoryBus();
  const bridge = new Bridge({ ...base, ...overrides }, bus, createLogger("silent"));
  t.after(() => bridge.stop(50));
  const port = await bridge.start();
  const got: ConsumedRecord[] = [];
  await bus.subscribe({ groupId: "check", topics: [bridge.topicName], onRecords: (r) => void got.push(...r) });
  return { bus, bridge, port, got };
}

const value = (metric: Parameters<typeof metricTotal>[0], reason?: string) =>
  metricTotal(metric, (v) => reason === undefined || v.labels.reason === reason);

test("every valid datagram exactly once, byte-identical, in order per session, with headers; garbage counted", {
  timeout,
}, async (t) => {
  const { bridge, port, got } = await startBridge(t);
  const stream = mixedStream();
  const valid = stream.filter((s) => !s.rejectAs);
  await sendUdp(
    port,
    stream.map((s) => s.bytes),
  );
  await waitUntil(() => got.length >= valid.length, 5000, "every valid datagram on the bus");
  await bridge.stop();
  assert.equal(got.length, valid.length);
  const byKey = new Map<string, Buffer[]>();
  for (const s of valid) {
    const key = got.find((g) => Buffer.compare(Buffer.from(g.value), s.bytes) === 0)?.key ?? "missing";
    byKey.set(key, [...(byKey.get(key) ?? []), s.bytes]);
  }
  assert.ok(!byKey.has("missing"), "every valid datagram arrived");
  for (const [key, sent] of byKey) {
    const received = got.filter((g) => g.key === key).map((g) => Buffer.from(g.value));
    assert.deepEqual(received, sent, `session ${key} in order, exactly once`);
  }
  for (const g of got) {
    assert.equal(g.headers[RAW_HEADERS.rigId], "rig-7");
    assert.match(g.headers[RAW_HEADERS.source] ?? "", /^127\.0\.0\.1:\d+$/);
    const us = Number(g.headers[RAW_HEADERS.receivedAtUs]);
    assert.ok(Math.abs(us / 1000 - Date.now()) < 60_000, "receive time is wall-clock microseconds");
    assert.equal(g.timestampMs, Math.floor(us / 1000));
  }
  const expected = countBy(stream, (s) => s.rejectAs);
  for (const [reason, n] of Object.entries(expected))
    assert.equal(await value(bridge.metrics.rejected, reason), n, reason);
  assert.equal(await value(bridge.metrics.received), stream.length);
  assert.equal(await value(bridge.metrics.accepted), valid.length);
  assert.equal(await value(bridge.metrics.produced), valid.length);
  const text = await bridge.metrics.registry.metrics();
  assert.match(text, /slipstream_bridge_datagrams_rejected_total\{reason="size-mismatch"\} \d+/);
  assert.match(text, /slipstream_bridge_produce_latency_seconds_count \d+/);
});

test("sources outside the allowlist are refused and counted", { timeout }, async (t) => {
  const { bridge, port, got } = await startBridge(t, { allow: ["10.9.8.7"] });
  const datagrams = validFixtureDatagrams().slice(0, 10);
  await sendUdp(port, datagrams);
  await new Promise((r) => setTimeout(r, 150));
  await bridge.stop();
  assert.equal(got.length, 0);
  assert.equal(await value(bridge.metrics.rejected, "source-not-allowed"), 10);
});

test("a source over its rate is limited and counted; the rest passes", { timeout }, async (t) => {
  const { bridge, port, got } = await startBridge(t, { ratePerSource: 20 });
  const datagrams = validFixtureDatagrams().slice(0, 60);
  await sendUdp(port, datagrams);
  await new Promise((r) => setTimeout(r, 200));
  await bridge.stop();
  const limited = await value(bridge.metrics.rejected, "rate-limited");
  assert.ok(got.length >= 20 && got.length < 60, `${got.length} passed`);
  assert.equal(got.length + limited, 60);
});

test("every datagram is forwarded unchanged to each forward target", { timeout }, async (t) => {
  const listener = createSocket("udp4");
  t.after(() => listener.close());
  const forwarded: Buffer[] = [];
  listener.on("message", (m) => forwarded.push(m));
  await new Promise<void>((r) => listener.bind(0, "127.0.0.1", () => r()));
  const { bridge, port } = await startBridge(t, { forwardTo: [{ host: "127.0.0.1", port: listener.address().port }] });
  const datagrams = [...validFixtureDatagrams().slice(0, 20), Buffer.from("garbage is forwarded too")];
  await sendUdp(port, datagrams);
  await waitUntil(() => forwarded.length >= datagrams.length, 5000, "every forwarded copy");
  await bridge.stop();
  assert.deepEqual(forwarded, datagrams);
  assert.equal(await value(bridge.metrics.forwarded), datagrams.length);
});

test("a full queue drops by policy and counts every drop (drop-newest keeps what was queued)", {
  timeout,
}, async (t) => {
  const bus = new MemoryBus();
  // A bus that never takes anything: everything stays queued.
  bus.write = () => Promise.reject(new Error("down"));
  const datagrams = validFixtureDatagrams().slice(0, 40);
  const limit = datagrams.slice(0, 10).reduce((s, d) => s + d.length + 128, 0);
  const bridge = new Bridge({ ...base, queueMaxBytes: limit }, bus, createLogger("silent"));
  t.after(() => bridge.stop(50));
  await bridge.start();
  const outcomes = datagrams.map((d) => bridge.receive(d, { address: "127.0.0.1", port: 1, family: "IPv4" }));
  // The queue charges what a record really holds (see send-queue.ts), about the size of ten of these.
  const accepted = outcomes.filter((o) => o === "accepted").length;
  assert.ok(accepted >= 5 && accepted <= 10, `${accepted} accepted`);
  assert.equal(await value(bridge.metrics.accepted), accepted);
  assert.equal(await value(bridge.metrics.dropped, "queue-full"), 40 - accepted);
  assert.ok(bridge.queueBytes <= limit);
  await bridge.stop(50);
  assert.equal(await value(bridge.metrics.dropped, "shutdown"), accepted);
});

test("an unsupported format is logged once per source, with the setting to choose, and counted each time", {
  timeout,
}, async (t) => {
  const lines: string[] = [];
  const log = pino({ level: "warn" }, { write: (l: string) => void lines.push(l) });
  const bridge = new Bridge({ ...base }, new MemoryBus(), log);
  t.after(() => bridge.stop(50));
  await bridge.start();
  const future = Buffer.alloc(1400);
  future.writeUInt16LE(2027, 0);
  for (const address of ["10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.2"]) {
    assert.equal(bridge.receive(future, { address, port: 5000, family: "IPv4" }), "unsupported-format");
  }
  await bridge.stop();
  const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.packetFormat === 2027);
  assert.deepEqual(
    warnings.map((w) => w.source),
    ["10.0.0.1", "10.0.0.2"],
  );
  assert.match(warnings[0].msg, /"UDP Format" to 2026/);
  assert.equal(await value(bridge.metrics.rejected, "unsupported-format"), 4);
});
