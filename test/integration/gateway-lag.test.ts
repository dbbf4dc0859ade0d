// The monitor's consumer lag on Kafka: a topic that does not exist yet leaves out its own rows, not the answer.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { kafkaLag } from "../../bridge/gateway/lag.ts";
import { kafkaBus, requireKafkaBrokers } from "../support/kafka.ts";
import { waitUntil } from "../support/wait.ts";

test("consumer lag per group and partition, with one of the groups' topics missing", { timeout: 60_000 }, async (t) => {
  const brokers = requireKafkaBrokers();
  const prefix = `it-lag-${randomUUID().slice(0, 8)}`;
  const topic = `${prefix}.cars`;
  const bus = kafkaBus(brokers);
  t.after(() => bus.close());
  await bus.ensureTopics([{ topic, partitions: 1, retentionMs: 3_600_000 }]);
  const record = (n: number) => ({ key: "k", value: Buffer.from(String(n)), headers: {}, timestampMs: Date.now() });
  await bus.write(
    topic,
    Array.from({ length: 10 }, (_, n) => record(n)),
  );
  const group = `${prefix}-g`;
  const sub = await bus.subscribe({
    groupId: group,
    topics: [topic],
    fromBeginning: true,
    manualCommit: true,
    onRecords: () => {},
  });
  t.after(() => sub.stop());
  await sub.commit([{ topic, partition: 0, offset: "4" }]);
  const lag = kafkaLag({ brokers, groups: new Map([[group, [topic, `${prefix}.never-made`]]]) });
  t.after(() => lag.close());
  await waitUntil(async () => (await lag.lag()).length > 0, 20_000, "lag rows");
  assert.deepEqual(await lag.lag(), [{ group, topic, partition: 0, lag: 6 }]);
});
