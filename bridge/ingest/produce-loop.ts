import type { RecordSink } from "../bus/types.ts";
import { classifyWriteError, type WriteErrorReason } from "../bus/write-errors.ts";
import type { QueuedRecord, SendQueue } from "./send-queue.ts";

export interface ProduceLoopOptions {
  readonly topic: string;
  /** How long the first record of a batch may wait for company. */
  readonly lingerMs: number;
  readonly maxBatchRecords: number;
  /** Most bytes in one batch, counted as Kafka counts a record batch. */
  readonly maxBatchBytes: number;
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
}

export interface ProduceLoopHooks {
  onWritten(batch: readonly QueuedRecord[], now: number): void;
  /** A failed write: retried after `retryInMs`, or at once in two halves when retrying whole cannot help. */
  onWriteError(error: unknown, batch: readonly QueuedRecord[], retryInMs: number, reason: WriteErrorReason): void;
  /** Records the bus will never take (a lone record refused as too large or invalid): dropped. */
  onGiveUp(records: readonly QueuedRecord[], reason: WriteErrorReason, error: unknown): void;
  /** Called on the first success after one or more failures. */
  onRecovered?(): void;
}

/** Below this a batch too large for the broker is not worth shrinking the cap for. */
const MIN_LEARNED_BATCH_BYTES = 16 * 1024;

/**
 * Moves records from the queue to the bus in micro-batches, one batch in flight at a time: that keeps the
 * bus order equal to the arrival order, across retries too. A failure that may pass is retried (with
 * capped exponential backoff) before anything behind it, forever: giving up is the queue limit's job. A
 * batch the bus refuses as such (too large, or holding a record it rejects) is split in two, in order,
 * until the bus takes it or one record is left, which is given up on.
 */
export class ProduceLoop {
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private failing = false;
  /** The batch in flight, as the pieces still to write, in order. */
  private pieces: QueuedRecord[][] = [];
  /** Lowered when the bus says a batch was too large though it was within every limit we knew. */
  private learnedMaxBytes = Number.POSITIVE_INFINITY;
  private cancelPause: (() => void) | undefined;

  constructor(
    private readonly queue: SendQueue,
    private readonly sink: RecordSink,
    private readonly options: ProduceLoopOptions,
    private readonly hooks: ProduceLoopHooks,
  ) {}

  start(): void {
    this.running ??= this.run();
  }

  /** Tells the loop a record arrived. */
  notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  get idle(): boolean {
    return this.queue.length === 0 && this.pieces.length === 0;
  }

  /** Most bytes in the next batch: the configured cap, the bus's own limit, and what the bus taught us. */
  get maxBatchBytes(): number {
    const busLimit = this.sink.maxBatchBytes?.(this.options.topic) ?? Number.POSITIVE_INFINITY;
    return Math.min(this.options.maxBatchBytes, busLimit, this.learnedMaxBytes);
  }

  /** Stops after the queue drains or the deadline passes; returns how many records were left unwritten. */
  async stop(deadlineMs: number): Promise<number> {
    const until = performance.now() + deadlineMs;
    while (!this.idle && performance.now() < until) {
      this.notify();
      await pause(5).promise;
    }
    this.stopping = true;
    this.cancelPause?.();
    this.notify();
    const left = this.queue.length + this.pieces.reduce((n, p) => n + p.length, 0);
    // The deadline's timer is cleared once the loop ends: a pending one would hold the process open.
    const deadline = pause(Math.max(0, until - performance.now()));
    await Promise.race([this.running, deadline.promise]);
    deadline.cancel();
    return left;
  }

  private waitForWork(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      this.wake = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
  }

  private batchIsFull(): boolean {
    return this.queue.length >= this.options.maxBatchRecords || this.queue.bytes >= this.maxBatchBytes;
  }

  private async backOff(ms: number): Promise<void> {
    const p = pause(ms);
    this.cancelPause = p.cancel;
    await p.promise;
    this.cancelPause = undefined;
  }

  private async run(): Promise<void> {
    let backoff = this.options.retryInitialMs;
    while (!this.stopping) {
      if (this.pieces.length === 0) {
        const oldest = this.queue.oldestQueuedAt;
        if (oldest === undefined) {
          await this.waitForWork();
          continue;
        }
        const waited = performance.now() - oldest;
        if (waited < this.options.lingerMs && !this.batchIsFull()) {
          await this.waitForWork(this.options.lingerMs - waited);
          if (!this.batchIsFull() && performance.now() - oldest < this.options.lingerMs) continue;
        }
        this.pieces = [this.queue.take(this.options.maxBatchRecords, this.maxBatchBytes)];
      }
      const batch = this.pieces[0] as QueuedRecord[];
      try {
        await this.sink.write(
          this.options.topic,
          batch.map((q) => q.record),
        );
      } catch (error) {
        const failure = classifyWriteError(error);
        if (failure.retriable) {
          this.failing = true;
          this.hooks.onWriteError(error, batch, backoff, failure.reason);
          await this.backOff(backoff);
          backoff = Math.min(backoff * 2, this.options.retryMaxMs);
        } else if (batch.length > 1) {
          this.hooks.onWriteError(error, batch, 0, failure.reason);
          if (failure.reason === "too-large") this.learnFrom(batch);
          const half = Math.ceil(batch.length / 2);
          this.pieces.splice(0, 1, batch.slice(0, half), batch.slice(half));
        } else {
          this.pieces.shift();
          this.queue.settle(batch);
          this.hooks.onGiveUp(batch, failure.reason, error);
        }
        continue;
      }
      this.pieces.shift();
      this.queue.settle(batch);
      this.hooks.onWritten(batch, performance.now());
      if (this.failing) {
        this.failing = false;
        backoff = this.options.retryInitialMs;
        this.hooks.onRecovered?.();
      }
    }
  }

  /** The bus refused a batch as too large: later batches stay below half of it. */
  private learnFrom(batch: readonly QueuedRecord[]): void {
    const bytes = batch.reduce((n, q) => n + q.wireBytes, 0);
    this.learnedMaxBytes = Math.max(MIN_LEARNED_BATCH_BYTES, Math.min(this.learnedMaxBytes, Math.floor(bytes / 2)));
  }
}

function pause(ms: number): { promise: Promise<void>; cancel: () => void } {
  let cancel = () => {};
  const promise = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    cancel = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { promise, cancel };
}
