import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import { MemoryBus } from "../bus/memory-bus.ts";
import { startOnceTopicsKnown } from "../bus/topics-known.ts";
import type { Bus } from "../bus/types.ts";
import type { GATEWAY_OPTIONS } from "../config/gateway-config.ts";
import type { Config } from "../config/options.ts";
import type { Logger } from "../observability/log.ts";
import { derivedTopic } from "../protocol/derived.ts";
import { rawTopic } from "../protocol/raw-topic.ts";
import type { LiveStateStore } from "../state/types.ts";
import { Gateway } from "./gateway.ts";
import { kafkaLag, memoryLag } from "./lag.ts";

/** What `gateway` and `demo` both set; the demo's bus and store come from its own settings. */
export type GatewaySettings = Pick<
  Config<typeof GATEWAY_OPTIONS>,
  | "kafkaBrokers"
  | "topicPrefix"
  | "httpHost"
  | "httpPort"
  | "staticDir"
  | "positionsRateHz"
  | "towerRateHz"
  | "telemetryRateHz"
  | "maxInboundBytes"
  | "maxConnectionsPerAddress"
  | "allowedOrigins"
  | "monitorToken"
  | "heartbeatMs"
  | "slowBufferBytes"
  | "slowTimeoutMs"
  | "maxBufferedBytes"
  | "maxQueuedEvents"
  | "gatewayId"
  | "processorGroups"
  | "topicPartitions"
  | "topicRetentionMs"
>;

/** The repository's web client, as `npm run build -w web` writes it. */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL("../../web/dist", import.meta.url));

export async function startGateway(
  config: GatewaySettings,
  bus: Bus,
  store: LiveStateStore,
  log: Logger,
): Promise<Gateway> {
  const raw = rawTopic(config.topicPrefix);
  const derived = (["sessions", "cars", "telemetry", "laps", "events", "traces", "monitor"] as const).map((k) =>
    derivedTopic(config.topicPrefix, k),
  );
  const gateway = new Gateway({
    ...config,
    bus,
    store,
    log,
    gatewayId: config.gatewayId ?? `${hostname()}-${process.pid}`,
    host: config.httpHost,
    port: config.httpPort,
    staticDir: config.staticDir ?? DEFAULT_STATIC_DIR,
    rateCapsHz: {
      positions: config.positionsRateHz,
      tower: config.towerRateHz,
      telemetry: config.telemetryRateHz,
      events: 0,
      traces: 0,
    },
    lag: (ownGroup) =>
      bus instanceof MemoryBus
        ? memoryLag(bus)
        : kafkaLag({
            brokers: config.kafkaBrokers,
            groups: new Map<string, readonly string[]>([
              ...config.processorGroups.map((g) => [g, [raw]] as [string, string[]]),
              [ownGroup, derived],
            ]),
          }),
  });
  await startOnceTopicsKnown(() => gateway.start(), "gateway", log);
  return gateway;
}
