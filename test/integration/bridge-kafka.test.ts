// The real bridge command on a real broker: UDP in, <prefix>.raw out.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { RAW_HEADERS } from "../../bridge/protocol/raw-topic.ts";
import { startBridgeProcess } from "../support/bridge-process.ts";
import { countBy, mixedStream, sendUdp } from "../support/datagram-stream.ts";
import { kafkaBus, requireKafkaBrokers } from "../support/kafka.ts";
import { expectedBySession, readTopic, valuesByKey } from "../support/read-topic.ts";

test("valid datagrams reach <prefix>.raw exactly once, byte-identical, in order per session; invalid ones are counted", async () => {
  const brokers = requireKafkaBrokers();
  const prefix = `it-${randomUUID().slice(0, 8)}`;
  const bridge = await startBridgeProcess(["--topic-prefix", prefix, "--rig-id", "rig-a", "--topic-partitions", "3"], {
    KAFKA_BROKERS: brokers.join(","),
  });
  const bus = kafkaBus(brokers);
  try {
    const stream = mixedStream();
    const valid = stream.filter((s) => !s.rejectAs).map((s) => s.bytes);
    await sendUdp(
      bridge.udpPort,
      stream.map((s) => s.bytes),
    );
    const records = await readTopic(bus, `${prefix}.raw`, valid.length);
    assert.equal(records.length, valid.length, "exactly once: no loss, no duplicates");
    assert.deepEqual(valuesByKey(records), expectedBySession(valid));
    for (const r of records) {
      assert.equal(r.headers[RAW_HEADERS.rigId], "rig-a");
      assert.match(r.headers[RAW_HEADERS.source] ?? "", /^127\.0\.0\.1:\d+$/);
      assert.match(r.headers[RAW_HEADERS.receivedAtUs] ?? "", /^\d{16}$/);
    }
    for (const [reason, n] of Object.entries(countBy(stream, (s) => s.rejectAs))) {
      assert.equal(await bridge.metric("slipstream_bridge_datagrams_rejected_total", `reason="${reason}"`), n, reason);
    }
    assert.equal(await bridge.metric("slipstream_bridge_records_produced_total"), valid.length);
    assert.equal(await bridge.metric("slipstream_bridge_bus_up"), 1);
  } finally {
    assert.equal(await bridge.stop(), 0);
    await bus.close();
  }
});
