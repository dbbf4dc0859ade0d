// Kafka away at start, stopped mid-stream, and (with --spool-dir) a bridge SIGKILLed during the outage: nothing
// accepted is lost or duplicated. These tests start their own broker on 19192 (stopped and started at will).
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestContext, test } from "node:test";
import { type KafkaBroker, startKafkaBroker } from "../../scripts/kafka/broker.ts";
import { type BridgeProcess, startBridgeProcess } from "../support/bridge-process.ts";
import { sendUdp, validFixtureDatagrams } from "../support/datagram-stream.ts";
import { kafkaBus } from "../support/kafka.ts";
import { expectedBySession, readTopic, valuesByKey } from "../support/read-topic.ts";
import { waitUntil } from "../support/wait.ts";

const PORT = 19192;
const CONTROLLER_PORT = 19193;
const BROKERS = `127.0.0.1:${PORT}`;

async function tempDir(t: TestContext, name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), name));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The broker on 19192, stopped after the test whatever happens; `start` may be called again after `stop`. */
function brokerControl(t: TestContext, dataDir: string) {
  let broker: KafkaBroker | undefined;
  t.after(() => broker?.stop());
  return {
    start: async () => {
      broker = await startKafkaBroker({ port: PORT, controllerPort: CONTROLLER_PORT, dataDir });
    },
    stop: async () => {
      await broker?.stop();
      broker = undefined;
    },
  };
}

async function bridgeProcess(t: TestContext, args: string[]): Promise<BridgeProcess> {
  const bridge = await startBridgeProcess(args, { KAFKA_BROKERS: BROKERS, SLIPSTREAM_LOG_LEVEL: "error" });
  t.after(() => bridge.kill());
  return bridge;
}

async function assertTopicHoldsExactly(topic: string, valid: readonly Buffer[]): Promise<void> {
  const bus = kafkaBus([BROKERS]);
  try {
    const records = await readTopic(bus, topic, valid.length);
    assert.equal(records.length, valid.length, "no loss and no duplicates");
    assert.deepEqual(valuesByKey(records), expectedBySession(valid));
  } finally {
    await bus.close();
  }
}

test("the bridge starts before Kafka, rides out a mid-stream outage, and loses nothing it accepted", {
  timeout: 240_000,
}, async (t) => {
  const broker = brokerControl(t, await tempDir(t, "slipstream-outage-"));
  const bridge = await bridgeProcess(t, ["--topic-prefix", "outage", "--topic-partitions", "2"]);
  const produced = () => bridge.metric("slipstream_bridge_records_produced_total");
  const valid = validFixtureDatagrams();
  const [a, b] = [Math.floor(valid.length / 3), Math.floor((2 * valid.length) / 3)];
  // No broker yet: the bridge listens and queues.
  await sendUdp(bridge.udpPort, valid.slice(0, a));
  await waitUntil(
    async () => (await bridge.metric("slipstream_bridge_datagrams_accepted_total")) === a,
    10_000,
    "accepted",
  );
  assert.equal(await produced(), 0);

  await broker.start();
  await waitUntil(async () => (await produced()) === a, 60_000, "the first part once Kafka is up");
  await sendUdp(bridge.udpPort, valid.slice(a, b));
  await waitUntil(async () => (await produced()) === b, 30_000, "the second part");

  await broker.stop();
  await sendUdp(bridge.udpPort, valid.slice(b));
  await waitUntil(async () => (await bridge.metric("slipstream_bridge_bus_up")) === 0, 60_000, "the bridge to notice");
  assert.equal(await bridge.metric("slipstream_bridge_datagrams_accepted_total"), valid.length, "accepted while down");
  assert.ok((await bridge.metric("slipstream_bridge_queue_bytes")) > 0, "the backlog is queued");

  await broker.start();
  await waitUntil(async () => (await produced()) === valid.length, 120_000, "the backlog to be produced");
  assert.equal(await bridge.metric("slipstream_bridge_queue_bytes"), 0);
  assert.equal(await bridge.metric("slipstream_bridge_records_dropped_total", 'reason="queue-full"'), 0);
  await assertTopicHoldsExactly("outage.raw", valid);
  assert.equal(await bridge.stop(), 0);
});

test("with --spool-dir, a bridge SIGKILLed while Kafka is down loses nothing: the next one sends it, once", {
  timeout: 240_000,
}, async (t) => {
  const broker = brokerControl(t, await tempDir(t, "slipstream-outage-spool-"));
  const spoolDir = await tempDir(t, "slipstream-spool-");
  const args = ["--topic-prefix", "spooled", "--topic-partitions", "2", "--spool-dir", spoolDir];
  const valid = validFixtureDatagrams();

  const first = await bridgeProcess(t, args);
  await sendUdp(first.udpPort, valid);
  await waitUntil(
    async () => (await first.metric("slipstream_bridge_datagrams_accepted_total")) === valid.length,
    10_000,
    "accepted",
  );
  await first.kill();

  await broker.start();
  const second = await bridgeProcess(t, args);
  assert.equal(await second.metric("slipstream_bridge_records_restored_total"), valid.length);
  await waitUntil(
    async () => (await second.metric("slipstream_bridge_records_produced_total")) === valid.length,
    120_000,
    "the spooled records to be produced",
  );
  await assertTopicHoldsExactly("spooled.raw", valid);
  assert.equal(await second.stop(), 0);
  assert.deepEqual(
    (await readdir(spoolDir)).filter((n) => n.endsWith(".seg")),
    [],
    "acknowledged segments are deleted",
  );
});
