import type { Bus, ConsumedRecord, Subscription, TopicPartition } from "../../bus/types.ts";
import {
  DERIVED_VERSION,
  type DerivedKind,
  type DerivedMessage,
  derivedTopic,
  type MonitorMessage,
  TOPIC_OF_TYPE,
} from "../../protocol/derived.ts";
import { rawTopic } from "../../protocol/raw-topic.ts";
import type { LiveStateStore } from "../../state/types.ts";
import type { AnyMetric } from "../engine/metric.ts";
import type { SessionPipeline } from "../engine/session-pipeline.ts";
import type { ReorderHold } from "../reorder/reorder-buffer.ts";
import { LatencyWindow } from "./latency-window.ts";
import { OutputWriter } from "./output-writer.ts";
import { PartitionProcessor } from "./partition-processor.ts";
import { StateWriter } from "./state-writer.ts";

export interface ProcessorOptions {
  readonly bus: Bus;
  readonly store: LiveStateStore;
  readonly topicPrefix: string;
  readonly groupId: string;
  readonly processorId: string;
  readonly metrics: readonly AnyMetric[];
  readonly reorderWindowMs: number;
  readonly reorderHold?: ReorderHold;
  readonly carsRateHz: number;
  readonly checkpointIntervalMs: number;
  readonly topicPartitions: number;
  readonly topicRetentionMs: number;
  readonly sessionTtlMs: number;
  readonly kafkaSessionTimeoutMs?: number;
  readonly onError: (what: string, error: unknown) => void;
  /** Wall clock, for tests. */
  readonly now?: () => number;
}

/** Checkpoints taken (state and next offset per partition) and the acknowledgement of the outputs before them. */
interface Taken {
  readonly partitions: readonly { key: string; offset: string; sessions: string }[];
  readonly acknowledged: Promise<void>;
}

const KINDS: readonly DerivedKind[] = ["sessions", "cars", "telemetry", "laps", "traces", "events", "monitor"];

/**
 * `slipstream processor`: a consumer-group member on `<prefix>.raw`. Each assigned partition resumes from its
 * checkpoint in the state store; outputs go to the derived topics (without waiting: the writer sends while the
 * next records are processed) and the live state store. Every checkpointIntervalMs: take each partition's
 * state and next offset, wait until the broker has acknowledged every output published before, write the
 * checkpoints, then commit those offsets, so a member that takes over after a crash restores the state and
 * re-reads exactly what the state does not cover. Laps and events keep their ids on re-publication: consumers
 * keep one per id.
 */
export class Processor {
  readonly counters = { consumed: 0, published: 0, rejected: 0, checkpoints: 0, checkpointErrors: 0, storeErrors: 0 };
  readonly rejections: Record<string, number> = {};
  private readonly options: ProcessorOptions;
  private readonly partitions = new Map<string, PartitionProcessor>();
  private readonly writer: StateWriter;
  private readonly outputs: OutputWriter;
  private readonly latency = new LatencyWindow();
  private pending: DerivedMessage[] = [];
  private chain: Promise<void> = Promise.resolve();
  /** The reorder windows' next release (see scheduleRelease). */
  private releaseTimer: NodeJS.Timeout | undefined;
  private releaseAtMs = Number.POSITIVE_INFINITY;
  /** When each partition's state was last taken for a periodic checkpoint. */
  private readonly checkpointedAt = new Map<string, number>();
  /** The periodic checkpoint being saved, if any. */
  private checkpointing: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly now: () => number;

  constructor(options: ProcessorOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.writer = new StateWriter({
      store: options.store,
      sessionTtlMs: options.sessionTtlMs,
      recentEvents: 50,
      onError: (op, e) => {
        this.counters.storeErrors++;
        options.onError(`state store (${op})`, e);
      },
    });
    this.outputs = new OutputWriter({
      bus: options.bus,
      onError: options.onError,
      onWritten: (n) => {
        this.counters.published += n;
      },
    });
  }

  async start(): Promise<void> {
    const { bus, topicPrefix, topicPartitions, topicRetentionMs } = this.options;
    const specs = KINDS.map((k) => ({
      topic: derivedTopic(topicPrefix, k),
      partitions: topicPartitions,
      retentionMs: topicRetentionMs,
    }));
    await bus.ensureTopics([
      { topic: rawTopic(topicPrefix), partitions: topicPartitions, retentionMs: topicRetentionMs },
      ...specs,
    ]);
    this.subscription = await bus.subscribe({
      groupId: this.options.groupId,
      topics: [rawTopic(topicPrefix)],
      fromBeginning: true,
      manualCommit: true,
      sessionTimeoutMs: this.options.kafkaSessionTimeoutMs,
      onAssigned: (parts) => this.serial(() => this.assigned(parts)),
      onRevoked: (parts) => this.serial(() => this.revoked(parts)),
      onRecords: (records) => this.serial(() => this.consume(records)),
    });
    this.every(20, () => this.serial(() => this.poll()));
    const tick = Math.max(10, Math.min(250, this.options.checkpointIntervalMs / 4));
    this.every(tick, () => this.serial(() => this.checkpointInBackground(tick)));
    this.every(1000, () => this.serial(() => this.housekeeping()));
  }

  /**
   * Publishes and checkpoints what it holds while still a group member (a commit needs the consumer), then stops
   * consuming: the next owner starts where this ended. Records taken after that checkpoint are re-read by the
   * next owner, and their outputs carry the same ids.
   */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    // With the broker away, outputs never drain: give up on them (no commit covers them) rather than hang.
    const giveUp = setTimeout(() => this.outputs.abandon(new Error("stopping: outputs not acknowledged")), 15_000);
    await this.serial(async () => {
      await this.checkpointAll();
      await this.drained();
    }).catch((e) => this.options.onError("final checkpoint", e));
    clearTimeout(giveUp);
    await this.subscription?.stop();
    await this.writer.flush(this.now());
  }

  /** Resolves once every output published so far is acknowledged by the bus. */
  drained(): Promise<void> {
    this.publish();
    return this.outputs.drained();
  }

  /** Sessions currently held, per partition: for the console view and the monitor. */
  sessions(): { partition: string; sessionUID: string; pipeline: SessionPipeline }[] {
    return [...this.partitions].flatMap(([partition, pp]) =>
      [...pp.sessions].map(([sessionUID, pipeline]) => ({ partition, sessionUID, pipeline })),
    );
  }

  private every(ms: number, task: () => Promise<void>): void {
    const timer = setInterval(() => {
      task().catch((e) => this.options.onError("processor tick", e));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** Bus callbacks and timers all touch the same state: one at a time, in order. */
  private serial(task: () => Promise<void> | void): Promise<void> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => {});
    return run;
  }

  private key(tp: TopicPartition): string {
    return `${tp.topic}:${tp.partition}`;
  }

  private checkpointName(key: string): string {
    return `${this.options.groupId}:${key}`;
  }

  private async assigned(parts: readonly TopicPartition[]): Promise<void> {
    for (const tp of parts) {
      const key = this.key(tp);
      if (this.partitions.has(key)) continue;
      const saved = await this.readCheckpoint(key);
      const checkpoint = saved ? { offset: saved.offset, sessions: saved.state as string } : undefined;
      this.partitions.set(key, this.partitionProcessor(checkpoint));
    }
  }

  /**
   * Starting a partition without its checkpoint would rebuild laps from the middle of the stream: while the
   * store is away, wait for it (records of the partition queue behind this, in order).
   */
  private async readCheckpoint(key: string) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.options.store.readCheckpoint(this.checkpointName(key));
      } catch (error) {
        this.counters.checkpointErrors++;
        if (attempt === 0) this.options.onError(`reading checkpoint ${key} (retrying)`, error);
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
      }
    }
  }

  private async revoked(parts: readonly TopicPartition[]): Promise<void> {
    for (const tp of parts) {
      const key = this.key(tp);
      await this.checkpoint([key]);
      this.partitions.delete(key);
      this.checkpointedAt.delete(key);
    }
  }

  private partitionProcessor(checkpoint?: { offset: string; sessions: string }): PartitionProcessor {
    return new PartitionProcessor(
      {
        metrics: this.options.metrics,
        reorderWindowMs: this.options.reorderWindowMs,
        reorderHold: this.options.reorderHold,
        carsRateHz: this.options.carsRateHz,
        publish: (m) => this.pending.push(m),
        onRejected: (reason) => {
          this.counters.rejected++;
          this.rejections[reason] = (this.rejections[reason] ?? 0) + 1;
        },
      },
      checkpoint,
    );
  }

  private async consume(records: readonly ConsumedRecord[]): Promise<void> {
    const now = this.now();
    const byPartition = new Map<string, ConsumedRecord[]>();
    for (const r of records) {
      const key = this.key(r);
      const batch = byPartition.get(key);
      if (batch) batch.push(r);
      else byPartition.set(key, [r]);
    }
    for (const [key, batch] of byPartition) {
      let pp = this.partitions.get(key);
      // A bus without assignment callbacks (or a record before them): start this partition from scratch.
      if (!pp) {
        pp = this.partitionProcessor();
        this.partitions.set(key, pp);
      }
      pp.push(batch, now);
      this.counters.consumed += batch.length;
    }
    this.publish();
    this.scheduleRelease();
    await this.outputs.room();
  }

  private async poll(): Promise<void> {
    const now = this.now();
    for (const pp of this.partitions.values()) pp.poll(now);
    this.publish();
    this.scheduleRelease();
  }

  /**
   * A held datagram goes when its window is up, not on the next 20 ms tick (which added up to 20 ms to every
   * one): a timer for the earliest due across sessions, armed again whenever that moves earlier.
   */
  private scheduleRelease(): void {
    let due = Number.POSITIVE_INFINITY;
    for (const pp of this.partitions.values()) due = Math.min(due, pp.nextReleaseWallMs());
    if (due === Number.POSITIVE_INFINITY || due >= this.releaseAtMs) return;
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    this.releaseAtMs = due;
    this.releaseTimer = setTimeout(
      () => {
        this.releaseTimer = undefined;
        this.releaseAtMs = Number.POSITIVE_INFINITY;
        this.serial(() => this.poll()).catch((e) => this.options.onError("processor release", e));
      },
      Math.max(0, due - this.now()),
    );
    this.releaseTimer.unref();
  }

  /** Hands pending outputs to the writer (which sends them in the background) and the state writer. */
  private publish(): void {
    if (this.pending.length === 0) return;
    const messages = this.pending;
    this.pending = [];
    const nowMs = this.now();
    for (const m of messages) {
      const monitor = m.type === "monitor";
      this.outputs.add(derivedTopic(this.options.topicPrefix, TOPIC_OF_TYPE[m.type]), {
        key: monitor ? m.processorId : m.sessionUID,
        value: Buffer.from(JSON.stringify(m)),
        headers: HEADERS[m.type] as Readonly<Record<string, string>>,
        timestampMs: nowMs,
      });
      if (!monitor) {
        if (m.receivedAtUs !== undefined) this.latency.add(nowMs - m.receivedAtUs / 1000);
        this.writer.observe(m);
      }
    }
  }

  private checkpointAll(): Promise<void> {
    return this.checkpoint([...this.partitions.keys()]);
  }

  /**
   * The periodic checkpoint: each partition every checkpointIntervalMs, a few per tick (the state of 20 sessions
   * took 35-40 ms to encode at once, a stall every interval). The state and offsets are taken in turn with the
   * records, but waiting for the outputs' acknowledgements, the store and the commit happens beside the
   * processing, not in its way (in line, it stalled every partition for a produce round trip, a store write and
   * a commit). One save at a time: a tick that finds the last one still going is skipped.
   */
  private checkpointInBackground(tickMs: number): void {
    if (this.checkpointing) return;
    const now = this.now();
    const interval = this.options.checkpointIntervalMs;
    const perTick = Math.ceil((this.partitions.size * tickMs) / interval);
    const due = [...this.partitions.keys()]
      .filter((key) => now - (this.checkpointedAt.get(key) ?? now) >= interval)
      .sort((a, b) => (this.checkpointedAt.get(a) ?? now) - (this.checkpointedAt.get(b) ?? now))
      .slice(0, perTick);
    for (const key of this.partitions.keys()) if (!this.checkpointedAt.has(key)) this.checkpointedAt.set(key, now);
    if (due.length === 0) return;
    for (const key of due) this.checkpointedAt.set(key, now);
    const saving = this.save(this.take(due));
    this.checkpointing = saving
      .catch((e) => this.options.onError("checkpoint", e))
      .finally(() => {
        this.checkpointing = undefined;
      });
  }

  /**
   * State and offset first, then every output published up to then acknowledged, then the checkpoint, then the
   * commit: never an offset committed past unsaved state or unacknowledged outputs. After any checkpoint still
   * being saved, so an older one never lands over this one.
   */
  private async checkpoint(keys: readonly string[]): Promise<void> {
    await this.checkpointing;
    await this.save(this.take(keys));
  }

  private take(keys: readonly string[]): Taken {
    const taken: Taken["partitions"][number][] = [];
    for (const key of keys) {
      const cp = this.partitions.get(key)?.checkpoint();
      if (cp) taken.push({ key, ...cp });
    }
    // Resolves once the outputs published up to now are acknowledged (later ones do not hold it up).
    return { partitions: taken, acknowledged: taken.length > 0 ? this.drained() : Promise.resolve() };
  }

  private async save({ partitions: taken, acknowledged }: Taken): Promise<void> {
    if (taken.length === 0) return;
    await acknowledged;
    const saved = await Promise.all(
      taken.map(async ({ key, offset, sessions }) => {
        try {
          await this.options.store.writeCheckpoint(this.checkpointName(key), { offset, state: sessions });
          const at = key.lastIndexOf(":");
          return { topic: key.slice(0, at), partition: Number(key.slice(at + 1)), offset };
        } catch (error) {
          this.counters.checkpointErrors++;
          this.options.onError(`checkpoint ${key}`, error);
          return undefined;
        }
      }),
    );
    const offsets = saved.filter((o) => o !== undefined);
    if (offsets.length === 0) return;
    try {
      await this.subscription?.commit(offsets);
      this.counters.checkpoints += offsets.length;
    } catch (error) {
      this.counters.checkpointErrors++;
      this.options.onError(`commit ${offsets.map((o) => `${o.topic}:${o.partition}`).join(", ")}`, error);
    }
  }

  private async housekeeping(): Promise<void> {
    // Beside the records, not in their line: the store's round trips would stall every partition each second.
    // The writer counts its own failures and runs one flush at a time.
    this.writer.flush(this.now()).catch((e) => this.options.onError("state store flush", e));
    const monitor: MonitorMessage = {
      v: 1,
      type: "monitor",
      processorId: this.options.processorId,
      atMs: this.now(),
      counters: { ...this.counters, ...prefixed("rejected.", this.rejections) },
      reorder: this.reorderTotals(),
      latencyMs: this.latency.percentiles(),
      sessions: this.sessions().map((s) => s.sessionUID),
    };
    this.pending.push(monitor);
    this.publish();
  }

  private reorderTotals(): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const { pipeline } of this.sessions()) {
      for (const [k, v] of Object.entries(pipeline.counters)) totals[k] = (totals[k] ?? 0) + v;
      for (const [k, v] of Object.entries(pipeline.reorderStats ?? {})) {
        totals[`reorder.${k}`] =
          k === "maxHeld" || k === "holdMs"
            ? Math.max(totals[`reorder.${k}`] ?? 0, v)
            : (totals[`reorder.${k}`] ?? 0) + v;
      }
    }
    return totals;
  }
}

/** One headers object per type: every record of a type carries the same. */
const HEADERS: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.fromEntries(
  Object.keys(TOPIC_OF_TYPE).map((type) => [
    type,
    { "slipstream-type": type, "slipstream-v": String(DERIVED_VERSION) },
  ]),
);

function prefixed(prefix: string, values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}${k}`, v]));
}
