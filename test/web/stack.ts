// The demo's stack in this process, for the browser tests: the UDP bridge on a free port, the processor and the
// gateway (HTTP port 0, serving web/dist) on the in-process bus and the in-memory store, fed live at the game's
// pace by the simulator over UDP, as a game would send. One participant's name is rewritten to hostile HTML.
import { setTimeout as sleep } from "node:timers/promises";
import { MemoryBus } from "../../bridge/bus/memory-bus.ts";
import { BRIDGE_OPTIONS } from "../../bridge/config/bridge-config.ts";
import { GATEWAY_OPTIONS } from "../../bridge/config/gateway-config.ts";
import { parseOptions } from "../../bridge/config/options.ts";
import { PROCESSOR_OPTIONS } from "../../bridge/config/processing-config.ts";
import { decode, validateDatagram } from "../../bridge/f1/decode.ts";
import { encode } from "../../bridge/f1/encode.ts";
import type { Gateway } from "../../bridge/gateway/gateway.ts";
import { startGateway } from "../../bridge/gateway/start-gateway.ts";
import { Bridge } from "../../bridge/ingest/bridge.ts";
import { createLogger } from "../../bridge/observability/log.ts";
import type { Processor } from "../../bridge/processing/processor/processor.ts";
import { startProcessor } from "../../bridge/processing/processor/run-processor.ts";
import { MemoryStateStore } from "../../bridge/state/memory-store.ts";
import type { LiveStateStore } from "../../bridge/state/types.ts";
import { UdpSink } from "../../simulator/replay/sinks.ts";
import { Simulation, type SimulationOptions } from "../../simulator/simulate/simulation.ts";

export const HOSTILE_NAME = "<img src=x onerror=alert(1)>";
export const HOSTILE_CAR = 3;

export interface Stack {
  readonly url: string;
  readonly udpPort: number;
  readonly sessionUID: string;
  readonly cars: number;
  readonly store: LiveStateStore;
  readonly processor: Processor;
  readonly gateway: Gateway;
  /** Holds the feed (the session stands still, as in a game's pause menu) until resume(). */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** A Participants packet with car `carIndex` renamed: the name then arrives from the wire like any other. */
function renamed(bytes: Buffer, carIndex: number, name: string): { bytes: Buffer; kind?: string } {
  // validateDatagram reads the header only: the feed runs in the test's process, so it decodes as little as it can.
  const head = validateDatagram(bytes);
  if (!head.ok || head.info.name !== "participants") return { bytes, kind: head.ok ? head.info.name : undefined };
  const decoded = decode(bytes);
  if (!decoded.ok) return { bytes };
  const packet = structuredClone(decoded.packet);
  const car = (packet.data as { participants: { name: string }[] }).participants[carIndex];
  if (car) car.name = name;
  return { bytes: Buffer.from(encode(packet)), kind: "participants" };
}

export async function startStack(sim: Partial<SimulationOptions> = {}, skipS = 25): Promise<Stack> {
  const log = createLogger("silent");
  const bus = new MemoryBus();
  const store = new MemoryStateStore() as unknown as LiveStateStore;
  const bridgeConfig = parseOptions(BRIDGE_OPTIONS, ["--udp-host", "127.0.0.1", "--udp-port", "0"], {}).config;
  const bridge = new Bridge({ ...bridgeConfig, forwardTo: [] }, bus, log);
  const udpPort = await bridge.start();
  const processor = await startProcessor(parseOptions(PROCESSOR_OPTIONS, [], {}).config, bus, store, log);
  const gatewayConfig = parseOptions(GATEWAY_OPTIONS, ["--http-host", "127.0.0.1", "--http-port", "0"], {}).config;
  const gateway = await startGateway(gatewayConfig, bus, store, log);

  const options: SimulationOptions = {
    track: "monza",
    packetFormat: 2025,
    session: "race",
    cars: 22,
    laps: 5,
    seed: 7,
    rateHz: 20,
    ...sim,
  };
  const simulation = new Simulation(options);
  const sink = await UdpSink.open({ host: "127.0.0.1", port: udpPort });
  const stop = new AbortController();
  let paused: { promise: Promise<void>; resolve: () => void } | undefined;
  // Live at 1x from `skipS` into the race (the cars are moving by then). Of what comes before, only the latest
  // session and participants packets are sent, first, so the session is complete from the start.
  const feed = (async () => {
    const head = new Map<string, Buffer>();
    let t0 = 0;
    for (const d of simulation.datagrams()) {
      if (stop.signal.aborted) return;
      const { bytes, kind } = renamed(d.bytes, HOSTILE_CAR, HOSTILE_NAME);
      const dueMs = d.timeUs / 1000 - skipS * 1000;
      if (dueMs < 0) {
        if (kind === "session" || kind === "participants") head.set(kind, bytes);
        continue;
      }
      if (t0 === 0) {
        for (const h of head.values()) sink.send(h);
        t0 = performance.now();
      }
      if (paused) {
        const heldAt = performance.now();
        await paused.promise;
        t0 += performance.now() - heldAt;
      }
      const wait = dueMs - (performance.now() - t0);
      if (wait > 1) await sleep(wait);
      await sink.ready();
      sink.send(bytes);
    }
  })();
  return {
    url: `http://127.0.0.1:${gateway.port}/`,
    udpPort,
    sessionUID: simulation.sessionUID,
    cars: options.cars,
    store,
    processor,
    gateway,
    pause: () => {
      if (!paused) {
        let resolve = () => {};
        const promise = new Promise<void>((r) => {
          resolve = r;
        });
        paused = { promise, resolve };
      }
    },
    resume: () => {
      paused?.resolve();
      paused = undefined;
    },
    stop: async () => {
      stop.abort();
      paused?.resolve();
      await feed.catch(() => {});
      await sink.close().catch(() => {});
      await gateway.stop();
      await bridge.stop(0);
      await processor.stop();
      await bus.close();
    },
  };
}
