import { hostname } from "node:os";
import { startOnceTopicsKnown } from "../../bus/topics-known.ts";
import type { Bus } from "../../bus/types.ts";
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
    reorderHold: config.reorderHold,
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
