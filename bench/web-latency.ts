// End-to-end latency, UDP receive to a WebSocket client's onmessage: 20 F1 24 games at real 60 Hz pace (the
// processing bench's live mix: real datagrams, each game with its own sessionUID, its own UDP socket and its own
// phase in the frame, as independent consoles have) sent over UDP to a real bridge, a processor (reorder window
// 50 ms, adaptive hold: the defaults) and a gateway, and one WebSocket client per session (bench/web/clients.ts,
// in a separate process) subscribed to positions, tower and telemetry.
// Latency per message = the client's read time minus the message's `receivedAtUs` (the bridge's receive time of
// the newest datagram behind it); same machine, same clock. The pipeline is built by bench/web/stack.ts from the
// product's parts at their defaults: on Kafka the bridge, the processor and the gateway each in their own process
// (live state in a throwaway redis-server), on the in-process bus all three in one process (as the demo).
// Baseline, same run, same sender and bridge: the bare path, bridge -> bus -> a consumer of the raw topic (its
// receive time minus the receive-time header), with no processing, gateway or WebSocket.
// Reported per bus: p99 over every stamped message (p50, max and per channel in the JSON). On these clean
// streams the adaptive hold comes down to 0 after its 2 s of learning at the whole window; to measure the fixed
// hold, BENCH_WEB_PROCESSOR_ARGS="--reorder-hold fixed" (each datagram then waits the whole 50 ms). The first
// 15 s (the JIT, the consumer groups' joins, the clients' subscriptions, and the backlog they leave: a 4 s
// warm-up measured the catching up, p50 of seconds on Kafka) are not counted.

import { randomUUID } from "node:crypto";
import { createSocket, type Socket } from "node:dgram";
import kafkajs from "kafkajs";
import { BRIDGE_OPTIONS } from "../bridge/config/bridge-config.ts";
import { RAW_HEADERS, rawTopic } from "../bridge/protocol/raw-topic.ts";
import type { BenchResult } from "./measure.ts";
import { liveMix } from "./processing-mix.ts";
import { benchKafkaBus, type KafkaForBench, kafkaForBench } from "./processor-kafka.ts";
import { type Child, startChild } from "./web/child.ts";
import type { ClientsReport } from "./web/clients.ts";
import { epochMicros, LatencyHistogram, type LatencyStats } from "./web/latency-histogram.ts";
import type { Role, StackOptions } from "./web/stack.ts";

/** BENCH_WEB_GAMES=N overrides the number of games (to diagnose). */
const SESSIONS = Number(process.env.BENCH_WEB_GAMES ?? 20);
/** BENCH_WEB_WINDOW_MS=N overrides the reorder window (to see what the rest of the path adds). */
const WINDOW_MS = Number(process.env.BENCH_WEB_WINDOW_MS ?? 50);
const WARMUP_S = Number(process.env.BENCH_WEB_WARMUP_S ?? 15);
/** BENCH_WEB_MEASURE_S=N: a longer window catches more of the machine's rare stalls (to diagnose). */
const MEASURE_S = Number(process.env.BENCH_WEB_MEASURE_S ?? 10);
/** The most the mix lasts: warm-up (Kafka group joins can take several seconds), measurement, stragglers. */
const MIX_S = WARMUP_S + MEASURE_S + 20;
const FRAME_MS = 1000 / 60;
const IN_PHASE = process.env.BENCH_WEB_IN_PHASE === "1";
const CHANNELS = ["positions", "tower", "telemetry"];
/**
 * BENCH_WEB_PROBE=1: a subscriber of the derived topics beside the gateway (the pipeline's latency up to the
 * gateway's input, `derivedTopics`). Off by default: on Kafka it is one more consumer group fetching every car and
 * telemetry record, load the measured pipeline would not have.
 */
const PROBE: Role[] = process.env.BENCH_WEB_PROBE === "1" ? ["derived"] : [];
const FIRST_UID = 7000;

type Frames = readonly (readonly Buffer[])[];

/** One game's datagrams per 60 Hz frame; each game is this one with its own sessionUID written in. */
function gameFrames(seconds: number): Frames {
  const frames: Buffer[][] = [];
  let stamp: string | undefined;
  for (const r of liveMix(1, seconds)) {
    const s = r.headers[RAW_HEADERS.receivedAtUs];
    if (s !== stamp) frames.push([]);
    stamp = s;
    frames.at(-1)?.push(Buffer.from(r.value));
  }
  return frames;
}

/** 20 games over UDP, one socket each, frame by frame when due (late frames go at once and are counted). */
class Sender {
  private readonly sockets: Socket[] = [];
  private stopped = false;
  private done: Promise<void> = Promise.resolve();
  lateFrames = 0;
  sent = 0;
  errors = 0;

  constructor(
    private readonly frames: Frames,
    private readonly port: number,
  ) {}

  async start(): Promise<void> {
    for (let s = 0; s < SESSIONS; s++) {
      const socket = createSocket("udp4");
      socket.on("error", () => this.errors++);
      await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
      this.sockets.push(socket);
    }
    this.done = this.run();
  }

  private async run(): Promise<void> {
    const start = performance.now();
    // Games on their own clocks: each one's frames are offset by its share of the frame time, as independent
    // consoles would be (all in phase, every game's burst landed at once: BENCH_WEB_IN_PHASE=1).
    const offsetMs = IN_PHASE ? 0 : FRAME_MS / SESSIONS;
    for (let index = 0; index < this.frames.length && !this.stopped; index++) {
      for (let s = 0; s < SESSIONS; s++) {
        if (s === 0 || offsetMs > 0) {
          const wait = start + index * FRAME_MS + s * offsetMs - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          else if (s === 0 && wait < -FRAME_MS) this.lateFrames++;
        }
        const socket = this.sockets[s] as Socket;
        for (const datagram of this.frames[index] as Buffer[]) {
          const bytes = Buffer.from(datagram);
          bytes.writeBigUInt64LE(BigInt(FIRST_UID + s), 7);
          socket.send(bytes, this.port, "127.0.0.1", (error) => {
            if (error) this.errors++;
          });
          this.sent++;
        }
      }
    }
    if (!this.stopped) throw new Error(`the mix (${MIX_S} s) ran out before the measurement ended`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
    for (const socket of this.sockets) socket.close();
  }
}

interface Measured {
  readonly overall: LatencyStats;
  readonly kinds: Record<string, LatencyStats>;
  /** The derived cars and telemetry as a bus subscriber beside the gateway gets them (the gateway's input). */
  readonly derived?: LatencyStats;
  /** Cores used by each pipeline process over the window. */
  readonly serverCpu: readonly number[];
  readonly clientCpu?: number;
  readonly lateFrames: number;
  /** Datagrams the sender sent per second over the window (20 games: about 7,100). */
  readonly sentPerS: number;
  readonly errors: readonly string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One run: the full pipeline with clients (`full`) or the bare path; on Kafka (brokers) or the in-process bus. */
async function run(frames: Frames, path: "full" | "bare", brokers: readonly string[]): Promise<Measured> {
  const prefix = `bench-web-${randomUUID().slice(0, 8)}`;
  const kafka = brokers.length > 0;
  const redis = kafka && path === "full" ? await (await import("../scripts/redis/server.ts")).startRedisServer() : null;
  const stack = (roles: Role[]) =>
    startChild("stack.ts", [
      JSON.stringify({
        roles,
        prefix,
        brokers,
        redisUrl: redis?.url,
        reorderWindowMs: WINDOW_MS,
      } satisfies StackOptions),
    ]);
  const processes: Child[] = [];
  let clients: Child | undefined;
  let sender: Sender | undefined;
  try {
    const layout: Role[][] =
      path === "full"
        ? kafka
          ? [["processor"], ["gateway", ...PROBE], ["bridge"]]
          : [["processor", "gateway", ...PROBE, "bridge"]]
        : kafka
          ? [["bare"], ["bridge"]]
          : [["bare", "bridge"]];
    if (kafka) {
      // The raw topic exists before its consumers subscribe (the bridge sets it up in the background).
      const admin = benchKafkaBus(brokers, "bench-web-setup");
      try {
        await admin.ensureTopics([
          {
            topic: rawTopic(prefix),
            partitions: BRIDGE_OPTIONS.topicPartitions.default,
            retentionMs: BRIDGE_OPTIONS.topicRetentionMs.default,
          },
        ]);
      } finally {
        await admin.close();
      }
    }
    let udpPort = 0;
    let httpPort = 0;
    for (const roles of layout) {
      const child = stack(roles);
      processes.push(child);
      const ready = await child.next<{ udpPort?: number; httpPort?: number }>("ready", 90_000);
      udpPort = ready.udpPort ?? udpPort;
      httpPort = ready.httpPort ?? httpPort;
    }
    sender = new Sender(frames, udpPort);
    let connected: Promise<unknown> = Promise.resolve();
    if (path === "full") {
      clients = startChild("clients.ts", []);
      await clients.next("started", 60_000);
      // Subscribed as soon as the gateway lists each session (its directory follows the processor's state).
      clients.send({
        cmd: "connect",
        url: `ws://127.0.0.1:${httpPort}/ws`,
        count: SESSIONS,
        sessions: Array.from({ length: SESSIONS }, (_, s) => String(FIRST_UID + s)),
        channels: CHANNELS,
        timeoutMs: 30_000,
      });
      connected = clients.next<{ ready: number; requested: number }>("connected", 60_000).then((c) => {
        if (c.ready < c.requested) throw new Error(`only ${c.ready} of ${c.requested} clients subscribed`);
      });
    }
    const started = performance.now();
    await sender.start();
    await connected;
    await sleep(Math.max(0, WARMUP_S * 1000 - (performance.now() - started)));
    // Measured: messages whose datagrams the bridge received in the window.
    const fromUs = epochMicros() + 1000_000;
    const toUs = fromUs + MEASURE_S * 1_000_000;
    // The clients, and the process with the bare or derived subscriber.
    const stackMeasurer = processes[kafka && path === "full" ? 1 : 0] as Child;
    const measurers = clients ? [clients, stackMeasurer] : [stackMeasurer];
    for (const m of measurers) m.send({ cmd: "window", fromUs, toUs });
    const lateBefore = sender.lateFrames;
    await sleep((fromUs - epochMicros()) / 1000);
    const sentBefore = sender.sent;
    const cpuBefore = processes.map((p) => p.cpuMs());
    const wallBefore = performance.now();
    await sleep((toUs - epochMicros()) / 1000);
    const sentPerS = Math.round((sender.sent - sentBefore) / MEASURE_S);
    const wall = performance.now() - wallBefore;
    // Cores each pipeline process used over the window (from /proc: what the scheduler gave it).
    const serverCpu = processes.map((p, i) => Number(((p.cpuMs() - (cpuBefore[i] as number)) / wall).toFixed(3)));
    await sleep(WINDOW_MS + 1000);
    const lateFrames = sender.lateFrames - lateBefore;
    for (const m of measurers) m.send({ cmd: "report" });
    type Sparse = Parameters<typeof LatencyHistogram.fromSparse>[0];
    const stackReport = await stackMeasurer.next<{ raw: Sparse; derived: Sparse }>("report");
    if (clients) {
      const report = await clients.next<ClientsReport>("report");
      const kinds: Record<string, LatencyStats> = {};
      const overall = new LatencyHistogram();
      for (const kind of ["positions", "tower", "telemetry"] as const) {
        const h = LatencyHistogram.fromSparse(report.kinds[kind]);
        kinds[kind] = h.stats();
        overall.merge(h);
      }
      if (overall.count === 0) throw new Error(`no message reached the clients: ${report.errors.join("; ")}`);
      return {
        overall: overall.stats(),
        kinds,
        derived: LatencyHistogram.fromSparse(stackReport.derived).stats(),
        clientCpu: Number((report.cpuMs / report.wallMs).toFixed(3)),
        lateFrames,
        sentPerS,
        serverCpu,
        errors: report.errors,
      };
    }
    const h = LatencyHistogram.fromSparse(stackReport.raw);
    if (h.count === 0) throw new Error("no record reached the bare consumer");
    return { overall: h.stats(), kinds: {}, lateFrames, sentPerS, serverCpu, errors: [] };
  } finally {
    await sender?.stop().catch(() => {});
    await clients?.stop();
    for (const p of processes.reverse()) await p.stop(10_000);
    await redis?.stop();
    if (kafka) await deleteTopicsOf(brokers, prefix);
  }
}

/**
 * A run's topics and consumer groups go with it: a broker that keeps every earlier run's partitions (a thousand
 * after a day of runs) and groups is slower for the next, and the runs stop being comparable (Kafka p50 38 -> 83
 * ms measured with the partitions; p99 60-70 ms after a few dozen runs with their groups left, 26-40 ms on a
 * fresh broker, the leftovers' shares not isolated).
 */
async function deleteTopicsOf(brokers: readonly string[], prefix: string): Promise<void> {
  const admin = new kafkajs.Kafka({ brokers: [...brokers], logLevel: kafkajs.logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.includes(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups);
  } catch {
    // Best effort: a run's result does not depend on it.
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

function result(bus: "memory" | "kafka", full: Measured, bare: Measured, broker?: string): BenchResult {
  return {
    bench: `web-latency-e2e-${bus}`,
    value: full.overall.p99,
    unit: "ms p99, UDP receive (bridge) -> WebSocket client onmessage",
    baseline: "bare path: UDP -> the same bridge -> bus -> raw-topic consumer, same run",
    baselineValue: bare.overall.p99,
    ratio: Number((full.overall.p99 / Math.max(0.001, bare.overall.p99)).toFixed(2)),
    p50: full.overall.p50,
    max: full.overall.max,
    messages: full.overall.count,
    channels: full.kinds,
    // The same messages (cars, telemetry) at the gateway's input: a subscriber of the derived topics beside it.
    ...(PROBE.length > 0 ? { derivedTopics: full.derived } : {}),
    baselineP50: bare.overall.p50,
    baselineMax: bare.overall.max,
    baselineRecords: bare.overall.count,
    windowMs: WINDOW_MS,
    games: SESSIONS,
    clients: SESSIONS,
    clientCpu: full.clientCpu,
    // Cores per pipeline process (Kafka: processor, gateway, bridge; memory: all three in one).
    serverCpu: full.serverCpu,
    baselineServerCpu: bare.serverCpu,
    lateFrames: full.lateFrames + bare.lateFrames,
    sentPerS: full.sentPerS,
    baselineSentPerS: bare.sentPerS,
    ...(broker ? { broker } : {}),
    ...(full.errors.length > 0 ? { clientErrors: full.errors.slice(0, 3) } : {}),
  } as BenchResult;
}

/** On the in-process bus, then on Kafka: `shared` (left running), else KAFKA_BROKERS or a broker of its own. */
export async function webLatencyBenchmarks(
  options: { kafka?: boolean; memory?: boolean; shared?: KafkaForBench } = {},
): Promise<BenchResult[]> {
  const frames = gameFrames(MIX_S);
  const results: BenchResult[] = [];
  if (options.memory ?? true) {
    const full = await run(frames, "full", []);
    const bare = await run(frames, "bare", []);
    results.push(result("memory", full, bare));
  }
  if (options.kafka ?? true) {
    const kafka = options.shared ?? (await kafkaForBench());
    try {
      const full = await run(frames, "full", kafka.brokers);
      const bare = await run(frames, "bare", kafka.brokers);
      results.push(result("kafka", full, bare, kafka.source));
    } finally {
      if (!options.shared) await kafka.stop();
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kafka = !process.argv.includes("--memory-only");
  const memory = !process.argv.includes("--kafka-only");
  for (const r of await webLatencyBenchmarks({ kafka, memory })) process.stdout.write(`${JSON.stringify(r)}\n`);
}
