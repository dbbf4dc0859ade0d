// `slipstream processor` started before anything made <prefix>.raw (before the bridge, say): it creates the
// topic with the bridge's settings and processes what is produced to it afterwards.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import kafkajs from "kafkajs";
import type { LapMessage } from "../../bridge/protocol/derived.ts";
import { kafkaBus, requireKafkaBrokers } from "../support/kafka.ts";
import { startProcessorProcess } from "../support/processor-process.ts";
import { asRawRecords, syntheticSession } from "../support/synthetic-session.ts";
import { waitUntil } from "../support/wait.ts";

const UID = "5150";

test("a processor started with no raw topic creates it as the bridge would and processes datagrams produced later", {
  timeout: 120_000,
}, async (t) => {
  const brokers = requireKafkaBrokers();
  const prefix = `it-fresh-${randomUUID().slice(0, 8)}`;
  const raw = `${prefix}.raw`;
  const admin = new kafkajs.Kafka({ brokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  t.after(() => admin.disconnect());
  assert.ok(!(await admin.listTopics()).includes(raw), "a fresh prefix: no raw topic yet");

  const processor = await startProcessorProcess([
    ...["--kafka-brokers", brokers.join(","), "--topic-prefix", prefix, "--group-id", `g-${prefix}`],
    ...["--state-key-prefix", prefix, "--topic-partitions", "3", "--topic-retention-ms", "7200000"],
  ]);
  t.after(() => processor.stop());
  const [topic] = (await admin.fetchTopicMetadata({ topics: [raw] })).topics;
  assert.equal(topic?.partitions.length, 3, "created with --topic-partitions");
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: raw, configNames: ["retention.ms"] }],
  });
  assert.equal(described.resources[0]?.configEntries[0]?.configValue, "7200000", "and --topic-retention-ms");

  const bus = kafkaBus(brokers);
  t.after(() => bus.close());
  const laps = new Map<string, LapMessage>();
  const reader = await bus.subscribe({
    groupId: `laps-${prefix}`,
    topics: [`${prefix}.laps`],
    fromBeginning: true,
    onRecords: (records) => {
      for (const r of records) {
        const lap = JSON.parse(Buffer.from(r.value).toString()) as LapMessage;
        if (r.key === UID) laps.set(lap.id, lap);
      }
    },
  });
  t.after(() => reader.stop());

  const stream = syntheticSession([{ speed: 50 }], { seconds: 50, sessionUID: UID, trackM: 1000 });
  const records = asRawRecords(UID, stream, Date.now() * 1000);
  for (let i = 0; i < records.length; i += 400) await bus.write(raw, records.slice(i, i + 400));
  await waitUntil(
    () => laps.has(`${UID}/0/1`) && laps.has(`${UID}/0/2`),
    60_000,
    () =>
      `laps 1 and 2 of car 0 on ${prefix}.laps (have ${[...laps.keys()].join(", ") || "none"})\n${processor.output.join("\n")}`,
  );
  assert.equal(laps.get(`${UID}/0/1`)?.timeMs, 20_000, "1000 m at 50 m/s");
});
