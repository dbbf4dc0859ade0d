import { createBus } from "../../bus/create-bus.ts";
import { GATEWAY_OPTIONS } from "../../config/gateway-config.ts";
import { parseOptions, renderHelp } from "../../config/options.ts";
import { gatewayMetrics } from "../../gateway/gateway-metrics.ts";
import { startGateway } from "../../gateway/start-gateway.ts";
import { createLogger } from "../../observability/log.ts";
import { startMetricsServer } from "../../observability/metrics-server.ts";
import { createStore } from "../../state/create-store.ts";
import type { Command } from "../command.ts";

const DESCRIPTION = `Serves the web client and a WebSocket (/ws) that streams live sessions to browsers: reads the derived
topics (<prefix>.sessions, .cars, .telemetry, .laps, .events, .traces, .monitor) with a consumer group of its
own and the live state (Redis with REDIS_URL) for snapshots. Run several side by side: each shows the same.`;

export const gatewayCommand: Command = {
  name: "gateway",
  summary: "Serve the web client and stream live sessions to browsers over WebSocket.",
  help: () => renderHelp("slipstream gateway [options]", DESCRIPTION, GATEWAY_OPTIONS),
  run: async (argv, ctx) => {
    const { config } = parseOptions(GATEWAY_OPTIONS, argv, ctx.env);
    const log = createLogger(config.logLevel);
    const bus = createBus(config, { acks: 1, idempotent: false, requestTimeoutMs: 10_000 }, log);
    const store = createStore(config, (e) => log.warn({ err: e }, "state store connection"));
    await store.connect();
    const gateway = await startGateway(config, bus, store, log).catch(async (error: unknown) => {
      await store.close();
      await bus.close();
      throw error;
    });
    const metrics =
      config.metricsPort >= 0
        ? await startMetricsServer(gatewayMetrics(gateway), config.metricsHost, config.metricsPort)
        : undefined;
    const where = bus.kind === "kafka" ? `Kafka ${config.kafkaBrokers.join(",")}` : "the in-process bus";
    ctx.out(
      `slipstream gateway: http://${urlHost(config.httpHost)}:${gateway.port}/ (derived topics on ${where}, state in ${store.kind})`,
    );
    if (metrics) ctx.out(`metrics: http://${config.metricsHost}:${metrics.port}/metrics`);
    await ctx.untilSignal();
    await gateway.stop();
    metrics?.server.close();
    await store.close();
    await bus.close();
    return 0;
  },
};

/** The address to print: a wildcard one is not where a browser goes. */
export function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
