// An in-process gateway on the MemoryBus and the in-memory store, and WebSocket clients that keep what they get.
import { once } from "node:events";
import { WebSocket } from "ws";
import { MemoryBus } from "../../../bridge/bus/memory-bus.ts";
import { Gateway, type GatewayOptions } from "../../../bridge/gateway/gateway.ts";
import { memoryLag } from "../../../bridge/gateway/lag.ts";
import { createLogger } from "../../../bridge/observability/log.ts";
import { type DerivedMessage, derivedTopic, TOPIC_OF_TYPE } from "../../../bridge/protocol/derived.ts";
import { WEB_SOCKET_PATH } from "../../../bridge/protocol/web.ts";
import { MemoryStateStore } from "../../../bridge/state/memory-store.ts";
import type { LiveStateStore } from "../../../bridge/state/types.ts";
import { waitUntil } from "../../support/wait.ts";

export const PREFIX = "gw";

export interface Harness {
  readonly gateway: Gateway;
  readonly bus: MemoryBus;
  readonly store: LiveStateStore;
  readonly url: string;
  publish(...messages: DerivedMessage[]): Promise<void>;
  /** Publishes raw bytes, as a record of `kind`'s topic. */
  publishRaw(topic: string, key: string, value: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(
  overrides: Partial<GatewayOptions> = {},
  store: LiveStateStore = new MemoryStateStore() as unknown as LiveStateStore,
): Promise<Harness> {
  const bus = new MemoryBus();
  const gateway = new Gateway({
    bus,
    store,
    topicPrefix: PREFIX,
    gatewayId: "test",
    host: "127.0.0.1",
    port: 0,
    rateCapsHz: { positions: 20, tower: 4, telemetry: 0, events: 0, traces: 0 },
    maxInboundBytes: 4096,
    maxConnectionsPerAddress: 0,
    allowedOrigins: [],
    heartbeatMs: 60_000,
    slowBufferBytes: 64 * 1024,
    slowTimeoutMs: 60_000,
    maxBufferedBytes: 64 * 1024 * 1024,
    maxQueuedEvents: 10_000,
    topicPartitions: 3,
    topicRetentionMs: 600_000,
    lag: () => memoryLag(bus),
    log: createLogger("silent"),
    directoryPollMs: 50,
    monitorIntervalMs: 100,
    ...overrides,
  });
  const port = await gateway.start();
  return {
    gateway,
    bus,
    store,
    url: `ws://127.0.0.1:${port}${WEB_SOCKET_PATH}`,
    publish: async (...messages) => {
      for (const m of messages) {
        const topic = derivedTopic(PREFIX, TOPIC_OF_TYPE[m.type]);
        const key = m.type === "monitor" ? m.processorId : m.sessionUID;
        await bus.write(topic, [{ key, value: Buffer.from(JSON.stringify(m)), headers: {}, timestampMs: Date.now() }]);
      }
    },
    publishRaw: (topic, key, value) =>
      bus.write(topic, [{ key, value: Buffer.from(value), headers: {}, timestampMs: Date.now() }]),
    stop: async () => {
      await gateway.stop();
      await bus.close();
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: test messages are read loosely
export type Received = any;

export interface TestClient {
  readonly ws: WebSocket;
  readonly messages: Received[];
  /** The exact text of each message, in order. */
  readonly texts: string[];
  send(message: unknown): void;
  /** Waits for the n-th (1-based) message of a type and returns it. */
  next(type: string, n?: number, timeoutMs?: number): Promise<Received>;
  ofType(type: string): Received[];
  close(): Promise<void>;
}

export async function connect(url: string, options: { origin?: string } = {}): Promise<TestClient> {
  const ws = new WebSocket(url, { origin: options.origin });
  const messages: Received[] = [];
  const texts: string[] = [];
  ws.on("message", (data) => {
    const text = data.toString();
    texts.push(text);
    messages.push(JSON.parse(text));
  });
  await once(ws, "open");
  const ofType = (type: string) => messages.filter((m) => m.type === type);
  return {
    ws,
    messages,
    texts,
    send: (m) => ws.send(typeof m === "string" ? m : JSON.stringify(m)),
    ofType,
    async next(type, n = 1, timeoutMs = 10_000) {
      await waitUntil(
        () => ofType(type).length >= n,
        timeoutMs,
        () => `${n} ${type} message(s), got ${JSON.stringify(messages.map((m) => m.type))}`,
      );
      return ofType(type)[n - 1];
    },
    async close() {
      if (ws.readyState === ws.CLOSED) return;
      ws.close();
      await once(ws, "close");
    },
  };
}
