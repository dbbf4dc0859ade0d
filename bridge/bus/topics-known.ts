import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../observability/log.ts";
import { classifyWriteError } from "./write-errors.ts";

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
