import kafkajs, { type Admin } from "kafkajs";
import type { MemoryBus } from "../bus/memory-bus.ts";
import { classifyWriteError } from "../bus/write-errors.ts";

export interface LagEntry {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

/** Consumer lag for the pipeline monitor. */
export interface LagSource {
  lag(): Promise<LagEntry[]>;
  /** Lets go of its connection (the gateway's own group goes with its subscription: SubscribeOptions.ephemeral). */
  close(): Promise<void>;
}

export interface KafkaLagOptions {
  readonly brokers: readonly string[];
  /** Group -> the topics it reads. */
  readonly groups: ReadonlyMap<string, readonly string[]>;
}

/** Kafka: committed offsets of each group against the partitions' high watermarks (kafkajs admin). */
export function kafkaLag(options: KafkaLagOptions): LagSource {
  let admin: Admin | undefined;
  const connect = async () => {
    if (!admin) {
      const a = new kafkajs.Kafka({
        brokers: [...options.brokers],
        clientId: "slipstream-gateway-monitor",
        logLevel: kafkajs.logLevel.NOTHING,
      }).admin();
      await a.connect();
      admin = a;
    }
    return admin;
  };
  return {
    async lag() {
      const a = await connect();
      const topics = new Set([...options.groups.values()].flat());
      const highs = new Map<string, number>();
      const existing = new Set<string>();
      for (const topic of topics) {
        // A topic not made yet (no traces before the first lap, a processor group before its first start) leaves
        // out its own rows, not the whole answer.
        const offsets = await a.fetchTopicOffsets(topic).catch((error: unknown) => {
          if (classifyWriteError(error).reason === "unknown-topic") return undefined;
          throw error;
        });
        if (!offsets) continue;
        existing.add(topic);
        for (const p of offsets) highs.set(`${topic}/${p.partition}`, Number(p.high));
      }
      const out: LagEntry[] = [];
      for (const [group, groupTopics] of options.groups) {
        const known = groupTopics.filter((t) => existing.has(t));
        if (known.length === 0) continue;
        for (const t of await a.fetchOffsets({ groupId: group, topics: known })) {
          for (const p of t.partitions) {
            const committed = Number(p.offset);
            const high = highs.get(`${t.topic}/${p.partition}`);
            // -1: nothing committed yet (the group has not read this partition).
            if (committed < 0 || high === undefined) continue;
            out.push({ group, topic: t.topic, partition: p.partition, lag: Math.max(0, high - committed) });
          }
        }
      }
      return out;
    },
    async close() {
      await admin?.disconnect().catch(() => {});
    },
  };
}

/** The in-process bus: every group's position against each partition's end. */
export function memoryLag(bus: MemoryBus): LagSource {
  return { lag: async () => bus.lag(), close: async () => {} };
}
