// Checks kafkajs 2.2.4 against the real broker from scripts/kafka: admin, producer (acks -1 and 1,
// headers), consumer groups, and that topic data and committed offsets survive a broker restart.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Kafka, logLevel, Partitioners } from "kafkajs";
import { type KafkaBroker, startKafkaBroker } from "../../scripts/kafka/broker.ts";

const PORTS = { port: 19092, controllerPort: 19093 };
const TOPIC = "kafka-broker-test";

interface Received {
  partition: number;
  offset: string;
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string>;
}

// Generous timeout: a cold machine first resolves the broker jars from Maven Central.
test("kafkajs works against the local Kafka broker, across a restart", { timeout: 240_000 }, async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), "kafka-broker-test-"));
  let broker: KafkaBroker = await startKafkaBroker({ ...PORTS, dataDir });
  t.after(async () => {
    await broker.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  const kafka = new Kafka({ clientId: "kafka-broker-test", brokers: broker.brokers, logLevel: logLevel.WARN });

  // Reads from `groupId` until `count` messages arrived (or 30 s passed), then leaves the group.
  async function consume(groupId: string, count: number): Promise<Received[]> {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const received: Received[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`${groupId}: got ${received.length}/${count} messages`)), 30_000);
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              const headers: Record<string, string> = {};
              for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
              const [key, value] = [message.key?.toString(), message.value?.toString()];
              received.push({ partition, offset: message.offset, key, value, headers });
              if (received.length >= count) {
                clearTimeout(timer);
                done();
              }
            },
          })
          .catch(fail);
      });
    } finally {
      await consumer.disconnect(); // commits the offsets consumed so far
    }
    return received;
  }

  const admin = kafka.admin();
  await admin.connect();
  assert.equal(await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3 }], waitForLeaders: true }), true);
  assert.ok((await admin.listTopics()).includes(TOPIC));
  const [metadata] = (await admin.fetchTopicMetadata({ topics: [TOPIC] })).topics;
  assert.equal(metadata?.partitions.length, 3);

  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const batch = (acks: string) =>
    [0, 1, 2].map((partition) => ({
      partition,
      key: `key-${acks}-${partition}`,
      value: `value-${acks}-${partition}`,
      headers: { acks, "trace-id": `trace-${partition}` },
    }));
  for (const acks of [-1, 1]) {
    const results = await producer.send({ topic: TOPIC, acks, messages: batch(String(acks)) });
    assert.equal(results.length, 3);
    for (const r of results) assert.equal(r.errorCode, 0);
  }
  // Keyed message without an explicit partition goes through the partitioner.
  await producer.send({ topic: TOPIC, messages: [{ key: "by-key", value: "partitioned", headers: { acks: "-1" } }] });
  const produced = 7;

  const first = await consume("group-a", produced);
  assert.equal(first.length, produced);
  const byKey = new Map(first.map((m) => [m.key, m]));
  assert.equal(byKey.get("key--1-2")?.value, "value--1-2");
  assert.equal(byKey.get("key--1-2")?.partition, 2);
  assert.deepEqual(byKey.get("key-1-0")?.headers, { acks: "1", "trace-id": "trace-0" });
  assert.equal(byKey.get("by-key")?.value, "partitioned");

  const committed = await admin.fetchOffsets({ groupId: "group-a", topics: [TOPIC] });
  const sum = (xs: { offset: string }[]) => xs.reduce((n, x) => n + Number(x.offset), 0);
  assert.equal(sum(committed[0]?.partitions ?? []), produced);
  assert.equal(sum((await admin.fetchTopicOffsets(TOPIC)).map((p) => ({ offset: p.high }))), produced);

  // Restart on the same ports and data dir: messages and committed offsets must survive.
  await producer.disconnect();
  await admin.disconnect();
  await broker.stop();
  broker = await startKafkaBroker({ ...PORTS, dataDir });

  const replay = await consume("group-b", produced);
  assert.deepEqual(
    replay.map((m) => `${m.partition}/${m.offset}/${m.key}/${m.value}`).sort(),
    first.map((m) => `${m.partition}/${m.offset}/${m.key}/${m.value}`).sort(),
  );

  await producer.connect();
  await producer.send({ topic: TOPIC, acks: -1, messages: [{ key: "after-restart", value: "new" }] });
  await producer.disconnect();
  // group-a resumes from its committed offsets, so the only message it sees is the new one.
  const resumed = await consume("group-a", 1);
  assert.deepEqual(
    resumed.map((m) => m.key),
    ["after-restart"],
  );
});
