// One process of the end-to-end latency benchmark's pipeline, built from the product's own parts and settings
// (each at its default unless named here): the UDP bridge, the processor, the gateway, or `bare` (a consumer of
// `<prefix>.raw` that takes its receive time minus each record's receive-time header: the baseline path without
// processing and gateway), or `derived` (a subscriber of the derived cars and telemetry topics, its receive time
// minus each message's receivedAtUs: the pipeline up to the gateway's input). On Kafka each role runs in its own process, as `slipstream bridge`, `processor` and
// `gateway` do (the processor and the gateway share the live state in Redis); on the in-process bus they share one
// process, as the demo does.
// argv[2]: JSON {roles, prefix, brokers, redisUrl?, reorderWindowMs}. IPC: -> {ev:"ready", udpPort?, httpPort?};
// {cmd:"window", fromUs, toUs}, {cmd:"report"} -> {ev:"report", raw: sparse histogram, ...}; {cmd:"exit"}.
import { createBus } from "../../bridge/bus/create-bus.ts";
import type { Bus } from "../../bridge/bus/types.ts";
import { BRIDGE_OPTIONS } from "../../bridge/config/bridge-config.ts";
import { GATEWAY_OPTIONS } from "../../bridge/config/gateway-config.ts";
import { parseOptions } from "../../bridge/config/options.ts";
import { PROCESSOR_OPTIONS } from "../../bridge/config/processing-config.ts";
import { startGateway } from "../../bridge/gateway/start-gateway.ts";
import { Bridge } from "../../bridge/ingest/bridge.ts";
import { createLogger } from "../../bridge/observability/log.ts";
import { startProcessor } from "../../bridge/processing/processor/run-processor.ts";
import { derivedTopic } from "../../bridge/protocol/derived.ts";
import { RAW_HEADERS, rawTopic } from "../../bridge/protocol/raw-topic.ts";
import { createStore } from "../../bridge/state/create-store.ts";
import { epochMicros, LatencyHistogram } from "./latency-histogram.ts";

export type Role = "bridge" | "processor" | "gateway" | "bare" | "derived";

export interface StackOptions {
  readonly roles: readonly Role[];
  readonly prefix: string;
  /** Empty: the in-process bus (every role in this process). */
  readonly brokers: readonly string[];
  readonly redisUrl?: string;
  readonly reorderWindowMs: number;
}

/** BENCH_WEB_<ROLE>_ARGS="--linger-ms 0 ...": a role's command-line settings other than its defaults (to diagnose). */
const argsFrom = (name: string): string[] => (process.env[name] ?? "").split(" ").filter(Boolean);
const options = JSON.parse(process.argv[2] ?? "{}") as StackOptions;
const log = createLogger("warn");
const stops: (() => Promise<void>)[] = [];
const busChoice = {
  kafkaBrokers: options.brokers,
  memoryRetentionBytes: Number(process.env.BENCH_WEB_RETENTION_MB ?? 64) * 1024 * 1024,
  memoryRetentionMs: 600_000,
};
// The demo's bus, made as `slipstream demo` makes it (its producer settings apply to Kafka only).
const memory =
  options.brokers.length === 0
    ? createBus({ ...busChoice, kafkaClientId: "bench" }, { acks: 1, idempotent: false, requestTimeoutMs: 10_000 }, log)
    : undefined;
/** Each role its own Kafka client, with the settings of its command. */
const busFor = (clientId: string, producer: Parameters<typeof createBus>[1]): Bus => {
  if (memory) return memory;
  const bus = createBus({ ...busChoice, kafkaClientId: clientId }, producer, log);
  stops.push(() => bus.close());
  return bus;
};
const store = createStore({ redisUrl: options.redisUrl, stateKeyPrefix: `${options.prefix}:` }, () => {});
await store.connect();
const ready: { ev: "ready"; udpPort?: number; httpPort?: number } = { ev: "ready" };
const raw = new LatencyHistogram();
const derived = new LatencyHistogram();
const RECEIVED = /"receivedAtUs":(\d+)/;
let windowFromUs = Number.POSITIVE_INFINITY;
let windowToUs = Number.NEGATIVE_INFINITY;
let windowCpu = process.cpuUsage();
let windowWall = performance.now();

// Consumers first, so nothing the bridge writes is missed.
if (options.roles.includes("bare")) {
  const bus = busFor("bench-bare", { acks: 1, idempotent: false, requestTimeoutMs: 10_000 });
  const subscription = await bus.subscribe({
    groupId: `${options.prefix}-bare`,
    topics: [rawTopic(options.prefix)],
    fromBeginning: true,
    onRecords: (records) => {
      const nowUs = epochMicros();
      for (const r of records) {
        const at = Number(r.headers[RAW_HEADERS.receivedAtUs]);
        if (at >= windowFromUs && at < windowToUs) raw.add(nowUs - at);
      }
    },
  });
  stops.unshift(() => subscription.stop());
}
if (options.roles.includes("derived")) {
  const bus = busFor("bench-derived", { acks: 1, idempotent: false, requestTimeoutMs: 10_000 });
  const subscription = await bus.subscribe({
    groupId: `${options.prefix}-derived`,
    topics: [derivedTopic(options.prefix, "cars"), derivedTopic(options.prefix, "telemetry")],
    fromBeginning: false,
    onRecords: (records) => {
      const nowUs = epochMicros();
      for (const r of records) {
        const bytes = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
        const at = Number(RECEIVED.exec(bytes.toString("latin1"))?.[1]);
        if (at >= windowFromUs && at < windowToUs) derived.add(nowUs - at);
      }
    },
  });
  stops.unshift(() => subscription.stop());
}
if (options.roles.includes("processor")) {
  const config = {
    ...parseOptions(PROCESSOR_OPTIONS, argsFrom("BENCH_WEB_PROCESSOR_ARGS"), {}).config,
    topicPrefix: options.prefix,
    groupId: `${options.prefix}-processors`,
    processorId: "bench",
    reorderWindowMs: options.reorderWindowMs,
  };
  const processor = await startProcessor(
    config,
    busFor("bench-processor", { acks: -1, idempotent: true, requestTimeoutMs: 10_000 }),
    store,
    log,
  );
  stops.unshift(() => processor.stop());
}
if (options.roles.includes("gateway")) {
  const config = {
    ...parseOptions(GATEWAY_OPTIONS, argsFrom("BENCH_WEB_GATEWAY_ARGS"), {}).config,
    kafkaBrokers: [...options.brokers],
    topicPrefix: options.prefix,
    // Its consumer group is named after it: the bench deletes the run's groups by the prefix.
    gatewayId: options.prefix,
    httpHost: "127.0.0.1",
    httpPort: 0,
    maxConnectionsPerAddress: 0,
    processorGroups: [`${options.prefix}-processors`],
  };
  const gateway = await startGateway(
    config,
    busFor("bench-gateway", { acks: 1, idempotent: false, requestTimeoutMs: 10_000 }),
    store,
    log,
  );
  ready.httpPort = gateway.port;
  stops.unshift(() => gateway.stop());
}
if (options.roles.includes("bridge")) {
  const config = {
    ...parseOptions(BRIDGE_OPTIONS, argsFrom("BENCH_WEB_BRIDGE_ARGS"), {}).config,
    udpHost: "127.0.0.1",
    udpPort: 0,
    topicPrefix: options.prefix,
    // The limit is per source address, and all 20 games come from 127.0.0.1 here (from 20 machines in real
    // life): the default 2,000/s would pass 28% of their 7,100 datagrams/s.
    ratePerSource: 0,
  };
  const acks = config.acks === "all" ? -1 : (Number(config.acks) as -1 | 0 | 1);
  const bridge = new Bridge(
    { ...config, forwardTo: [] },
    busFor("bench-bridge", { acks, idempotent: config.idempotent, requestTimeoutMs: config.requestTimeoutMs }),
    log,
  );
  ready.udpPort = await bridge.start();
  stops.unshift(() => bridge.stop(0));
}

process.on("message", async (message: { cmd: string; fromUs?: number; toUs?: number }) => {
  if (message.cmd === "window") {
    raw.reset();
    derived.reset();
    windowFromUs = message.fromUs as number;
    windowToUs = message.toUs as number;
    windowCpu = process.cpuUsage();
    windowWall = performance.now();
  } else if (message.cmd === "report") {
    const cpu = process.cpuUsage(windowCpu);
    process.send?.({
      ev: "report",
      raw: raw.toSparse(),
      derived: derived.toSparse(),
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - windowWall,
    });
  } else if (message.cmd === "exit") {
    for (const stop of stops) await stop().catch(() => {});
    await memory?.close();
    await store.close().catch(() => {});
    process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));
process.send?.(ready);
