// The real bridge command on a real broker: UDP in, <prefix>.raw out.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import kafkajs from "kafkajs";
import type { ConsumedRecord } from "../../bridge/bus/types.ts";
import type { BridgeMonitorMessage } from "../../bridge/protocol/derived.ts";
import { RAW_HEADERS } from "../../bridge/protocol/raw-topic.ts";
import { startBridgeProcess } from "../support/bridge-process.ts";
import { countBy, mixedStream, sendUdp } from "../support/datagram-stream.ts";
import { kafkaBus, requireKafkaBrokers } from "../support/kafka.ts";
import { expectedBySession, readTopic, valuesByKey } from "../support/read-topic.ts";
import { waitUntil } from "../support/wait.ts";

test("valid datagrams reach <prefix>.raw exactly once, byte-identical, in order per session; invalid ones are counted", async (t) => {
  const brokers = requireKafkaBrokers();
  const prefix = `it-${randomUUID().slice(0, 8)}`;
  // Stopped in t.after, not inline: a failed assertion must not leave a bridge running and the run hanging.
  const bridge = await startBridgeProcess(
    [
      ...["--topic-prefix", prefix, "--rig-id", "rig-a", "--bridge-id", "bridge-it"],
      ...["--topic-partitions", "3", "--topic-retention-ms", "3600000", "--summary-interval", "1"],
    ],
    { KAFKA_BROKERS: brokers.join(",") },
  );
  t.after(async () => assert.equal(await bridge.stop(), 0));
  const bus = kafkaBus(brokers);
  t.after(() => bus.close());
  const admin = new kafkajs.Kafka({ brokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  t.after(() => admin.disconnect());

  const stream = mixedStream();
  const valid = stream.filter((s) => !s.rejectAs).map((s) => s.bytes);
  await sendUdp(
    bridge.udpPort,
    stream.map((s) => s.bytes),
  );
  const records = await readTopic(bus, `${prefix}.raw`, valid.length);
  assert.equal(records.length, valid.length, "exactly once: no loss, no duplicates");
  assert.deepEqual(valuesByKey(records), expectedBySession(valid), "keyed by sessionUID, in order per session");
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
  const [topic] = (await admin.fetchTopicMetadata({ topics: [`${prefix}.raw`] })).topics;
  assert.equal(topic?.partitions.length, 3, "the bridge created its topic with the configured partitions");
  const config = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: `${prefix}.raw`, configNames: ["retention.ms"] }],
  });
  assert.equal(config.resources[0]?.configEntries[0]?.configValue, "3600000");
  await new Promise((r) => setTimeout(r, 1100));
  assert.ok(
    bridge.output.some((l) => l.startsWith(`received ${stream.length} `) && l.includes(`produced ${valid.length} `)),
    `a one-line summary with the counts:\n${bridge.output.join("\n")}`,
  );
  // About once a second the bridge reports to <prefix>.monitor, keyed by its id.
  const reports: ConsumedRecord[] = [];
  const sub = await bus.subscribe({
    groupId: `monitor-${prefix}`,
    topics: [`${prefix}.monitor`],
    fromBeginning: true,
    onRecords: (r) => void reports.push(...r),
  });
  t.after(() => sub.stop());
  const parse = (r: ConsumedRecord) => JSON.parse(Buffer.from(r.value).toString()) as BridgeMonitorMessage;
  const complete = (r: ConsumedRecord) => parse(r).counters.published === valid.length;
  await waitUntil(() => reports.some(complete), 15_000, "a monitor report with every datagram published");
  const record = reports.find(complete) as ConsumedRecord;
  const report = parse(record);
  assert.deepEqual([record.key, report.type, report.bridgeId], ["bridge-it", "bridge-monitor", "bridge-it"]);
  assert.equal(report.counters.received, stream.length);
  assert.equal(report.counters.rejected, stream.length - valid.length);
  assert.equal(report.rejections.truncated, countBy(stream, (s) => s.rejectAs).truncated);
  assert.match(report.sources[0] ?? "", /^127\.0\.0\.1:\d+$/);
});
