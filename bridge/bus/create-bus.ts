import type { Logger } from "../observability/log.ts";
import { KafkaBus } from "./kafka-bus.ts";
import { MemoryBus } from "./memory-bus.ts";
import type { Acks, Bus } from "./types.ts";

export interface BusChoice {
  readonly kafkaBrokers: readonly string[];
  readonly kafkaClientId: string;
  readonly memoryRetentionBytes: number;
  readonly memoryRetentionMs: number;
  readonly memoryConsumedRetentionBytes?: number;
}

export interface KafkaProducerSettings {
  readonly acks: Acks;
  readonly idempotent: boolean;
  readonly requestTimeoutMs: number;
}

/** Kafka when brokers are configured, else the in-process bus. */
export function createBus(choice: BusChoice, producer: KafkaProducerSettings, logger: Logger): Bus {
  if (choice.kafkaBrokers.length === 0) {
    return new MemoryBus({
      retentionBytes: choice.memoryRetentionBytes,
      retentionMs: choice.memoryRetentionMs,
      consumedRetentionBytes: choice.memoryConsumedRetentionBytes,
    });
  }
  return new KafkaBus({ brokers: choice.kafkaBrokers, clientId: choice.kafkaClientId, logger, ...producer });
}
