import { createBus } from "../../bus/create-bus.ts";
import { MemoryBus } from "../../bus/memory-bus.ts";
import type { Bus } from "../../bus/types.ts";
import { BRIDGE_OPTIONS } from "../../config/bridge-config.ts";
import { type Config, parseOptions, renderHelp } from "../../config/options.ts";
import { Bridge } from "../../ingest/bridge.ts";
import { parseForwardTargets } from "../../ingest/forwarder.ts";
import { createSummary, describeSessions } from "../../ingest/summary.ts";
import { createLogger, type Logger } from "../../observability/log.ts";
import { registerMemoryBusMetrics } from "../../observability/memory-bus-metrics.ts";
import { startMetricsServer } from "../../observability/metrics-server.ts";
import type { Command, CommandContext } from "../command.ts";

export type BridgeConfig = Config<typeof BRIDGE_OPTIONS>;

/** More that runs on the bridge's bus in the same process (the demo's processor), with lines for the summary. */
export interface Attached {
  lines(): string[];
  stop(): Promise<void>;
}

/** Runs a bridge until SIGINT/SIGTERM; shared by `bridge` and `demo`. */
export async function runBridge(
  config: BridgeConfig,
  ctx: CommandContext,
  showSessions: boolean,
  attach?: (bus: Bus, log: Logger, udpPort: number) => Promise<Attached>,
): Promise<number> {
  const log = createLogger(config.logLevel);
  const acks = config.acks === "all" ? -1 : (Number(config.acks) as -1 | 0 | 1);
  const bus = createBus(
    config,
    { acks, idempotent: config.idempotent, requestTimeoutMs: config.requestTimeoutMs },
    log,
  );
  const bridge = new Bridge({ ...config, forwardTo: parseForwardTargets(config.forward) }, bus, log);
  if (bus instanceof MemoryBus) registerMemoryBusMetrics(bridge.metrics.registry, bus);
  // What started is stopped when a later step fails: an open UDP socket would keep the process from exiting.
  const port = await bridge.start().catch(async (error: unknown) => {
    await bus.close();
    throw error;
  });
  const metrics =
    config.metricsPort >= 0
      ? await startMetricsServer(bridge.metrics.registry, config.metricsHost, config.metricsPort).catch(
          async (error: unknown) => {
            await bridge.stop(0);
            await bus.close();
            throw error;
          },
        )
      : undefined;
  const attached = await attach?.(bus, log, port).catch(async (error: unknown) => {
    await bridge.stop(0);
    metrics?.server.close();
    await bus.close();
    throw error;
  });
  const where = bus.kind === "kafka" ? `Kafka ${config.kafkaBrokers.join(",")}` : "the in-process bus";
  ctx.out(`slipstream bridge: UDP ${config.udpHost}:${port} -> ${bridge.topicName} on ${where}`);
  if (metrics) ctx.out(`metrics: http://${config.metricsHost}:${metrics.port}/metrics`);
  ctx.out(`Point the game's UDP telemetry (Settings > Telemetry) at this machine, port ${port}.`);
  const summary = createSummary(bridge);
  const timer =
    config.summaryIntervalS > 0
      ? setInterval(async () => {
          ctx.out(await summary());
          if (showSessions) for (const line of describeSessions(bridge, Date.now())) ctx.out(line);
          for (const line of attached?.lines() ?? []) ctx.out(line);
        }, config.summaryIntervalS * 1000)
      : undefined;
  await ctx.untilSignal();
  clearInterval(timer);
  ctx.out("stopping: draining the send queue...");
  await bridge.stop(5000);
  await attached?.stop();
  ctx.out(await summary());
  metrics?.server.close();
  await bus.close();
  return 0;
}

export const bridgeCommand: Command = {
  name: "bridge",
  summary: "Receive F1 game UDP telemetry and produce every valid datagram to <prefix>.raw.",
  help: () =>
    renderHelp(
      "slipstream bridge [options]",
      "Listens for F1 game UDP telemetry (packetFormat 2018 to 2026), validates each datagram's header and size,\nand produces it unchanged to Kafka topic <prefix>.raw (or the in-process bus when no brokers are given).",
      BRIDGE_OPTIONS,
    ),
  run: async (argv, ctx) => runBridge(parseOptions(BRIDGE_OPTIONS, argv, ctx.env).config, ctx, false),
};
