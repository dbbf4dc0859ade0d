import { randomUUID } from "node:crypto";
import { busContract } from "../bridge/bus/bus-contract.ts";
import { kafkaBus, requireKafkaBrokers } from "../support/kafka.ts";

busContract("Kafka bus", async () => {
  const bus = kafkaBus(requireKafkaBrokers());
  return { bus, prefix: `it-${randomUUID().slice(0, 8)}`, cleanup: () => bus.close() };
});
