// The latency a running processor adds beyond its reorder window. 20 F1 24 games at real 60 Hz pace: each frame's
// datagrams are written to `<prefix>.raw` when the frame is due, with the receive-time header stamped then (as the
// bridge stamps it at the UDP socket); a real `Processor` (in-memory state store) reads them, and a subscriber
// on the derived `cars` and `telemetry` topics takes, per message, its own receive time minus the message's
// receivedAtUs. The first seconds are warm-up (the JIT, and on Kafka the consumer groups' joins) and not counted.
// Reported: p50, p99 and max of that latency minus the 50 ms window, against the same with the window set to 0,
// measured in the same run. The window-0 run is the floor (bus hops, batching, processing, JSON, the processor's
// timers): the difference says what the window really costs beyond its nominal 50 ms (a held datagram goes when
// a later one of its session arrives past its deadline, or on the processor's 20 ms poll).
// On the in-process MemoryBus, then on Kafka (KAFKA_BROKERS, else a broker started for the run).
import { randomUUID } from "node:crypto";
import { MemoryBus } from "../bridge/bus/memory-bus.ts";
import type { Bus, BusRecord } from "../bridge/bus/types.ts";
import { derivedTopic } from "../bridge/protocol/derived.ts";
import { nowMicros, RAW_HEADERS, rawTopic } from "../bridge/protocol/raw-topic.ts";
import type { BenchResult } from "./measure.ts";
import { liveMix } from "./processing-mix.ts";
import { benchKafkaBus, benchProcessor, type KafkaForBench, kafkaForBench } from "./processor-kafka.ts";

const SESSIONS = 20;
const WARMUP_S = 2;
const MEASURE_S = 10;
const WINDOW_MS = 50;
const PARTITIONS = 6;
const FRAME_MS = 1000 / 60;

/** Latency in ms (three decimals) at quantile q of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  const v = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return Number(v.toFixed(3));
}

interface Latencies {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly messages: number;
  /** Frames sent more than one frame late by the pacing loop (the event loop was busy). */
  readonly lateFrames: number;
}

function stats(values: number[], lateFrames: number): Latencies {
  const sorted = values.sort((a, b) => a - b);
  return {
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: quantile(sorted, 1),
    messages: sorted.length,
    lateFrames,
  };
}

/** The mix cut into frames: each frame's records for every session, in the order the games send them. */
function framesOf(seconds: number): BusRecord[][] {
  const frames: BusRecord[][] = [];
  let current: BusRecord[] = [];
  let stamp: string | undefined;
  for (const r of liveMix(SESSIONS, seconds)) {
    const s = r.headers[RAW_HEADERS.receivedAtUs];
    if (s !== stamp && current.length > 0) {
      frames.push(current);
      current = [];
    }
    stamp = s;
    current.push({ key: r.key, value: r.value, headers: {}, timestampMs: 0 });
  }
  if (current.length > 0) frames.push(current);
  return frames;
}

const RECEIVED = /"receivedAtUs":(\d+)/;

/**
 * Where the bridge writes, where the processor reads and writes, where the subscriber reads: one MemoryBus, or
 * three Kafka clients (a shared one would queue the bridge's writes behind the processor's on one producer).
 */
interface Buses {
  readonly feed: Bus;
  readonly processor: Bus;
  readonly subscriber: Bus;
}

/**
 * As the bridge's produce loop does: a batch Kafka did not take is sent again (a fresh broker may refuse the
 * first ones while it settles); retries are counted as errors only when they run out.
 */
async function writeRetrying(bus: Bus, topic: string, records: readonly BusRecord[], errors: string[]) {
  for (let attempt = 1; ; attempt++) {
    try {
      await bus.write(topic, records);
      return;
    } catch (error) {
      if (attempt === 5) {
        const cause = (error as { cause?: unknown }).cause;
        errors.push(`raw write: ${String(error)}${cause ? ` (${String(cause)})` : ""}`);
        return;
      }
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

/** One processor with `windowMs`, fed the frames at 60 Hz; returns the measured latencies (ms) per message. */
async function measure(buses: Buses, frames: readonly BusRecord[][], windowMs: number): Promise<Latencies> {
  const prefix = `bench-lat-${randomUUID().slice(0, 8)}`;
  const errors: string[] = [];
  const processor = benchProcessor(buses.processor, prefix, `${prefix}-processor`, windowMs, errors);
  await processor.start();
  let measureFromUs = Number.POSITIVE_INFINITY;
  let received = 0;
  const latencies: number[] = [];
  const subscription = await buses.subscriber.subscribe({
    groupId: `${prefix}-subscriber`,
    topics: [derivedTopic(prefix, "cars"), derivedTopic(prefix, "telemetry")],
    fromBeginning: true,
    onRecords: (records) => {
      const nowUs = nowMicros();
      received += records.length;
      for (const r of records) {
        // The field, not a parse of the whole document: the subscriber should cost next to nothing.
        const match = RECEIVED.exec(Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength).toString());
        const at = Number(match?.[1]);
        if (at >= measureFromUs) latencies.push((nowUs - at) / 1000);
      }
    },
  });

  // Frames go out when due (a timer, then the next frame at once if it is late): never faster than 60 Hz. Frames
  // this loop reached over a frame late (the event loop was busy) are counted as lateFrames.
  const raw = rawTopic(prefix);
  let writes: Promise<void> = Promise.resolve();
  let lateFrames = 0;
  let index = 0;
  const start = performance.now();
  const startUs = nowMicros();
  let warm = false;
  let readyAt: number | undefined;
  let measureEndFrame = frames.length;
  while (index < measureEndFrame) {
    const due = start + index * FRAME_MS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else if (wait < -FRAME_MS) lateFrames += warm ? 1 : 0;
    // The frame's due time, not the time this loop got to it: a real bridge, in its own process, stamps each
    // datagram when it arrives, whatever this process is doing then. Stamping late would hide every stall of the
    // processor's event loop (which is this loop's too) from the measurement.
    const stampUs = startUs + Math.round(index * FRAME_MS * 1000);
    const records = (frames[index] as BusRecord[]).map((r) => ({
      ...r,
      headers: { [RAW_HEADERS.receivedAtUs]: String(stampUs) },
      timestampMs: Math.floor(stampUs / 1000),
    }));
    // In order, one write at a time, as the bridge's produce loop does.
    writes = writes.then(() => writeRetrying(buses.feed, raw, records, errors));
    index++;
    // Warm a second after the processor and the subscriber both see data (any backlog of a group's join is
    // gone by then) and the warm-up time has passed.
    if (readyAt === undefined && processor.counters.consumed > 0 && received > 0) readyAt = index;
    if (!warm && readyAt !== undefined && index >= Math.max(WARMUP_S * 60, readyAt + 60)) {
      warm = true;
      measureFromUs = stampUs;
      measureEndFrame = Math.min(frames.length, index + MEASURE_S * 60);
    }
  }
  await writes;
  // Stragglers: the window, then whatever is still on its way.
  await new Promise((r) => setTimeout(r, windowMs + 500));
  await subscription.stop();
  await processor.stop().catch(() => {});
  if (!warm) throw new Error(`the processor never got going (consumed ${processor.counters.consumed})`);
  // The processor's stop() commits after its consumer is gone: on Kafka that last commit fails, and is no
  // concern of this benchmark.
  const relevant = errors.filter((e) => !e.startsWith("checkpoint"));
  if (relevant.length > 0) throw new Error(`${relevant.length} errors, the first: ${relevant.slice(0, 3).join("; ")}`);
  return stats(latencies, lateFrames);
}

function result(bus: string, ours: Latencies, floor: Latencies): BenchResult {
  const beyond = (ms: number) => Number((ms - WINDOW_MS).toFixed(3));
  return {
    bench: `processor-latency-beyond-window-${bus}`,
    value: beyond(ours.p99),
    unit: "ms p99 (subscriber receive - bridge receive - 50 ms window)",
    baseline: "the same with reorder window 0, same run",
    baselineValue: floor.p99,
    // Both are latencies: the ratio is how many times the no-window latency the window run adds beyond its 50 ms
    // (1 = the window costs exactly what it says).
    ratio: Number((beyond(ours.p99) / Math.max(floor.p99, 0.001)).toFixed(2)),
    p50: beyond(ours.p50),
    max: beyond(ours.max),
    baselineP50: floor.p50,
    baselineMax: floor.max,
    windowMs: WINDOW_MS,
    messages: ours.messages,
    baselineMessages: floor.messages,
    lateFrames: ours.lateFrames + floor.lateFrames,
    games: SESSIONS,
    partitions: PARTITIONS,
  } as BenchResult;
}

/** On the MemoryBus, then on Kafka: `shared` (left running), else KAFKA_BROKERS or a broker of its own. */
export async function processorLatencyBenchmarks(
  options: { kafka?: boolean; shared?: KafkaForBench } = {},
): Promise<BenchResult[]> {
  // Warm-up and measured frames, plus a little for the Kafka groups to join.
  const frames = framesOf(WARMUP_S + MEASURE_S + 6);
  const results: BenchResult[] = [];
  {
    const memory = (bus: MemoryBus) => ({ feed: bus, processor: bus, subscriber: bus });
    const ours = await measure(memory(new MemoryBus()), frames, WINDOW_MS);
    const floor = await measure(memory(new MemoryBus()), frames, 0);
    results.push(result("memory", ours, floor));
  }
  if (options.kafka ?? true) {
    const kafka = options.shared ?? (await kafkaForBench());
    try {
      const run = async (windowMs: number) => {
        const buses = {
          feed: benchKafkaBus(kafka.brokers, "bench-latency-bridge"),
          processor: benchKafkaBus(kafka.brokers, "bench-latency-processor"),
          subscriber: benchKafkaBus(kafka.brokers, "bench-latency-subscriber"),
        };
        try {
          return await measure(buses, frames, windowMs);
        } finally {
          await Promise.all([buses.feed.close(), buses.processor.close(), buses.subscriber.close()]);
        }
      };
      const ours = await run(WINDOW_MS);
      const floor = await run(0);
      results.push(result("kafka", ours, floor));
    } finally {
      if (!options.shared) await kafka.stop();
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kafka = !process.argv.includes("--memory-only");
  for (const r of await processorLatencyBenchmarks({ kafka })) process.stdout.write(`${JSON.stringify(r)}\n`);
}
