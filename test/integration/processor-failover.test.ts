// Two `slipstream processor` processes on real Kafka and Redis; one is SIGKILLed mid-session. The laps a
// consumer keeps (one per id) equal an uninterrupted run: none missing, none different.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import kafkajs from "kafkajs";
import type { BusRecord, ConsumedRecord } from "../../bridge/bus/types.ts";
import { SessionPipeline } from "../../bridge/processing/engine/session-pipeline.ts";
import { DEFAULT_METRICS } from "../../bridge/processing/metrics/index.ts";
import type { LapMessage, MonitorMessage } from "../../bridge/protocol/derived.ts";
import { kafkaBus, requireKafkaBrokers } from "../support/kafka.ts";
import { startProcessorProcess } from "../support/processor-process.ts";
import { requireRedisUrl } from "../support/redis.ts";
import { asRawRecords, type SyntheticDatagram, syntheticSession } from "../support/synthetic-session.ts";
import { waitUntil } from "../support/wait.ts";

const UIDS = ["101", "202", "303", "404", "505", "606"];
const CARS = [{ speed: 50 }, { speed: 49 }];
const START_US = Date.now() * 1000;

function records(uid: string, stream: readonly SyntheticDatagram[]): BusRecord[] {
  return asRawRecords(uid, stream, START_US);
}

/** In batches Kafka takes (one write is one record batch, under max.message.bytes). */
async function produce(bus: ReturnType<typeof kafkaBus>, topic: string, all: readonly BusRecord[]): Promise<void> {
  for (let i = 0; i < all.length; i += 400) await bus.write(topic, all.slice(i, i + 400));
}

/** Each lap as an uninterrupted run publishes it. */
function reference(uid: string, stream: readonly SyntheticDatagram[]): Map<string, string> {
  const laps = new Map<string, string>();
  const p = new SessionPipeline({
    sessionUID: uid,
    metrics: DEFAULT_METRICS,
    reorderWindowMs: 50,
    carsRateHz: 20,
    onOutput: (m) => {
      if (m.type === "lap") laps.set(m.id, describe(m));
    },
  });
  for (const d of stream) p.push({ bytes: d.bytes, arrivalMs: START_US / 1000 + d.atMs });
  p.flush();
  return laps;
}

function describe(l: LapMessage): string {
  return `${l.timeMs} ${l.sectorsMs.join(",")} ${l.valid} pb=${l.personalBest} sb=${l.sessionBest}`;
}

test("a processor killed mid-session is taken over from its checkpoint; laps equal an uninterrupted run", {
  timeout: 240_000,
}, async (t) => {
  const brokers = requireKafkaBrokers();
  const redisUrl = requireRedisUrl();
  const prefix = `it-${randomUUID().slice(0, 8)}`;
  const bus = kafkaBus(brokers);
  await bus.connect();
  t.after(() => bus.close());
  await bus.ensureTopics([{ topic: `${prefix}.raw`, partitions: 2, retentionMs: 3_600_000 }]);

  const streams = new Map(
    UIDS.map((uid, n) => [uid, syntheticSession(CARS, { seconds: 130 + n * 5, sessionUID: uid, trackM: 2000 })]),
  );
  const expected = new Map<string, string>();
  for (const [uid, stream] of streams) for (const [id, lap] of reference(uid, stream)) expected.set(id, lap);

  const common = [
    ...["--kafka-brokers", brokers.join(","), "--topic-prefix", prefix, "--group-id", `g-${prefix}`],
    ...["--redis-url", redisUrl, "--state-key-prefix", prefix, "--checkpoint-interval-ms", "300"],
    ...["--topic-partitions", "2", "--kafka-session-timeout-ms", "6000"],
  ];
  const a = await startProcessorProcess([...common, "--processor-id", "a"]);
  t.after(() => a.kill());
  const b = await startProcessorProcess([...common, "--processor-id", "b"]);
  t.after(() => b.stop());

  const laps = new Map<string, string>();
  const monitors = new Map<string, MonitorMessage>();
  const reader = await bus.subscribe({
    groupId: `reader-${prefix}`,
    topics: [`${prefix}.laps`, `${prefix}.monitor`],
    fromBeginning: true,
    onRecords: (batch: readonly ConsumedRecord[]) => {
      for (const r of batch) {
        const m = JSON.parse(Buffer.from(r.value).toString()) as LapMessage | MonitorMessage;
        if (m.type === "lap") laps.set(m.id, describe(m));
        else monitors.set(m.processorId, m);
      }
    },
  });
  t.after(() => reader.stop());

  const cut = (stream: SyntheticDatagram[]) => Math.floor(stream.length * 0.55);
  for (const [uid, stream] of streams) await produce(bus, `${prefix}.raw`, records(uid, stream.slice(0, cut(stream))));
  await waitUntil(
    () => (monitors.get("a")?.sessions.length ?? 0) > 0 && (monitors.get("b")?.sessions.length ?? 0) > 0,
    60_000,
    () =>
      `both processors holding sessions (${JSON.stringify([...monitors.values()].map((m) => [m.processorId, m.sessions]))})`,
  );
  await waitUntil(() => laps.size > 0, 60_000, "the first laps");
  // Both partitions have a committed offset past the start: a takeover resumes mid-session, from a checkpoint.
  const admin = new kafkajs.Kafka({ brokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  t.after(() => admin.disconnect());
  const committed = async () => {
    const [topic] = await admin.fetchOffsets({ groupId: `g-${prefix}`, topics: [`${prefix}.raw`] });
    return topic?.partitions.map((p) => Number(p.offset)) ?? [];
  };
  await waitUntil(async () => (await committed()).filter((o) => o > 1000).length === 2, 30_000, "offsets committed");
  await a.kill();
  for (const [uid, stream] of streams) await produce(bus, `${prefix}.raw`, records(uid, stream.slice(cut(stream))));
  await waitUntil(
    () => laps.size >= expected.size,
    120_000,
    () => `${expected.size} laps (have ${laps.size})`,
  );
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual(new Map([...laps].sort()), new Map([...expected].sort()));
});
