import type { ConsumedRecord } from "../../bus/types.ts";
import type { DerivedMessage } from "../../protocol/derived.ts";
import { RAW_HEADERS } from "../../protocol/raw-topic.ts";
import type { AnyMetric } from "../engine/metric.ts";
import { SessionPipeline } from "../engine/session-pipeline.ts";
import { decodeState, encodeState } from "../engine/state-codec.ts";
import type { ReorderHold } from "../reorder/reorder-buffer.ts";

export interface PartitionCheckpoint {
  /** The next raw offset to read: everything before it is in `sessions`. */
  readonly offset: string;
  /** state-codec text of every session pipeline of the partition. */
  readonly sessions: string;
}

export interface PartitionProcessorOptions {
  readonly metrics: readonly AnyMetric[];
  readonly reorderWindowMs: number;
  readonly reorderHold?: ReorderHold;
  readonly carsRateHz: number;
  readonly publish: (message: DerivedMessage) => void;
  readonly onRejected?: (reason: string) => void;
  /** A session with no datagram for this long (wall time) is dropped from memory. */
  readonly sessionIdleMs?: number;
}

/**
 * The sessions of one raw-topic partition. Records must come in offset order; those below the restored
 * checkpoint are skipped (already in the restored state), so a takeover that re-reads from the committed
 * offset applies each record exactly once.
 */
export class PartitionProcessor {
  readonly sessions = new Map<string, SessionPipeline>();
  private readonly options: PartitionProcessorOptions;
  /** A number while offsets are below 2^53 (always, in practice: BigInt per record was measurable), else a bigint. */
  private nextOffset: number | bigint | undefined;
  private readonly lastSeenWallMs = new Map<string, number>();

  constructor(options: PartitionProcessorOptions, checkpoint?: PartitionCheckpoint) {
    this.options = options;
    if (checkpoint) this.restore(checkpoint);
  }

  /** The next offset to read, once any record was seen or restored. */
  get offset(): string | undefined {
    return this.nextOffset?.toString();
  }

  push(records: readonly ConsumedRecord[], wallNowMs: number): void {
    for (const record of records) {
      const offset = offsetOf(record.offset);
      // Number and bigint compare exactly with each other.
      if (this.nextOffset !== undefined && offset < this.nextOffset) continue;
      this.nextOffset = typeof offset === "number" ? offset + 1 : offset + 1n;
      const key = record.key ?? "unknown";
      const pipeline = this.session(key);
      const receivedUs = Number(record.headers[RAW_HEADERS.receivedAtUs]);
      const receivedAtUs = Number.isFinite(receivedUs) && receivedUs > 0 ? receivedUs : undefined;
      pipeline.push(
        {
          bytes: record.value,
          arrivalMs: receivedAtUs === undefined ? record.timestampMs : receivedAtUs / 1000,
          receivedAtUs,
          source: record.headers[RAW_HEADERS.source],
        },
        wallNowMs,
      );
      this.lastSeenWallMs.set(key, wallNowMs);
    }
  }

  /** Lets quiet sessions drain their reorder window, and forgets sessions idle past sessionIdleMs. */
  poll(wallNowMs: number): void {
    for (const [key, pipeline] of this.sessions) {
      pipeline.poll(wallNowMs);
      const idle = wallNowMs - (this.lastSeenWallMs.get(key) ?? wallNowMs);
      if (idle > (this.options.sessionIdleMs ?? 10 * 60_000)) {
        pipeline.flush();
        this.sessions.delete(key);
        this.lastSeenWallMs.delete(key);
      }
    }
  }

  /** The earliest wall time at which a session of this partition has something to release. */
  nextReleaseWallMs(): number {
    let next = Number.POSITIVE_INFINITY;
    for (const pipeline of this.sessions.values()) {
      const due = pipeline.nextReleaseWallMs();
      if (due !== undefined && due < next) next = due;
    }
    return next;
  }

  checkpoint(): PartitionCheckpoint | undefined {
    if (this.nextOffset === undefined) return undefined;
    const sessions = new Map([...this.sessions].map(([key, p]) => [key, p.save()]));
    return { offset: this.nextOffset.toString(), sessions: encodeState(sessions) };
  }

  private restore(checkpoint: PartitionCheckpoint): void {
    this.nextOffset = offsetOf(checkpoint.offset);
    const saved = decodeState(checkpoint.sessions) as Map<string, unknown>;
    for (const [key, state] of saved) this.session(key).load(state);
  }

  private session(key: string): SessionPipeline {
    let pipeline = this.sessions.get(key);
    if (!pipeline) {
      pipeline = new SessionPipeline({
        sessionUID: key,
        metrics: this.options.metrics,
        reorderWindowMs: this.options.reorderWindowMs,
        reorderHold: this.options.reorderHold,
        carsRateHz: this.options.carsRateHz,
        onOutput: this.options.publish,
        onRejected: this.options.onRejected,
      });
      this.sessions.set(key, pipeline);
    }
    return pipeline;
  }
}

/** A Kafka offset (a decimal int64) as a number where that is exact, else as a bigint. */
function offsetOf(decimal: string): number | bigint {
  const n = Number(decimal);
  return Number.isSafeInteger(n) ? n : BigInt(decimal);
}
