// Stop the broker mid-stream and start it again: nothing accepted within the queue limit is lost.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { startKafkaBroker } from "../../scripts/kafka/broker.ts";
import { startBridgeProcess } from "../support/bridge-process.ts";
import { sendUdp, validFixtureDatagrams } from "../support/datagram-stream.ts";
import { kafkaBus } from "../support/kafka.ts";
import { expectedBySession, readTopic, valuesByKey } from "../support/read-topic.ts";
import { waitUntil } from "../support/wait.ts";

const PORT = 19192;
const CONTROLLER_PORT = 19193;

test("the bridge starts before Kafka, rides out a mid-stream outage, and loses nothing it accepted", {
  timeout: 240_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "slipstream-outage-"));
  const brokers = [`127.0.0.1:${PORT}`];
  const bridge = await startBridgeProcess(["--topic-prefix", "outage", "--topic-partitions", "2"], {
    KAFKA_BROKERS: brokers.join(","),
    SLIPSTREAM_LOG_LEVEL: "error",
  });
  const produced = () => bridge.metric("slipstream_bridge_records_produced_total");
  const valid = validFixtureDatagrams();
  const [a, b] = [Math.floor(valid.length / 3), Math.floor((2 * valid.length) / 3)];
  let broker: Awaited<ReturnType<typeof startKafkaBroker>> | undefined;
  try {
    // No broker yet: the bridge listens and queues.
    await sendUdp(bridge.udpPort, valid.slice(0, a));
    await waitUntil(
      async () => (await bridge.metric("slipstream_bridge_datagrams_accepted_total")) === a,
      10_000,
      "accepted",
    );
    assert.equal(await produced(), 0);

    broker = await startKafkaBroker({ port: PORT, controllerPort: CONTROLLER_PORT, dataDir });
    await waitUntil(async () => (await produced()) === a, 60_000, "the first part once Kafka is up");
    await sendUdp(bridge.udpPort, valid.slice(a, b));
    await waitUntil(async () => (await produced()) === b, 30_000, "the second part");

    await broker.stop();
    await sendUdp(bridge.udpPort, valid.slice(b));
    await waitUntil(
      async () => (await bridge.metric("slipstream_bridge_bus_up")) === 0,
      60_000,
      "the bridge to notice",
    );
    assert.equal(
      await bridge.metric("slipstream_bridge_datagrams_accepted_total"),
      valid.length,
      "accepted while down",
    );
    assert.ok((await bridge.metric("slipstream_bridge_queue_bytes")) > 0, "the backlog is queued");

    broker = await startKafkaBroker({ port: PORT, controllerPort: CONTROLLER_PORT, dataDir });
    await waitUntil(async () => (await produced()) === valid.length, 120_000, "the backlog to be produced");
    assert.equal(await bridge.metric("slipstream_bridge_queue_bytes"), 0);
    assert.equal(await bridge.metric("slipstream_bridge_records_dropped_total", 'reason="queue-full"'), 0);

    const bus = kafkaBus(broker.brokers);
    try {
      const records = await readTopic(bus, "outage.raw", valid.length);
      assert.equal(records.length, valid.length, "no loss and no duplicates across the outage");
      assert.deepEqual(valuesByKey(records), expectedBySession(valid));
    } finally {
      await bus.close();
    }
  } finally {
    assert.equal(await bridge.stop(), 0);
    await broker?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
