// Two gateways on real Kafka and Redis beside a `slipstream processor` fed raw datagrams: both show the same
// snapshot and the same live lap records, and the monitor has rates and consumer lag.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import kafkajs from "kafkajs";
import { GATEWAY_OPTIONS } from "../../bridge/config/gateway-config.ts";
import { parseOptions } from "../../bridge/config/options.ts";
import type { Gateway } from "../../bridge/gateway/gateway.ts";
import { startGateway } from "../../bridge/gateway/start-gateway.ts";
import { createLogger } from "../../bridge/observability/log.ts";
import { RedisStateStore } from "../../bridge/state/redis-store.ts";
import { connect, type TestClient } from "../bridge/gateway/harness.ts";
import { kafkaBus, requireKafkaBrokers } from "../support/kafka.ts";
import { startProcessorProcess } from "../support/processor-process.ts";
import { requireRedisUrl } from "../support/redis.ts";
import { asRawRecords, syntheticSession } from "../support/synthetic-session.ts";
import { waitUntil } from "../support/wait.ts";

const UID = "4242";

test("two gateways on Kafka and Redis show the same snapshot and the same live laps; the monitor has rates and lag", {
  timeout: 240_000,
}, async (t) => {
  const brokers = requireKafkaBrokers();
  const redisUrl = requireRedisUrl();
  const prefix = `it-gw-${randomUUID().slice(0, 8)}`;
  const group = `g-${prefix}`;
  const bus = kafkaBus(brokers);
  await bus.connect();
  t.after(() => bus.close());
  await bus.ensureTopics([{ topic: `${prefix}.raw`, partitions: 2, retentionMs: 3_600_000 }]);

  const config = parseOptions(
    GATEWAY_OPTIONS,
    ["--http-port", "0", "--topic-prefix", prefix, "--topic-partitions", "2", "--processor-groups", group],
    { KAFKA_BROKERS: brokers.join(",") },
  ).config;
  const gateways: Gateway[] = [];
  const clients: TestClient[] = [];
  for (const id of ["a", "b"]) {
    const store = new RedisStateStore({ url: redisUrl, keyPrefix: prefix });
    await store.connect();
    const gbus = kafkaBus(brokers, `gateway-${id}`);
    const gateway = await startGateway({ ...config, gatewayId: id }, gbus, store, createLogger("silent"));
    t.after(async () => {
      await gateway.stop();
      await gbus.close();
      await store.close();
    });
    gateways.push(gateway);
    const client = await connect(`ws://127.0.0.1:${gateway.port}/ws`);
    t.after(() => client.close());
    clients.push(client);
  }
  const [a, b] = clients as [TestClient, TestClient];
  assert.notEqual(gateways[0]?.groupId, gateways[1]?.groupId, "a consumer group per gateway");

  const processor = await startProcessorProcess([
    ...["--kafka-brokers", brokers.join(","), "--topic-prefix", prefix, "--group-id", group],
    ...["--redis-url", redisUrl, "--state-key-prefix", prefix, "--topic-partitions", "2"],
  ]);
  t.after(() => processor.stop());

  const stream = syntheticSession([{ speed: 50 }, { speed: 49 }], { seconds: 130, sessionUID: UID, trackM: 2000 });
  const records = asRawRecords(UID, stream, Date.now() * 1000);
  const half = Math.floor(records.length / 2);
  const produce = async (from: number, to: number) => {
    for (let i = from; i < to; i += 400) await bus.write(`${prefix}.raw`, records.slice(i, Math.min(to, i + 400)));
  };
  await produce(0, half);
  for (const c of clients) {
    await waitUntil(
      () => c.ofType("sessions").some((m) => m.sessions.some((s: { sessionUID: string }) => s.sessionUID === UID)),
      60_000,
      "the session listed",
    );
  }
  // The first half processed and its snapshot written: the store stops changing.
  const store = new RedisStateStore({ url: redisUrl, keyPrefix: prefix });
  await store.connect();
  t.after(() => store.close());
  let last = "";
  await waitUntil(
    async () => {
      const now = JSON.stringify(await store.readSnapshot(UID));
      const settled = now === last && (JSON.parse(now)?.laps?.length ?? 0) > 0;
      last = now;
      return settled;
    },
    60_000,
    "a settled snapshot with laps",
    1500,
  );

  for (const c of clients) c.send({ type: "subscribe", sessionUID: UID, channels: ["events", "tower"] });
  const [snapA, snapB] = [await a.next("snapshot"), await b.next("snapshot")];
  assert.ok(snapA.laps.length > 0);
  assert.deepEqual(snapA, snapB);

  a.send({ type: "monitor" });
  await produce(half, records.length);
  const liveLaps = (c: TestClient) => c.texts.filter((x) => JSON.parse(x).type === "lap");
  await waitUntil(() => liveLaps(a).length > 0 && liveLaps(b).length > 0, 60_000, "live laps");
  // Both gateways forward the same records: the same bytes, once the processor is done.
  await waitUntil(
    async () => {
      const before = [liveLaps(a).length, liveLaps(b).length];
      await new Promise((r) => setTimeout(r, 2000));
      return before[0] === liveLaps(a).length && before[1] === liveLaps(b).length;
    },
    90_000,
    "the live laps settled",
  );
  assert.deepEqual(new Set(liveLaps(a)), new Set(liveLaps(b)));
  const snapshotIds = new Set(snapA.laps.map((l: { id: string }) => l.id));
  assert.ok(
    liveLaps(a).some((x) => !snapshotIds.has(JSON.parse(x).id)),
    "laps after the snapshot arrived live",
  );

  await waitUntil(
    () =>
      a
        .ofType("pipeline")
        .some(
          (p) =>
            p.topics.some(
              (r: { name: string; perSecond: number }) => r.name.startsWith(`${prefix}.`) && r.perSecond > 0,
            ) &&
            p.lag.some((l: { group: string; topic: string }) => l.group === group && l.topic === `${prefix}.raw`) &&
            p.lag.some((l: { group: string }) => l.group === gateways[0]?.groupId) &&
            p.processors.length === 1,
        ),
    60_000,
    () => `a pipeline message with rates and lag, last: ${JSON.stringify(a.ofType("pipeline").at(-1))?.slice(0, 2000)}`,
  );
});

test("a gateway's consumer group goes with it: a stopped gateway leaves no group on the broker", async () => {
  const brokers = requireKafkaBrokers();
  const prefix = `it-gwg-${randomUUID().slice(0, 8)}`;
  const config = parseOptions(GATEWAY_OPTIONS, ["--http-port", "0", "--topic-prefix", prefix], {
    KAFKA_BROKERS: brokers.join(","),
  }).config;
  const store = new RedisStateStore({ url: requireRedisUrl(), keyPrefix: prefix });
  await store.connect();
  const gbus = kafkaBus(brokers, "gateway-groups");
  const kafkaAdmin = new kafkajs.Kafka({ brokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await kafkaAdmin.connect();
  const groups = async () => (await kafkaAdmin.listGroups()).groups.map((g) => g.groupId);
  try {
    const gateway = await startGateway({ ...config, gatewayId: "groups" }, gbus, store, createLogger("silent"));
    assert.ok((await groups()).includes(gateway.groupId), "the gateway reads as its own group");
    await gateway.stop();
    assert.ok(!(await groups()).includes(gateway.groupId), "deleted when it stopped");
  } finally {
    await kafkaAdmin.disconnect();
    await gbus.close();
    await store.close();
  }
});
