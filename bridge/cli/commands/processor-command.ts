import { createBus } from "../../bus/create-bus.ts";
import { parseOptions, renderHelp } from "../../config/options.ts";
import { PROCESSOR_OPTIONS } from "../../config/processing-config.ts";
import { createLogger } from "../../observability/log.ts";
import { timingTable } from "../../processing/console/timing-table.ts";
import { startProcessor } from "../../processing/processor/run-processor.ts";
import { createStore } from "../../state/create-store.ts";
import type { Command } from "../command.ts";

const DESCRIPTION = `Reads <prefix>.raw as a member of a consumer group and publishes live metrics to <prefix>.sessions,
.cars, .telemetry, .laps, .events and .monitor, and live state to Redis (REDIS_URL) or memory. Run several
with the same --group-id to share the partitions; one that dies is taken over from its checkpoint.`;

export const processorCommand: Command = {
  name: "processor",
  summary: "Turn the raw topic into live metrics: derived topics and live state.",
  help: () => renderHelp("slipstream processor [options]", DESCRIPTION, PROCESSOR_OPTIONS),
  run: async (argv, ctx) => {
    const { config } = parseOptions(PROCESSOR_OPTIONS, argv, ctx.env);
    const log = createLogger(config.logLevel);
    const bus = createBus(config, { acks: -1, idempotent: true, requestTimeoutMs: 10_000 }, log);
    const store = createStore(config, (e) => log.warn({ err: e }, "state store connection"));
    await store.connect();
    const processor = await startProcessor(config, bus, store, log);
    ctx.out(
      `slipstream processor: ${config.topicPrefix}.raw -> derived topics on ${bus.kind === "kafka" ? `Kafka ${config.kafkaBrokers.join(",")}` : "the in-process bus"}, state in ${store.kind}`,
    );
    const timer = setInterval(() => {
      const c = processor.counters;
      ctx.out(
        `processor: consumed ${c.consumed}, published ${c.published}, rejected ${c.rejected}, checkpoints ${c.checkpoints}, store errors ${c.storeErrors}, sessions ${processor.sessions().length}`,
      );
    }, 5000);
    timer.unref();
    await ctx.untilSignal();
    clearInterval(timer);
    await processor.stop();
    for (const { pipeline } of processor.sessions()) for (const line of timingTable(pipeline)) ctx.out(line);
    await store.close();
    await bus.close();
    return 0;
  },
};
