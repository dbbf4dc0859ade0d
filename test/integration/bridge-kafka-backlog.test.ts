// A backlog built while Kafka was away reaches a real broker (default message.max.bytes): batches are sized
// as Kafka counts them, and a record the topic can never take is dropped and counted, not retried forever.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { type TestContext, test } from "node:test";
import kafkajs from "kafkajs";
import { pino } from "pino";
import { Bridge, type BridgeOptions } from "../../bridge/ingest/bridge.ts";
import { metricTotal } from "../../bridge/ingest/bridge-metrics.ts";
import { validFixtureDatagrams } from "../support/datagram-stream.ts";
import { kafkaBus, requireKafkaBrokers } from "../support/kafka.ts";
import { readTopic } from "../support/read-topic.ts";
import { waitUntil } from "../support/wait.ts";

const base: BridgeOptions = {
  udpHost: "127.0.0.1",
  udpPort: 0,
  receiveBufferBytes: 1 << 20,
  topicPrefix: "unset",
  topicPartitions: 2,
  topicRetentionMs: 3_600_000,
  rigId: "rig-backlog-01",
  lingerMs: 5,
  maxBatchRecords: 1000,
  maxBatchBytes: 1024 * 1024,
  queueMaxBytes: 64 * 1024 * 1024,
  dropPolicy: "drop-newest",
  ratePerSource: 0,
  allow: [],
  forwardTo: [],
};
const remote = { address: "192.168.100.200", port: 50123, family: "IPv4" } as const;
const value = (metric: Parameters<typeof metricTotal>[0], reason?: string) =>
  metricTotal(metric, (v) => reason === undefined || v.labels.reason === reason);

/** A bridge on the real broker whose writes fail while `down` is set: Kafka away, as far as it can tell. */
async function startBridge(t: TestContext, options: Partial<BridgeOptions>) {
  const brokers = requireKafkaBrokers();
  const bus = kafkaBus(brokers);
  const state = { down: true };
  const write = bus.write.bind(bus);
  bus.write = async (topic, records) => {
    if (state.down) throw new Error("Kafka is away (simulated)");
    return write(topic, records);
  };
  const lines: string[] = [];
  const log = pino({ level: "warn" }, { write: (l: string) => void lines.push(l) });
  const bridge = new Bridge({ ...base, ...options }, bus, log);
  t.after(async () => {
    await bridge.stop(100);
    await bus.close();
  });
  await bridge.start();
  return { bridge, bus, state, lines };
}

/** `count` distinct copies of a 1,352-byte Car Telemetry datagram of one session (its index in the last bytes). */
function telemetryBacklog(count: number): Buffer[] {
  const template = validFixtureDatagrams().find((d) => d.length === 1352);
  if (!template) throw new Error("no 1,352-byte fixture");
  return Array.from({ length: count }, (_, i) => {
    const copy = Buffer.from(template);
    copy.writeUInt32LE(i, copy.length - 4);
    return copy;
  });
}

test("a backlog of 1,352-byte datagrams with a rig id is produced once Kafka is back, exactly once, in order", {
  timeout: 120_000,
}, async (t) => {
  const prefix = `backlog-${randomUUID().slice(0, 8)}`;
  const { bridge, bus, state } = await startBridge(t, { topicPrefix: prefix });
  const backlog = telemetryBacklog(3000);
  for (const d of backlog) assert.equal(bridge.receive(d, remote), "accepted");
  state.down = false;
  await waitUntil(async () => (await value(bridge.metrics.produced)) === backlog.length, 30_000, "the backlog");
  assert.equal(bus.maxBatchBytes(`${prefix}.raw`), 1_048_588, "the topic's max.message.bytes, read from Kafka");
  assert.equal(await value(bridge.metrics.produceErrors, "too-large"), 0, "no batch was refused as too large");
  assert.equal(await value(bridge.metrics.dropped), 0);
  assert.equal((await bridge.metrics.busUp.get()).values[0]?.value, 1);
  const records = await readTopic(bus, `${prefix}.raw`, backlog.length);
  assert.equal(records.length, backlog.length, "exactly once");
  const sorted = records.sort((a, b) => Number(BigInt(a.offset) - BigInt(b.offset)));
  assert.deepEqual(
    sorted.map((r) => Buffer.from(r.value).readUInt32LE(1348)),
    backlog.map((_, i) => i),
    "in order",
  );
});

test("a record larger than the topic's max.message.bytes is dropped and counted once; everything else flows", {
  timeout: 120_000,
}, async (t) => {
  const brokers = requireKafkaBrokers();
  const prefix = `toolarge-${randomUUID().slice(0, 8)}`;
  const admin = new kafkajs.Kafka({ brokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  t.after(() => admin.disconnect());
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic: `${prefix}.raw`,
        numPartitions: 1,
        replicationFactor: -1,
        configEntries: [{ name: "max.message.bytes", value: "1400" }],
      },
    ],
  });
  const { bridge, bus, state, lines } = await startBridge(t, { topicPrefix: prefix });
  const small = validFixtureDatagrams().filter((d) => d.length <= 1000);
  const big = telemetryBacklog(10);
  const stream = small.flatMap((d, i) => (i % 10 === 0 && big[i / 10] ? [d, big[i / 10] as Buffer] : [d]));
  for (const d of stream) assert.equal(bridge.receive(d, remote), "accepted");
  state.down = false;
  const bigSent = stream.filter((d) => d.length === 1352).length;
  await waitUntil(
    async () => (await value(bridge.metrics.produced)) === stream.length - bigSent,
    30_000,
    "every small datagram",
  );
  assert.equal(bus.maxBatchBytes(`${prefix}.raw`), 1400);
  assert.equal(await value(bridge.metrics.dropped, "too-large"), bigSent);
  assert.equal((await bridge.metrics.busUp.get()).values[0]?.value, 1, "the bus is up");
  const refusals = lines.map((l) => JSON.parse(l)).filter((l) => l.reason === "too-large" && l.level === 50);
  assert.equal(refusals.length, 1, "logged once");
  const records = await readTopic(bus, `${prefix}.raw`, stream.length - bigSent);
  assert.deepEqual(
    records.map((r) => Buffer.from(r.value)),
    stream.filter((d) => d.length !== 1352),
  );
});
