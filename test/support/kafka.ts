// Integration tests run against a real broker: `npm test` starts one and sets KAFKA_BROKERS.

import { KafkaBus } from "../../bridge/bus/kafka-bus.ts";
import { MemoryBus } from "../../bridge/bus/memory-bus.ts";
import { createLogger } from "../../bridge/observability/log.ts";

/** The brokers to test against; fails loudly (never skips) when there are none. */
export function requireKafkaBrokers(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const brokers = (env.KAFKA_BROKERS ?? "").split(",").filter((b) => b.trim() !== "");
  if (brokers.length === 0) {
    throw new Error(
      "KAFKA_BROKERS is not set: run the integration tests through `npm test`, which starts a local broker",
    );
  }
  return brokers;
}

export function kafkaBus(brokers: readonly string[], clientId = "slipstream-test"): KafkaBus {
  return new KafkaBus({
    brokers,
    clientId,
    acks: -1,
    idempotent: true,
    requestTimeoutMs: 10_000,
    logger: createLogger("silent"),
  });
}

export { MemoryBus };
