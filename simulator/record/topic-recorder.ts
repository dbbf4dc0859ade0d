import { randomUUID } from "node:crypto";
import { type Admin, type Consumer, Kafka, logLevel } from "kafkajs";
import { SlipstreamError } from "../../bridge/errors.ts";
import { RAW_HEADERS } from "../../bridge/protocol/raw-topic.ts";
import type { CaptureWriter } from "../capture/writer.ts";
import { RecordStats } from "./record-stats.ts";

/** Which part of the topic: offsets (the same for every partition) and/or receive times; unset ends are open. */
export interface TopicRange {
  /** First offset taken, in every partition. */
  readonly fromOffset?: bigint;
  /** First offset not taken (exclusive), in every partition. */
  readonly toOffset?: bigint;
  /** Records at or after this time (ms since the epoch, Kafka's record timestamp). */
  readonly fromTimeMs?: number;
  /** Records before this time. */
  readonly toTimeMs?: number;
}

export interface TopicRecorderOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly topic: string;
  readonly range: TopicRange;
  /** The capture; its start time is set from the first record. */
  readonly writer: CaptureWriter;
  readonly signal?: AbortSignal;
}

interface Pending {
  readonly timeUs: number;
  readonly offset: bigint;
  readonly bytes: Buffer;
  readonly source: string | undefined;
}

interface PartitionState {
  readonly partition: number;
  readonly start: bigint;
  /** Exclusive. */
  readonly end: bigint;
  /** Next offset expected (records below it are a stale fetch from before the seek). */
  next: bigint;
  queue: Pending[];
  head: number;
  paused: boolean;
}

/** Records buffered per partition before that partition is paused: memory stays bounded. */
const PAUSE_AT = 5000;
const RESUME_AT = 1000;

/**
 * Copies a range of the raw topic into a capture, in receive order: the bridge keys records by session, so one
 * session is in order within its partition, and a k-way merge on the receive-time header over the partitions
 * gives back the order in which the bridge received them all. The range's end is fixed when recording starts
 * (the high watermark, or the given end), so a live topic does not make it run forever. Times: the
 * `slipstream-received-at-us` header (the record timestamp where it is missing), relative to the first record.
 */
export class TopicRecorder {
  readonly stats = new RecordStats();
  /** Records whose time was before the previous one's (two bridges' clocks): written at the previous time. */
  clamped = 0;
  /** Offsets to read in all, and read so far: progress. */
  total = 0n;
  read = 0n;
  private startUs: number | undefined;
  private lastUs = 0;

  constructor(private readonly options: TopicRecorderOptions) {}

  /** Resolves when the range is in the capture (or the signal stopped it); the writer is the caller's to close. */
  async run(): Promise<void> {
    const { topic, signal } = this.options;
    const kafka = new Kafka({
      clientId: this.options.clientId,
      brokers: [...this.options.brokers],
      connectionTimeout: 3000,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
    } catch (error) {
      throw new SlipstreamError("bus-unavailable", `cannot reach Kafka at ${this.options.brokers.join(",")}`, {
        cause: error,
      });
    }
    const groupId = `slipstream-record-${randomUUID()}`;
    let consumer: Consumer | undefined;
    try {
      const partitions = await this.plan(admin);
      this.total = partitions.reduce((sum, p) => sum + (p.end - p.start), 0n);
      const active = partitions.filter((p) => p.end > p.start);
      if (active.length === 0 || signal?.aborted) return;
      consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxBytesPerPartition: 256 * 1024 });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await this.consume(consumer, active);
    } finally {
      await consumer?.disconnect().catch(() => {});
      await admin.deleteGroups([groupId]).catch(() => {});
      await admin.disconnect().catch(() => {});
    }
  }

  private async plan(admin: Admin): Promise<PartitionState[]> {
    const { topic, range } = this.options;
    let watermarks: { partition: number; low: string; high: string }[];
    try {
      watermarks = await admin.fetchTopicOffsets(topic);
    } catch (error) {
      throw new SlipstreamError("bus-unavailable", `cannot read the offsets of topic ${topic} (does it exist?)`, {
        cause: error,
      });
    }
    const byTime = async (ms: number | undefined) =>
      ms === undefined
        ? undefined
        : new Map((await admin.fetchTopicOffsetsByTimestamp(topic, ms)).map((o) => [o.partition, BigInt(o.offset)]));
    const fromTimes = await byTime(range.fromTimeMs);
    const toTimes = await byTime(range.toTimeMs);
    return watermarks.map((w) => {
      const low = BigInt(w.low);
      const high = BigInt(w.high);
      const candidatesStart = [low, range.fromOffset ?? low, fromTimes?.get(w.partition) ?? low];
      const candidatesEnd = [high, range.toOffset ?? high, toTimes?.get(w.partition) ?? high];
      const start = candidatesStart.reduce((a, b) => (b > a ? b : a));
      const end = candidatesEnd.reduce((a, b) => (b < a ? b : a));
      return { partition: w.partition, start, end, next: start, queue: [], head: 0, paused: false };
    });
  }

  private consume(consumer: Consumer, active: PartitionState[]): Promise<void> {
    const { topic, signal } = this.options;
    const byPartition = new Map(active.map((p) => [p.partition, p]));
    const open = new Set(active);
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onAbort = () => finish();
      signal?.addEventListener("abort", onAbort);
      // Emits the earliest head while every partition still being read has one (or is done).
      const merge = () => {
        for (;;) {
          let best: PartitionState | undefined;
          for (const p of active) {
            const head = p.queue[p.head];
            if (head === undefined) {
              if (open.has(p)) return; // must wait for this partition's next record
              continue;
            }
            const bestHead = best?.queue[best.head];
            if (!bestHead || head.timeUs < bestHead.timeUs) best = p;
          }
          if (!best) return finish();
          const item = best.queue[best.head] as Pending;
          best.queue[best.head] = undefined as unknown as Pending;
          best.head++;
          if (best.head === best.queue.length) {
            best.queue = [];
            best.head = 0;
          }
          this.write(item);
          if (best.paused && best.queue.length - best.head <= RESUME_AT) {
            best.paused = false;
            consumer.resume([{ topic, partitions: [best.partition] }]);
          }
        }
      };
      consumer
        .run({
          autoCommit: false,
          eachBatchAutoResolve: true,
          eachBatch: async ({ batch }) => {
            if (settled) return;
            const p = byPartition.get(batch.partition);
            if (!p || !open.has(p)) return;
            for (const m of batch.messages) {
              const offset = BigInt(m.offset);
              if (offset < p.next) continue; // fetched before the seek took effect
              if (offset >= p.end) break;
              p.next = offset + 1n;
              this.read++;
              const header = (name: string) => {
                const v = m.headers?.[name];
                return v === undefined ? undefined : String(Array.isArray(v) ? v[0] : v);
              };
              const received = Number(header(RAW_HEADERS.receivedAtUs));
              const timeUs = Number.isSafeInteger(received) && received > 0 ? received : Number(m.timestamp) * 1000;
              p.queue.push({ timeUs, offset, bytes: m.value ?? Buffer.alloc(0), source: header(RAW_HEADERS.source) });
            }
            if (p.next >= p.end) {
              open.delete(p);
              consumer.pause([{ topic, partitions: [p.partition] }]);
            } else if (!p.paused && p.queue.length - p.head >= PAUSE_AT) {
              p.paused = true;
              consumer.pause([{ topic, partitions: [p.partition] }]);
            }
            try {
              merge();
            } catch (error) {
              finish(error);
            }
          },
        })
        .then(() => {
          for (const p of active) consumer.seek({ topic, partition: p.partition, offset: String(p.start) });
        })
        .catch(finish);
    });
  }

  private write(item: Pending): void {
    if (this.startUs === undefined) {
      this.startUs = item.timeUs;
      this.options.writer.setStartUnixUs(item.timeUs);
    }
    let relative = item.timeUs - this.startUs;
    if (relative < this.lastUs) {
      this.clamped++;
      relative = this.lastUs;
    }
    this.lastUs = relative;
    this.options.writer.append(relative, item.bytes, item.source);
    this.stats.count(item.bytes, relative);
  }
}
