import type { BusRecord } from "../bus/types.ts";

/** Bytes a queued record is charged beyond its value: key, headers and bookkeeping, roughly. */
export const RECORD_OVERHEAD_BYTES = 128;

export const DROP_POLICIES = ["drop-newest", "drop-oldest"] as const;
/**
 * drop-newest: a datagram that does not fit is refused at the door, so everything already queued is kept
 * (no accepted data is lost). drop-oldest: the oldest queued (not yet in flight) records make room, for
 * users who prefer the freshest data over completeness.
 */
export type DropPolicy = (typeof DROP_POLICIES)[number];

export interface QueuedRecord {
  readonly record: BusRecord;
  readonly cost: number;
  /** performance.now() when queued: the start of the produce latency. */
  readonly queuedAt: number;
}

export function costOf(record: BusRecord): number {
  return record.value.byteLength + RECORD_OVERHEAD_BYTES;
}

/**
 * The bridge's bounded FIFO between the socket and the bus. Its byte limit covers the records waiting and
 * the batch in flight; it is the buffer that rides out a slow or absent Kafka.
 */
export class SendQueue {
  private items: QueuedRecord[] = [];
  private head = 0;
  private pendingBytes = 0;
  private inFlightBytes = 0;

  constructor(
    readonly maxBytes: number,
    readonly policy: DropPolicy,
    private readonly onEvict: (dropped: QueuedRecord) => void = () => {},
  ) {}

  get length(): number {
    return this.items.length - this.head;
  }

  /** Bytes held: waiting plus in flight. */
  get bytes(): number {
    return this.pendingBytes + this.inFlightBytes;
  }

  get oldestQueuedAt(): number | undefined {
    return this.items[this.head]?.queuedAt;
  }

  /** Adds a record; false when the policy refused it (drop-newest, or a record larger than the limit). */
  push(record: BusRecord, now: number): boolean {
    const cost = costOf(record);
    if (cost > this.maxBytes) return false;
    if (this.bytes + cost > this.maxBytes) {
      if (this.policy === "drop-newest") return false;
      while (this.bytes + cost > this.maxBytes && this.length > 0) this.onEvict(this.shift());
      if (this.bytes + cost > this.maxBytes) return false;
    }
    this.items.push({ record, cost, queuedAt: now });
    this.pendingBytes += cost;
    return true;
  }

  /** Takes the next batch off the queue; its bytes stay charged until `settle`. */
  take(maxRecords: number, maxBytes: number): QueuedRecord[] {
    const batch: QueuedRecord[] = [];
    let bytes = 0;
    while (this.length > 0 && batch.length < maxRecords) {
      const next = this.items[this.head] as QueuedRecord;
      if (batch.length > 0 && bytes + next.cost > maxBytes) break;
      batch.push(this.shift());
      bytes += next.cost;
    }
    this.inFlightBytes += bytes;
    return batch;
  }

  /** The in-flight batch is done with (written, or given up on at shutdown). */
  settle(batch: readonly QueuedRecord[]): void {
    for (const item of batch) this.inFlightBytes -= item.cost;
  }

  private shift(): QueuedRecord {
    const item = this.items[this.head] as QueuedRecord;
    this.items[this.head] = undefined as unknown as QueuedRecord;
    this.head++;
    this.pendingBytes -= item.cost;
    // Compact now and then so the array does not grow without bound.
    if (this.head >= 4096 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
