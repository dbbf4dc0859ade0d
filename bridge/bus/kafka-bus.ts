import kafkajs, {
  type Admin,
  type Consumer,
  type IHeaders,
  Kafka,
  type KafkaConfig,
  logLevel,
  type Message,
  Partitioners,
  type Producer,
} from "kafkajs";
import { SlipstreamError } from "../errors.ts";
// Faster produce encoding and fetch decoding inside kafkajs (same bytes, same records): see the file.
import "./kafkajs-speedups.ts";
import type { Logger } from "../observability/log.ts";
import type {
  Acks,
  Bus,
  BusRecord,
  ConsumedRecord,
  SubscribeOptions,
  Subscription,
  TopicRecords,
  TopicSpec,
} from "./types.ts";
import { classifyWriteError } from "./write-errors.ts";

export interface KafkaBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly acks: Acks;
  /** Idempotent producer: a retried batch is written once. Needs acks=-1. */
  readonly idempotent: boolean;
  readonly requestTimeoutMs: number;
  readonly logger: Logger;
}

/** Kafka through kafkajs. The producer's own retries are short: the bridge's send loop owns retrying. */
export class KafkaBus implements Bus {
  readonly kind = "kafka";
  private readonly kafka: Kafka;
  private producer: Producer;
  private admin: Admin | undefined;
  /** Each topic's max.message.bytes, as the broker reported it. */
  private readonly limits = new Map<string, number>();
  private readonly consumers = new Set<Consumer>();
  private readonly committers = new Set<BackgroundCommitter>();
  /** The producer's connection, made on first use and again after a failure. */
  private connecting: Promise<void> | undefined;

  constructor(private readonly options: KafkaBusOptions) {
    const log = options.logger.child({ component: "kafkajs" });
    const config: KafkaConfig = {
      clientId: options.clientId,
      brokers: [...options.brokers],
      requestTimeout: options.requestTimeoutMs,
      connectionTimeout: 3000,
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
      // kafkajs logs every failed connection attempt with a stack: while Kafka is down that is a flood.
      // The bridge reports outages itself (one warning per retry, with the cause), so kafkajs speaks at debug.
      logLevel: log.isLevelEnabled("debug") ? logLevel.WARN : logLevel.NOTHING,
      logCreator:
        () =>
        ({ log: entry }) => {
          const { message, ...rest } = entry;
          log.debug(rest, message);
        },
    };
    this.kafka = new Kafka(config);
    this.producer = this.newProducer();
  }

  private newProducer(): Producer {
    const idempotent = this.options.idempotent && this.options.acks === -1;
    return this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent,
      maxInFlightRequests: idempotent ? 1 : undefined,
      allowAutoTopicCreation: false,
    });
  }

  async connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw new SlipstreamError("bus-unavailable", `cannot reach Kafka at ${this.options.brokers.join(",")}`, {
        cause: error,
      });
    });
    await this.connecting;
  }

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    this.admin ??= this.kafka.admin();
    try {
      await this.admin.connect();
      const existing = new Set(await this.admin.listTopics());
      const missing = specs.filter((s) => !existing.has(s.topic));
      if (missing.length > 0) await this.createTopics(this.admin, missing);
    } catch (error) {
      throw new SlipstreamError("topic-setup-failed", `cannot create topics ${specs.map((s) => s.topic).join(", ")}`, {
        cause: error,
      });
    }
    await this.readLimits(specs.map((s) => s.topic));
  }

  /** The most bytes a record batch for `topic` may hold: its max.message.bytes, once read. */
  maxBatchBytes(topic: string): number | undefined {
    return this.limits.get(topic);
  }

  /** Reads max.message.bytes of each topic (the topic's setting, or the broker's message.max.bytes). */
  private async readLimits(topics: readonly string[]): Promise<void> {
    try {
      this.admin ??= this.kafka.admin();
      await this.admin.connect();
      const { resources } = await this.admin.describeConfigs({
        includeSynonyms: false,
        resources: topics.map((name) => ({
          // A property of the default export: Node's ESM loader does not see it as a named one.
          type: kafkajs.ConfigResourceTypes.TOPIC,
          name,
          configNames: ["max.message.bytes"],
        })),
      });
      for (const r of resources) {
        const limit = Number(r.configEntries.find((e) => e.configName === "max.message.bytes")?.configValue);
        if (limit > 0) this.limits.set(r.resourceName, limit);
      }
    } catch (error) {
      // Not fatal: batches stay within --batch-max-bytes, and a batch the broker refuses as too large is split.
      this.options.logger.debug({ err: error, topics }, "cannot read max.message.bytes");
    }
  }

  private async createTopics(admin: Admin, missing: readonly TopicSpec[]): Promise<void> {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({
        topic: s.topic,
        numPartitions: s.partitions,
        replicationFactor: -1,
        configEntries: [
          { name: "retention.ms", value: String(s.retentionMs) },
          { name: "cleanup.policy", value: "delete" },
        ],
      })),
    });
  }

  async write(topic: string, records: readonly BusRecord[]): Promise<void> {
    await this.send([{ topic, records }], `${records.length} records for ${topic}`);
  }

  /** One produce request for every topic (kafkajs sendBatch): one round trip instead of one per topic. */
  async writeMany(batches: readonly TopicRecords[]): Promise<void> {
    const count = batches.reduce((n, b) => n + b.records.length, 0);
    await this.send(batches, `${count} records for ${batches.map((b) => b.topic).join(", ")}`);
  }

  private async send(batches: readonly TopicRecords[], what: string): Promise<void> {
    await this.connect();
    try {
      await this.producer.sendBatch({
        acks: this.options.acks,
        topicMessages: batches.map(({ topic, records }) => ({ topic, messages: records.map(toMessage) })),
      });
    } catch (error) {
      const { reason } = classifyWriteError(error);
      // The limit may have changed since we read it.
      if (reason === "too-large") await this.readLimits(batches.map((b) => b.topic));
      if (reason === "producer-state") this.replaceProducer();
      throw new SlipstreamError("bus-write-failed", `Kafka did not take ${what}`, { cause: error });
    }
  }

  /** A fresh producer id: the broker forgot or refuses the old one's sequence numbers. */
  private replaceProducer(): void {
    const old = this.producer;
    this.producer = this.newProducer();
    this.connecting = undefined;
    old.disconnect().catch(() => {});
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout,
      heartbeatInterval: Math.min(3000, Math.floor(sessionTimeout / 3)),
      // Bigger fetches than kafkajs's 1 MiB per partition: a backlog is read in fewer, fuller round trips
      // (measured: reading alone 90k records/s at 1 MiB, 177k at 4 MiB).
      maxBytesPerPartition: FETCH_BYTES_PER_PARTITION,
      maxBytes: FETCH_BYTES,
    });
    this.consumers.add(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
    this.followAssignment(consumer, options);
    const committer = options.manualCommit ? undefined : new BackgroundCommitter(consumer);
    if (committer) this.committers.add(committer);
    await consumer.run({
      // kafkajs's autoCommit commits after every partition's batch, a round trip each before the next fetch (the
      // gateway, reading a dozen partitions, waited on them in line): offsets go in the background instead.
      autoCommit: false,
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        const { topic, partition } = batch;
        const records: ConsumedRecord[] = batch.messages.map((m) => ({
          topic,
          partition,
          offset: m.offset,
          key: m.key ? m.key.toString() : null,
          value: m.value ?? EMPTY,
          headers: stringHeaders(m.headers),
          timestampMs: Number(m.timestamp),
        }));
        await options.onRecords(records);
        // Handled: a batch whose handler threw is read again, as kafkajs's own resolving does.
        committer?.readTo(topic, partition, batch.lastOffset());
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        if (committer) this.committers.delete(committer);
        // An ephemeral group's last offsets would be deleted with it.
        await committer?.stop(!options.ephemeral);
        await consumer.disconnect();
        if (options.ephemeral) await this.deleteGroup(options.groupId);
      },
      commit: async (offsets) => {
        await consumer.commitOffsets(
          offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: o.offset })),
        );
      },
    };
  }

  /**
   * kafkajs reports each join's assignment as an event, not as revoke/assign callbacks: compare it with the
   * previous one. Listeners run synchronously at the join, before that generation fetches anything.
   */
  private followAssignment(consumer: Consumer, options: SubscribeOptions): void {
    if (!options.onAssigned && !options.onRevoked) return;
    let owned = new Set<string>();
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const now = new Set<string>();
      for (const [topic, partitions] of Object.entries(event.payload.memberAssignment)) {
        for (const p of partitions) now.add(`${p}@${topic}`);
      }
      const toTp = (k: string) => ({
        topic: k.slice(k.indexOf("@") + 1),
        partition: Number(k.slice(0, k.indexOf("@"))),
      });
      const revoked = [...owned].filter((k) => !now.has(k)).map(toTp);
      const assigned = [...now].filter((k) => !owned.has(k)).map(toTp);
      owned = now;
      // The caller handles its own failures (the processor retries a checkpoint it cannot read).
      if (revoked.length > 0) Promise.resolve(options.onRevoked?.(revoked)).catch(() => {});
      if (assigned.length > 0) Promise.resolve(options.onAssigned?.(assigned)).catch(() => {});
    });
  }

  /** Best effort: a group Kafka keeps anyway loses its offsets after the broker's offsets retention. */
  private async deleteGroup(groupId: string): Promise<void> {
    try {
      this.admin ??= this.kafka.admin();
      await this.admin.connect();
      await this.admin.deleteGroups([groupId]);
    } catch (error) {
      this.options.logger.debug({ err: error, groupId }, "could not delete an ephemeral consumer group");
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.committers].map((c) => c.stop()));
    await Promise.allSettled([...this.consumers].map((c) => c.disconnect()));
    await Promise.allSettled([this.producer.disconnect(), this.admin?.disconnect()]);
  }
}

/**
 * A group's position for members without manual commits, committed every AUTO_COMMIT_MS beside the fetching:
 * a restart or a new member re-reads at most that much. A failed commit (a rebalance) is retried at the next tick
 * with the newer offsets; a new assignment starts the map afresh, so no partition another member took is rewound.
 */
class BackgroundCommitter {
  private read = new Map<string, { topic: string; partition: number; offset: string }>();
  private readonly timer: NodeJS.Timeout;
  private committing: Promise<void> = Promise.resolve();
  private generation = 0;

  constructor(private readonly consumer: Consumer) {
    this.timer = setInterval(() => void this.commit(), AUTO_COMMIT_MS);
    this.timer.unref();
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.read = new Map();
      this.generation++;
    });
  }

  /** The batch up to `lastOffset` is handled: the group's next offset is the one after it. */
  readTo(topic: string, partition: number, lastOffset: string): void {
    this.read.set(`${partition}@${topic}`, { topic, partition, offset: (BigInt(lastOffset) + 1n).toString() });
  }

  private commit(): Promise<void> {
    this.committing = this.committing.then(async () => {
      if (this.read.size === 0) return;
      const offsets = [...this.read.values()];
      const generation = this.generation;
      this.read = new Map();
      await this.consumer.commitOffsets(offsets).catch(() => {
        if (generation !== this.generation) return;
        for (const o of offsets) {
          const key = `${o.partition}@${o.topic}`;
          if (!this.read.has(key)) this.read.set(key, o);
        }
      });
    });
    return this.committing;
  }

  /** The last offsets go before the member leaves (unless `commitLast` is false). */
  async stop(commitLast = true): Promise<void> {
    clearInterval(this.timer);
    if (commitLast) await this.commit();
    else await this.committing;
  }
}

const AUTO_COMMIT_MS = 1000;
const EMPTY = new Uint8Array(0);
const FETCH_BYTES_PER_PARTITION = 4 * 1024 * 1024;
const FETCH_BYTES = 16 * 1024 * 1024;

/** kafkajs gives header values as Buffers (or arrays of them, for a repeated key). */
function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const k in headers) {
    const v = headers[k];
    // buf.toString() directly: String(buf) goes through the primitive conversion, 2.4x slower per header.
    out[k] = Buffer.isBuffer(v) ? v.toString() : String(v ?? "");
  }
  return out;
}

function toMessage(r: BusRecord): Message {
  return {
    key: r.key,
    value: Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength),
    headers: r.headers,
    timestamp: String(r.timestampMs),
  };
}
