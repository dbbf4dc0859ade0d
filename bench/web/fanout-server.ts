// The server side of the fan-out benchmark, a child process (pinned to one core by the parent): one session's
// 20 Hz feed of a real 22-car `cars` message, to every WebSocket client.
//   gateway: the real gateway (startGateway: the in-process bus feeding its fan-out, its Client flow control, the
//            product's rate caps: positions 20 Hz, tower 4 Hz). The feed writes the cars message to `<prefix>.cars`
//            on the bus, as a processor does; clients subscribe to positions and tower.
//   bare:    a plain `ws` server: each tick, the same positions payload (and every 5th tick the cars payload, the
//            tower's 4 Hz) sent to every client with `ws.send`.
// Each message carries `receivedAtUs` = the tick's due time (µs since epoch): a tick the event loop reaches late is
// late for every client, and counted. IPC: {ev:"ready", port}; {cmd:"stats"} -> {ev:"stats", ...}; {cmd:"exit"}.
import { type WebSocket, WebSocketServer } from "ws";
import { MemoryBus } from "../../bridge/bus/memory-bus.ts";
import { GATEWAY_OPTIONS } from "../../bridge/config/gateway-config.ts";
import { parseOptions } from "../../bridge/config/options.ts";
import { startGateway } from "../../bridge/gateway/start-gateway.ts";
import { createLogger } from "../../bridge/observability/log.ts";
import { type CarsMessage, derivedTopic } from "../../bridge/protocol/derived.ts";
import { MemoryStateStore } from "../../bridge/state/memory-store.ts";
import { FEED_HZ, feed, positionsOf, realCarsMessage, SESSION_UID, TOWER_EVERY } from "./feed.ts";
import { epochMicros } from "./latency-histogram.ts";

const mode = process.argv[2];
const base = realCarsMessage();
const stamped = (index: number, dueUs: number): CarsMessage => ({
  ...base,
  sessionTimeMs: base.sessionTimeMs + index * (1000 / FEED_HZ),
  receivedAtUs: Math.round(dueUs),
});

let stats: () => Record<string, unknown>;
let stop: () => Promise<void>;
let port: number;

if (mode === "gateway") {
  const prefix = "bench-fanout";
  const bus = new MemoryBus();
  const store = new MemoryStateStore();
  const log = createLogger("silent");
  const settings = {
    ...parseOptions(GATEWAY_OPTIONS, [], {}).config,
    kafkaBrokers: [],
    topicPrefix: prefix,
    httpHost: "127.0.0.1",
    httpPort: 0,
    maxConnectionsPerAddress: 0,
  };
  // The session is live in the store, as the processor leaves it: the directory entry and a snapshot.
  const now = Date.now();
  await store.heartbeatSession({ sessionUID: SESSION_UID, info: { track: "bench" }, updatedAtMs: now }, 600_000);
  await store.writeSnapshot(SESSION_UID, { cars: stamped(0, epochMicros()), events: [], laps: [] }, 600_000);
  const gateway = await startGateway(settings, bus, store, log);
  port = gateway.port;
  const topic = derivedTopic(prefix, "cars");
  let writes: Promise<void> = Promise.resolve();
  const ticker = feed((index, dueUs) => {
    const value = Buffer.from(JSON.stringify(stamped(index, dueUs)));
    const record = { key: SESSION_UID, value, headers: {}, timestampMs: Math.floor(dueUs / 1000) };
    writes = writes.then(() => bus.write(topic, [record]));
  });
  const heartbeat = setInterval(
    () =>
      void store.heartbeatSession(
        { sessionUID: SESSION_UID, info: { track: "bench" }, updatedAtMs: Date.now() },
        600_000,
      ),
    1000,
  );
  stats = () => ({ ...gateway.delivery, clients: gateway.clients.size, lateTicks: ticker.late() });
  stop = async () => {
    ticker.stop();
    clearInterval(heartbeat);
    await gateway.stop();
    await bus.close();
  };
} else if (mode === "bare") {
  const clients = new Set<WebSocket>();
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, path: "/ws" });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  wss.on("connection", (ws) => {
    clients.add(ws);
    ws.on("close", () => clients.delete(ws));
    ws.on("error", () => {});
  });
  port = (wss.address() as { port: number }).port;
  let sent = 0;
  const ticker = feed((index, dueUs) => {
    const cars = stamped(index, dueUs);
    const positions = Buffer.from(JSON.stringify(positionsOf(cars)));
    const tower = index % TOWER_EVERY === 0 ? Buffer.from(JSON.stringify(cars)) : undefined;
    for (const ws of clients) {
      ws.send(positions, { binary: false });
      if (tower) ws.send(tower, { binary: false });
      sent += tower ? 2 : 1;
    }
  });
  stats = () => ({ sent, clients: clients.size, lateTicks: ticker.late() });
  stop = async () => {
    ticker.stop();
    for (const ws of clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
} else {
  throw new Error(`fanout-server: mode gateway or bare, not ${mode}`);
}

process.on("message", async (message: { cmd: string }) => {
  if (message.cmd === "stats") {
    const cpu = process.cpuUsage();
    process.send?.({ ev: "stats", ...stats(), cpuMs: (cpu.user + cpu.system) / 1000 });
  } else if (message.cmd === "exit") {
    await stop().catch(() => {});
    process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));
process.send?.({ ev: "ready", port });
