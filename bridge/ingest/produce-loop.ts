import type { RecordSink } from "../bus/types.ts";
import type { QueuedRecord, SendQueue } from "./send-queue.ts";

export interface ProduceLoopOptions {
  readonly topic: string;
  /** How long the first record of a batch may wait for company. */
  readonly lingerMs: number;
  readonly maxBatchRecords: number;
  readonly maxBatchBytes: number;
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
}

export interface ProduceLoopHooks {
  onWritten(batch: readonly QueuedRecord[], now: number): void;
  onWriteError(error: unknown, batch: readonly QueuedRecord[], retryInMs: number): void;
  /** Called on the first success after one or more failures. */
  onRecovered?(): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Moves records from the queue to the bus in micro-batches, one batch in flight at a time: that keeps the
 * bus order equal to the arrival order, across retries too. A failed batch is retried (with capped
 * exponential backoff) before anything behind it, forever: giving up is the queue limit's job.
 */
export class ProduceLoop {
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private failing = false;
  private inFlight: QueuedRecord[] = [];

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
    return this.queue.length === 0 && this.inFlight.length === 0;
  }

  /** Stops after the queue drains or the deadline passes; returns how many records were left unwritten. */
  async stop(deadlineMs: number): Promise<number> {
    const until = performance.now() + deadlineMs;
    while (!this.idle && performance.now() < until) {
      this.notify();
      await sleep(5);
    }
    this.stopping = true;
    this.notify();
    const left = this.queue.length + this.inFlight.length;
    await Promise.race([this.running, sleep(Math.max(0, until - performance.now()))]);
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
    return this.queue.length >= this.options.maxBatchRecords || this.queue.bytes >= this.options.maxBatchBytes;
  }

  private async run(): Promise<void> {
    let backoff = this.options.retryInitialMs;
    while (!this.stopping) {
      if (this.inFlight.length === 0) {
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
        this.inFlight = this.queue.take(this.options.maxBatchRecords, this.options.maxBatchBytes);
      }
      const batch = this.inFlight;
      try {
        await this.sink.write(
          this.options.topic,
          batch.map((q) => q.record),
        );
      } catch (error) {
        this.failing = true;
        this.hooks.onWriteError(error, batch, backoff);
        await sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.retryMaxMs);
        continue;
      }
      this.inFlight = [];
      this.queue.settle(batch);
      this.hooks.onWritten(batch, performance.now());
      if (this.failing) {
        this.failing = false;
        backoff = this.options.retryInitialMs;
        this.hooks.onRecovered?.();
      }
    }
  }
}
