import type { BusRecord, RecordSink, TopicRecords } from "../../bus/types.ts";

export interface OutputWriterOptions {
  readonly bus: RecordSink;
  /** Most bytes of values one request carries (each partition's record batch is smaller still). */
  readonly maxRequestBytes?: number;
  /** Queued past this, `room()` waits: backpressure on the consumer while the bus is slow or away. */
  readonly maxQueuedBytes?: number;
  readonly onError: (what: string, error: unknown) => void;
  readonly onWritten: (count: number) => void;
}

interface Queued {
  readonly topic: string;
  readonly record: BusRecord;
}

/**
 * Derived records leave in order and in as few requests as possible: while one request is in flight the next
 * fills up (one at a time: the idempotent producer allows no more, and it keeps each key's order). Adding never
 * waits for the broker; a failed request is retried as it was, never dropped, and `drained()` tells a checkpoint
 * when everything queued before it is acknowledged.
 */
export class OutputWriter {
  private readonly options: OutputWriterOptions;
  private readonly maxRequestBytes: number;
  private readonly maxQueuedBytes: number;
  private queue: Queued[] = [];
  private head = 0;
  private queuedBytes = 0;
  private added = 0;
  private acked = 0;
  private running = false;
  private waiters: { upTo: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private abandoned: Error | undefined;

  constructor(options: OutputWriterOptions) {
    this.options = options;
    this.maxRequestBytes = options.maxRequestBytes ?? 768 * 1024;
    this.maxQueuedBytes = options.maxQueuedBytes ?? 32 * 1024 * 1024;
  }

  /** Records queued and not yet acknowledged. */
  get pending(): number {
    return this.added - this.acked;
  }

  add(topic: string, record: BusRecord): void {
    this.queue.push({ topic, record });
    this.queuedBytes += record.value.byteLength;
    this.added++;
    if (!this.running) {
      this.running = true;
      // After the current task: everything it adds goes in the same request.
      setImmediate(() => void this.run());
    }
  }

  /** Resolves once every record added so far is acknowledged. */
  drained(): Promise<void> {
    return this.ackedUpTo(this.added);
  }

  /** Resolves once the queue is under its limit. */
  async room(): Promise<void> {
    while (this.queuedBytes > this.maxQueuedBytes) await this.ackedUpTo(this.acked + 1);
  }

  /**
   * Shutting down with the bus away: stop retrying, and fail every wait for acknowledgement (so no checkpoint
   * commits past what was not written: a takeover re-reads it).
   */
  abandon(reason: Error): void {
    this.abandoned = reason;
    for (const w of this.waiters) w.reject(reason);
    this.waiters = [];
  }

  private ackedUpTo(upTo: number): Promise<void> {
    if (this.acked >= upTo) return Promise.resolve();
    if (this.abandoned) return Promise.reject(this.abandoned);
    return new Promise((resolve, reject) => this.waiters.push({ upTo, resolve, reject }));
  }

  private async run(): Promise<void> {
    while (this.head < this.queue.length) {
      const [batches, count, bytes] = this.take();
      for (let attempt = 0; ; attempt++) {
        try {
          await this.write(batches);
          break;
        } catch (error) {
          if (this.abandoned) {
            this.running = false;
            return;
          }
          if (attempt % 20 === 0) this.options.onError(`publishing ${count} outputs (retrying)`, error);
          await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)));
        }
      }
      this.queuedBytes -= bytes;
      this.acked += count;
      this.options.onWritten(count);
      const waiting = this.waiters;
      this.waiters = [];
      for (const w of waiting) {
        if (w.upTo <= this.acked) w.resolve();
        else this.waiters.push(w);
      }
      if (this.head > 4096 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
    }
    this.running = false;
  }

  /** The oldest queued records up to maxRequestBytes (at least one), grouped by topic in order. */
  private take(): [TopicRecords[], number, number] {
    const byTopic = new Map<string, BusRecord[]>();
    let bytes = 0;
    const start = this.head;
    while (this.head < this.queue.length) {
      const { topic, record } = this.queue[this.head] as Queued;
      const size = record.value.byteLength;
      if (this.head > start && bytes + size > this.maxRequestBytes) break;
      bytes += size;
      this.head++;
      const list = byTopic.get(topic);
      if (list) list.push(record);
      else byTopic.set(topic, [record]);
    }
    for (let i = start; i < this.head; i++) this.queue[i] = undefined as unknown as Queued;
    return [[...byTopic].map(([topic, records]) => ({ topic, records })), this.head - start, bytes];
  }

  private async write(batches: readonly TopicRecords[]): Promise<void> {
    const bus = this.options.bus;
    if (bus.writeMany) await bus.writeMany(batches);
    else for (const b of batches) await bus.write(b.topic, b.records);
  }
}
