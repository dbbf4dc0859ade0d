import { RECORD_BATCH_OVERHEAD } from "../bus/record-size.ts";
import type { BusRecord } from "../bus/types.ts";
import { decodeRecord, encodedSize, encodeRecord, maxEncodedSize } from "./record-codec.ts";

export const DROP_POLICIES = ["drop-newest", "drop-oldest"] as const;
/**
 * drop-newest: a datagram that does not fit is refused at the door, so everything already queued is kept
 * (no accepted data is lost). drop-oldest: the oldest queued (not yet in flight) records make room, for
 * users who prefer the freshest data over completeness.
 */
export type DropPolicy = (typeof DROP_POLICIES)[number];

export interface QueuedRecord {
  readonly record: BusRecord;
  /** Bytes charged to the queue until settled. */
  readonly cost: number;
  /** performance.now() when queued: the start of the produce latency. */
  readonly queuedAt: number;
  /** Upper bound of the record's bytes in a Kafka record batch. */
  readonly wireBytes: number;
  /** Where the journal holds it; -1 when it has none. */
  readonly position: number;
}

/** Where accepted records are also written, so they outlive the process (the spool). */
export interface Journal {
  /** Appends one encoded record; returns its position, or -1 when it could not be written. */
  append(encoded: Uint8Array): number;
  /** Every record before `position` is done with: acknowledged, or given up on. */
  commit(position: number): void;
  /** The position the next record will get. */
  readonly end: number;
}

/** Per queued record: f64 queuedAt, f64 journal position, then the record as record-codec encodes it. */
const ENTRY_HEADER = 16;
const MAX_CHUNK = 1024 * 1024;

interface Chunk {
  readonly bytes: Buffer;
  /** Where the next entry goes. */
  end: number;
}

/**
 * The bridge's bounded FIFO between the socket and the bus. Records are packed into large shared chunks,
 * not kept as objects, so the byte limit holds the queue's real memory: the chunks allocated plus the
 * batch in flight (decoded for the bus) never exceed it. It is the buffer that rides out a slow or absent
 * Kafka.
 */
export class SendQueue {
  private readonly chunkBytes: number;
  /** Oldest first; the next record to take is in chunks[0] at readAt. */
  private chunks: Chunk[] = [];
  private readAt = 0;
  /** One emptied chunk kept for reuse, so a steady trickle does not allocate a chunk per batch. */
  private spare: Chunk | undefined;
  private count = 0;
  private waitingBytes = 0;
  private allocatedBytes = 0;
  /** Taken and not yet settled, oldest first. */
  private unsettled: QueuedRecord[] = [];
  private inFlightBytes = 0;
  private journal: Journal | undefined;

  constructor(
    readonly maxBytes: number,
    readonly policy: DropPolicy,
    private readonly onEvict: (evicted: { readonly timestampMs: number }) => void = () => {},
  ) {
    // Small chunks against the limit, so drop-oldest frees room in small steps.
    this.chunkBytes = Math.min(maxBytes, MAX_CHUNK, Math.max(2048, Math.floor(maxBytes / 32)));
  }

  get length(): number {
    return this.count;
  }

  /** Bytes of records held: waiting plus in flight. */
  get bytes(): number {
    return this.waitingBytes + this.inFlightBytes;
  }

  /** Memory the queue holds against its limit: chunks allocated plus the batch in flight. */
  get memoryBytes(): number {
    return this.allocatedBytes + this.inFlightBytes;
  }

  get oldestQueuedAt(): number | undefined {
    return this.count > 0 ? (this.chunks[0] as Chunk).bytes.readDoubleLE(this.readAt) : undefined;
  }

  /** From now on accepted records are appended to `journal`, and acknowledgements committed to it. */
  useJournal(journal: Journal): void {
    this.journal = journal;
  }

  /** Adds a record; false when the policy refused it (drop-newest, or a record larger than the limit). */
  push(record: BusRecord, now: number): boolean {
    let chunk: Chunk | undefined;
    try {
      const tail = this.chunks.at(-1);
      // Mostly the tail chunk has room even for the upper bound, and the exact size need not be computed.
      if (tail && tail.bytes.length - tail.end >= ENTRY_HEADER + maxEncodedSize(record)) chunk = tail;
      else chunk = this.roomFor(ENTRY_HEADER + encodedSize(record));
      if (!chunk) return false;
      const at = chunk.end;
      const size = ENTRY_HEADER + encodeRecord(record, chunk.bytes, at + ENTRY_HEADER);
      const position = this.journal ? this.journal.append(chunk.bytes.subarray(at + ENTRY_HEADER, at + size)) : -1;
      this.commit(chunk, at, size, now, position);
      return true;
    } catch {
      // A key or header too long for the format (never a datagram's).
      return false;
    }
  }

  /** Re-queues a record the journal kept from an earlier run (`encoded` as record-codec wrote it). */
  restore(encoded: Uint8Array, position: number, now: number): boolean {
    const size = ENTRY_HEADER + encoded.byteLength;
    const chunk = this.roomFor(size);
    if (!chunk) return false;
    chunk.bytes.set(encoded, chunk.end + ENTRY_HEADER);
    this.commit(chunk, chunk.end, size, now, position);
    return true;
  }

  /**
   * Takes the next batch off the queue: at most `maxRecords`, and at most `maxWireBytes` as a Kafka record
   * batch (always at least one record). Its bytes stay charged until `settle`.
   */
  take(maxRecords: number, maxWireBytes: number): QueuedRecord[] {
    const batch: QueuedRecord[] = [];
    let wire = RECORD_BATCH_OVERHEAD;
    while (this.count > 0 && batch.length < maxRecords) {
      const chunk = this.chunks[0] as Chunk;
      const at = this.readAt;
      const decoded = decodeRecord(chunk.bytes, at + ENTRY_HEADER);
      if (batch.length > 0 && wire + decoded.wireBytes > maxWireBytes) break;
      wire += decoded.wireBytes;
      const cost = ENTRY_HEADER + decoded.size;
      batch.push({
        record: decoded.record,
        cost,
        queuedAt: chunk.bytes.readDoubleLE(at),
        wireBytes: decoded.wireBytes,
        position: chunk.bytes.readDoubleLE(at + 8),
      });
      this.inFlightBytes += cost;
      this.advance(cost);
    }
    this.unsettled.push(...batch);
    return batch;
  }

  /** Taken records are done with (written, or given up on for good); the journal may forget them. */
  settle(records: readonly QueuedRecord[]): void {
    const done = new Set(records);
    this.unsettled = this.unsettled.filter((r) => !done.has(r));
    for (const r of records) this.inFlightBytes -= r.cost;
    this.commitJournal();
  }

  private commit(chunk: Chunk, at: number, size: number, now: number, position: number): void {
    chunk.bytes.writeDoubleLE(now, at);
    chunk.bytes.writeDoubleLE(position, at + 8);
    chunk.end += size;
    this.count++;
    this.waitingBytes += size;
  }

  /** A chunk with `size` bytes free at its end, making room by policy; undefined when refused. */
  private roomFor(size: number): Chunk | undefined {
    // Never evict for a record that could not fit even in an empty queue.
    if (size > this.maxBytes) return undefined;
    let evicted = false;
    for (;;) {
      const tail = this.chunks.at(-1);
      if (tail && tail.bytes.length - tail.end >= size) break;
      if (this.spare && size <= this.chunkBytes) {
        this.chunks.push(this.spare);
        this.spare = undefined;
        continue;
      }
      if (this.spare) this.release(this.spare);
      this.spare = undefined;
      const capacity = Math.max(size, this.chunkBytes);
      if (this.memoryBytes + capacity <= this.maxBytes) {
        this.chunks.push({ bytes: Buffer.allocUnsafeSlow(capacity), end: 0 });
        this.allocatedBytes += capacity;
        continue;
      }
      if (this.policy === "drop-newest" || this.count === 0) return undefined;
      this.evictOldest();
      evicted = true;
    }
    if (evicted) this.commitJournal();
    return this.chunks.at(-1);
  }

  private evictOldest(): void {
    const chunk = this.chunks[0] as Chunk;
    const at = this.readAt;
    const size = ENTRY_HEADER + chunk.bytes.readUInt32LE(at + ENTRY_HEADER);
    this.onEvict({ timestampMs: chunk.bytes.readDoubleLE(at + ENTRY_HEADER + 4) });
    this.advance(size);
  }

  /** Moves past the oldest waiting record; a chunk read to its end is emptied for reuse. */
  private advance(size: number): void {
    this.readAt += size;
    this.count--;
    this.waitingBytes -= size;
    const head = this.chunks[0] as Chunk;
    if (this.readAt < head.end) return;
    this.readAt = 0;
    if (this.chunks.length === 1) {
      head.end = 0;
      return;
    }
    this.chunks.shift();
    head.end = 0;
    if (!this.spare && head.bytes.length === this.chunkBytes) this.spare = head;
    else this.release(head);
  }

  private release(chunk: Chunk): void {
    this.allocatedBytes -= chunk.bytes.length;
  }

  /** The journal may forget everything before the oldest record not yet done with. */
  private commitJournal(): void {
    if (!this.journal) return;
    const oldest = this.unsettled[0]?.position ?? this.headPosition();
    if (oldest >= 0) this.journal.commit(oldest);
  }

  private headPosition(): number {
    if (this.count === 0) return this.journal?.end ?? -1;
    return (this.chunks[0] as Chunk).bytes.readDoubleLE(this.readAt + 8);
  }
}
