// The real processor on a real Kafka broker: 20 F1 24 games of 10 s at 60 Hz (the processing bench's live mix)
// written to a fresh `<prefix>.raw` topic, then consumed whole by a `Processor` (KafkaBus, in-memory state store,
// every derived output produced to Kafka, checkpoints and commits as configured), against the naive consumer
// in the same run: kafkajs eachMessage, one datagram at a time through the same per-session pipeline, each
// output sent with its own producer.send (measured over at most its first 30 s). Rate = records / (last one handled - first one received), so the
// consumer group's join is not counted for either. The broker: KAFKA_BROKERS, else one started here on free
// ports (a temporary data dir) and stopped after. For the one-core figure literally, pin this process to one core
// and the broker to the other (`taskset -acp 0 <broker pid>; taskset -c 1 npx tsx bench/processor-kafka.ts`):
// the wall rate is then what one core does, GC and JIT threads included.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { KafkaBus } from "../bridge/bus/kafka-bus.ts";
import type { Bus, BusRecord, SubscribeOptions, TopicRecords } from "../bridge/bus/types.ts";
import { PROCESSOR_OPTIONS } from "../bridge/config/processing-config.ts";
import { createLogger } from "../bridge/observability/log.ts";
import { SessionPipeline } from "../bridge/processing/engine/session-pipeline.ts";
import { DEFAULT_METRICS } from "../bridge/processing/metrics/index.ts";
import { Processor } from "../bridge/processing/processor/processor.ts";
import { type DerivedMessage, derivedTopic, TOPIC_OF_TYPE } from "../bridge/protocol/derived.ts";
import { RAW_HEADERS, rawTopic } from "../bridge/protocol/raw-topic.ts";
import { MemoryStateStore } from "../bridge/state/memory-store.ts";
import type { BenchResult } from "./measure.ts";
import { liveMix } from "./processing-mix.ts";

const SESSIONS = 20;
const SECONDS = 10;
/** The processor's defaults (topic partitions, reorder window, cars rate, checkpoints). */
const PARTITIONS = 6;
const REORDER_WINDOW_MS = 50;
const CARS_RATE_HZ = 20;
/** The naive consumer is measured over at most this long (its rate, not the whole topic). */
const NAIVE_MAX_MS = 30_000;
const GAME_PACKETS_PER_SECOND = 355;

export interface KafkaForBench {
  readonly brokers: string[];
  /** Where it came from, for the report. */
  readonly source: "KAFKA_BROKERS" | "started";
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/** KAFKA_BROKERS when set, else a broker of our own on free ports and a temporary data dir. */
export async function kafkaForBench(): Promise<KafkaForBench> {
  const set = (process.env.KAFKA_BROKERS ?? "").split(",").filter((b) => b.trim() !== "");
  if (set.length > 0) return { brokers: set, source: "KAFKA_BROKERS", stop: async () => {} };
  // Imported here: the broker module resolves jars, which a run against KAFKA_BROKERS never needs.
  const { startKafkaBroker } = await import("../scripts/kafka/broker.ts");
  const dataDir = await mkdtemp(join(tmpdir(), "slipstream-bench-kafka-"));
  const port = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  try {
    const broker = await startKafkaBroker({ port, controllerPort, dataDir });
    return {
      brokers: broker.brokers,
      source: "started",
      stop: async () => {
        await broker.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export function benchKafkaBus(brokers: readonly string[], clientId: string): KafkaBus {
  // The processor's defaults: acks=all, idempotent.
  return new KafkaBus({
    brokers,
    clientId,
    acks: -1,
    idempotent: true,
    requestTimeoutMs: 30_000,
    logger: createLogger("silent"),
  });
}

/** Writes records in batches under 1 MiB (one write is one request; each partition's batch is smaller still). */
export async function writeBatched(bus: Bus, topic: string, records: readonly BusRecord[]): Promise<void> {
  let batch: BusRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    const size = r.value.byteLength + 128;
    if (bytes + size > 900 * 1024 && batch.length > 0) {
      await bus.write(topic, batch);
      batch = [];
      bytes = 0;
    }
    batch.push(r);
    bytes += size;
  }
  if (batch.length > 0) await bus.write(topic, batch);
}

/**
 * The processor's bus, watched: when the first raw records arrived, and how many derived writes are still
 * under way (the last batch's outputs are part of its work).
 */
class WatchedBus implements Bus {
  readonly kind = "kafka" as const;
  firstRecordsAt: number | undefined;
  /** Process CPU time (µs) when the first records arrived. */
  cpuAtFirst = 0;
  inFlight = 0;
  written = 0;
  writeErrors = 0;
  constructor(private readonly inner: KafkaBus) {}
  connect = () => this.inner.connect();
  ensureTopics: Bus["ensureTopics"] = (specs) => this.inner.ensureTopics(specs);
  maxBatchBytes = (topic: string) => this.inner.maxBatchBytes(topic);
  close = () => this.inner.close();
  write(topic: string, records: readonly BusRecord[]): Promise<void> {
    return this.writeMany([{ topic, records }]);
  }
  async writeMany(batches: readonly TopicRecords[]): Promise<void> {
    this.inFlight++;
    try {
      await this.inner.writeMany(batches);
      for (const b of batches) this.written += b.records.length;
    } catch (error) {
      this.writeErrors++;
      throw error;
    } finally {
      this.inFlight--;
    }
  }
  subscribe(options: SubscribeOptions) {
    return this.inner.subscribe({
      ...options,
      onRecords: (records) => {
        if (this.firstRecordsAt === undefined) {
          this.firstRecordsAt = performance.now();
          this.cpuAtFirst = cpuMicros();
        }
        return options.onRecords(records);
      },
    });
  }
}

async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

interface Run {
  readonly records: number;
  readonly ms: number;
  /** CPU time of this process over those ms (every thread: the event loop, GC, libuv). */
  readonly cpuMs: number;
  readonly outputs: number;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** A real Processor reads the whole raw topic; done when every record is consumed and its outputs written. */
export async function runProcessor(
  brokers: readonly string[],
  prefix: string,
  total: number,
  round: number,
): Promise<Run> {
  const bus = new WatchedBus(benchKafkaBus(brokers, `bench-processor-${round}`));
  const errors: string[] = [];
  const processor = benchProcessor(bus, prefix, `${prefix}-processor-${round}`, REORDER_WINDOW_MS, errors);
  try {
    await processor.start();
    await until(() => processor.counters.consumed >= total, 120_000, "the processor");
    // Its work includes the outputs of the last records: every one acknowledged by the broker.
    await processor.drained();
    const end = performance.now();
    const cpuMs = (cpuMicros() - bus.cpuAtFirst) / 1000;
    if (errors.length > 0 || bus.writeErrors > 0) throw new Error(`processor errors: ${errors.join("; ")}`);
    return { records: processor.counters.consumed, ms: end - (bus.firstRecordsAt ?? end), cpuMs, outputs: bus.written };
  } finally {
    await processor.stop().catch(() => {});
    await bus.close();
  }
}

/**
 * What a first attempt looks like: kafkajs eachMessage, each datagram through its session's pipeline on its
 * own, each output awaited with its own producer.send (same acks and idempotence as the processor).
 */
export async function runNaive(brokers: readonly string[], prefix: string, total: number): Promise<Run> {
  const kafka = new Kafka({ clientId: "bench-naive", brokers: [...brokers], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: `${prefix}-naive`, allowAutoTopicCreation: false });
  const pipelines = new Map<string, SessionPipeline>();
  let outbox: DerivedMessage[] = [];
  let consumed = 0;
  let outputs = 0;
  let first: number | undefined;
  let cpuAtFirst = 0;
  let last = 0;
  let failure: unknown;
  await producer.connect();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: rawTopic(prefix), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (first === undefined) {
          first = performance.now();
          cpuAtFirst = cpuMicros();
        }
        if (last - first > NAIVE_MAX_MS) return;
        try {
          const key = message.key?.toString() ?? "unknown";
          let pipeline = pipelines.get(key);
          if (!pipeline) {
            pipeline = new SessionPipeline({
              sessionUID: key,
              metrics: DEFAULT_METRICS,
              reorderWindowMs: REORDER_WINDOW_MS,
              carsRateHz: CARS_RATE_HZ,
              onOutput: (m) => outbox.push(m),
            });
            pipelines.set(key, pipeline);
          }
          const receivedAtUs = Number(message.headers?.[RAW_HEADERS.receivedAtUs]?.toString());
          pipeline.push(
            { bytes: message.value ?? new Uint8Array(0), arrivalMs: receivedAtUs / 1000, receivedAtUs },
            Date.now(),
          );
          const out = outbox;
          outbox = [];
          for (const m of out) {
            await producer.send({
              topic: derivedTopic(prefix, TOPIC_OF_TYPE[m.type]),
              acks: -1,
              messages: [
                {
                  key: m.type === "monitor" ? m.processorId : m.sessionUID,
                  value: Buffer.from(JSON.stringify(m)),
                  headers: { "slipstream-type": m.type, "slipstream-v": String(m.v) },
                },
              ],
            });
            outputs++;
          }
          consumed++;
          last = performance.now();
        } catch (error) {
          failure ??= error;
        }
      },
    });
    await until(
      () => failure !== undefined || consumed >= total || (first !== undefined && last - first > NAIVE_MAX_MS),
      NAIVE_MAX_MS + 60_000,
      "the naive consumer",
    );
    const cpuMs = (cpuMicros() - cpuAtFirst) / 1000;
    if (failure !== undefined) throw failure;
    return { records: consumed, ms: last - (first ?? last), cpuMs, outputs };
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
}

/** On `shared` (left running), else on KAFKA_BROKERS or a broker of its own. */
export async function processorKafkaBenchmarks(shared?: KafkaForBench): Promise<BenchResult[]> {
  const kafka = shared ?? (await kafkaForBench());
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const admin = benchKafkaBus(kafka.brokers, "bench-setup");
  try {
    const records = liveMix(SESSIONS, SECONDS);
    await admin.ensureTopics([{ topic: rawTopic(prefix), partitions: PARTITIONS, retentionMs: 3_600_000 }]);
    await writeBatched(admin, rawTopic(prefix), records);
    const total = records.length;
    // A warm-up round first, reported but not measured (the JIT compiling the pipeline and the heap growing
    // took about 0.75 s of CPU of a 2 s round: a long-running processor pays it once), then processor, naive,
    // processor: the processor's two measured rounds straddle the naive one (machine noise).
    const warmUp = await runProcessor(kafka.brokers, prefix, total, 0);
    const ours = [await runProcessor(kafka.brokers, prefix, total, 1)];
    const naive = await runNaive(kafka.brokers, prefix, total);
    ours.push(await runProcessor(kafka.brokers, prefix, total, 2));
    const rates = ours.map((r) => (r.records * 1000) / r.ms);
    const value = mean(rates);
    const baselineValue = (naive.records * 1000) / naive.ms;
    const perCpuSecond = mean(ours.map((r) => (r.records * 1000) / r.cpuMs));
    return [
      {
        bench: "processor-kafka-60hz-mix",
        value: Math.round(value),
        unit: "packets/s",
        baseline: "kafkajs eachMessage, one datagram and one send per output at a time",
        baselineValue: Math.round(baselineValue),
        ratio: Number((value / baselineValue).toFixed(2)),
        // The lower of the wall rate and the rate per CPU-second (every thread of the process: GC, JIT): what one
        // processor did, on no more than one core.
        gamesPerCore: Math.floor(Math.min(value, perCpuSecond) / GAME_PACKETS_PER_SECOND),
        rounds: rates.map(Math.round),
        warmUpRound: {
          rate: Math.round((warmUp.records * 1000) / warmUp.ms),
          perCpuSecond: Math.round((warmUp.records * 1000) / warmUp.cpuMs),
        },
        // Records per second of this process's CPU time: what one core would do with nothing else on it.
        perCpuSecond: Math.round(perCpuSecond),
        baselinePerCpuSecond: Math.round((naive.records * 1000) / naive.cpuMs),
        records: total,
        outputs: ours[0]?.outputs,
        baselineRecords: naive.records,
        baselineOutputs: naive.outputs,
        broker: kafka.source,
      } as BenchResult,
    ];
  } finally {
    await admin.close();
    if (!shared) await kafka.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await processorKafkaBenchmarks()) process.stdout.write(`${JSON.stringify(r)}\n`);
}

/** A processor as the benchmarks run it: in-memory state, the product's defaults, errors collected. */
export function benchProcessor(
  bus: Bus,
  prefix: string,
  groupId: string,
  reorderWindowMs: number,
  errors: string[],
): Processor {
  return new Processor({
    bus,
    store: new MemoryStateStore(),
    topicPrefix: prefix,
    groupId,
    processorId: "bench",
    metrics: DEFAULT_METRICS,
    reorderWindowMs,
    carsRateHz: CARS_RATE_HZ,
    checkpointIntervalMs: PROCESSOR_OPTIONS.checkpointIntervalMs.default,
    topicPartitions: PARTITIONS,
    topicRetentionMs: 3_600_000,
    sessionTtlMs: 60_000,
    kafkaSessionTimeoutMs: 10_000,
    onError: (what, error) => errors.push(`${what}: ${String(error)}`),
  });
}
