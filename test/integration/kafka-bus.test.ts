import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import kafkajs from "kafkajs";
import { busContract } from "../bridge/bus/bus-contract.ts";
import { kafkaBus, requireKafkaBrokers } from "../support/kafka.ts";

busContract("Kafka bus", async () => {
  const bus = kafkaBus(requireKafkaBrokers());
  return { bus, prefix: `it-${randomUUID().slice(0, 8)}`, cleanup: () => bus.close() };
});

test("Kafka bus: a running member's offsets reach the group while it runs (committed in the background)", async () => {
  const brokers = requireKafkaBrokers();
  const bus = kafkaBus(brokers);
  const admin = new kafkajs.Kafka({ brokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
  const topic = `it-${randomUUID().slice(0, 8)}.commits`;
  const groupId = `g-${randomUUID()}`;
  const committed = async () =>
    Number((await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions[0]?.offset ?? -1);
  try {
    await admin.connect();
    await bus.ensureTopics([{ topic, partitions: 1, retentionMs: 3_600_000 }]);
    let read = 0;
    const sub = await bus.subscribe({
      groupId,
      topics: [topic],
      onRecords: (records) => {
        read += records.length;
      },
    });
    const value = new Uint8Array([1]);
    await bus.write(
      topic,
      [1, 2, 3].map((n) => ({ key: "k", value, headers: { n: String(n) }, timestampMs: n })),
    );
    const deadline = Date.now() + 20_000;
    while ((read < 3 || (await committed()) < 3) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.equal(read, 3);
    assert.equal(await committed(), 3, "the next offset to read, committed while the member runs");
    await sub.stop();
  } finally {
    await admin.disconnect();
    await bus.close();
  }
});
