import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { Bus } from "../../bus/types.ts";
import { classifyWriteError } from "../../bus/write-errors.ts";
import type { Config } from "../../config/options.ts";
import type { PROCESSOR_OPTIONS } from "../../config/processing-config.ts";
import type { Logger } from "../../observability/log.ts";
import { rawTopic } from "../../protocol/raw-topic.ts";
import type { LiveStateStore } from "../../state/types.ts";
import { defaultMetrics } from "../metrics/index.ts";
import { Processor } from "./processor.ts";

export type ProcessorConfig = Config<typeof PROCESSOR_OPTIONS>;

/** Builds and starts a processor from its settings; shared by `slipstream processor` and the demo. */
export async function startProcessor(
  config: ProcessorConfig,
  bus: Bus,
  store: LiveStateStore,
  log: Logger,
): Promise<Processor> {
  const processor = new Processor({
    bus,
    store,
    topicPrefix: config.topicPrefix,
    groupId: config.groupId,
    processorId: config.processorId ?? `${hostname()}-${process.pid}`,
    metrics: defaultMetrics({ traceStepM: config.traceStepM }),
    reorderWindowMs: config.reorderWindowMs,
    carsRateHz: config.carsRateHz,
    checkpointIntervalMs: config.checkpointIntervalMs,
    // The raw topic is created with these when missing, as the bridge would (same settings, same variables).
    topicPartitions: config.topicPartitions,
    topicRetentionMs: config.topicRetentionMs,
    sessionTtlMs: config.sessionTtlS * 1000,
    kafkaSessionTimeoutMs: config.kafkaSessionTimeoutMs,
    onError: (what, error) => log.warn({ err: error }, `processor: ${what} failed`),
  });
  await startOnceTopicsKnown(() => processor.start(), `processor (${rawTopic(config.topicPrefix)})`, log);
  return processor;
}

/**
 * Starts a processor or gateway, whose `start` creates its topics, then subscribes. Kafka may still answer
 * UNKNOWN_TOPIC_OR_PARTITION for a topic created a moment ago, by us or by a bridge starting beside us (the
 * controller has it, a broker's metadata not yet): that passes, so wait and start again. Safe because both
 * `start`s set nothing up until they have subscribed (kafkajs fails a subscription before joining the group).
 * Any other failure is final.
 */
export async function startOnceTopicsKnown<T>(start: () => Promise<T>, who: string, log: Logger): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const started = await start();
      if (attempt > 0) log.info(`${who}: topics known to Kafka, started`);
      return started;
    } catch (error) {
      if (classifyWriteError(error).reason !== "unknown-topic") throw error;
      if (attempt % 10 === 0) log.warn({ err: error }, `${who}: Kafka does not know the topics yet; waiting`);
      await sleep(Math.min(2000, 100 * 2 ** attempt));
    }
  }
}
