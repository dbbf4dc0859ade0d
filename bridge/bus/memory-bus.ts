import type { Bus, BusRecord, ConsumedRecord, SubscribeOptions, Subscription, TopicSpec } from "./types.ts";

/** FNV-1a: a cheap stable hash so one key always lands on one partition. */
function partitionFor(key: string | null, partitions: number, roundRobin: number): number {
  if (key === null) return roundRobin % partitions;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % partitions;
}

/** The JS objects around a record (record, headers, Buffer, offset string), measured at about 640 bytes. */
const RECORD_OVERHEAD = 640;

function costOf(record: BusRecord): number {
  let chars = record.key?.length ?? 0;
  for (const [k, v] of Object.entries(record.headers)) chars += k.length + v.length;
  return record.value.byteLength + 2 * chars + RECORD_OVERHEAD;
}

interface Stored {
  readonly record: ConsumedRecord;
  readonly cost: number;
  readonly storedAt: number;
}

/** One partition's log. `entries[head]` has offset `start`; the array is compacted now and then. */
class PartitionLog {
  entries: Stored[] = [];
  head = 0;
  start = 0;

  get end(): number {
    return this.start + this.entries.length - this.head;
  }

  append(record: BusRecord, topic: string, partition: number, now: number): Stored {
    const stored = {
      record: { ...record, topic, partition, offset: String(this.end) },
      cost: costOf(record),
      storedAt: now,
    };
    this.entries.push(stored);
    return stored;
  }

  first(): Stored | undefined {
    return this.entries[this.head];
  }

  deleteFirst(): void {
    this.head++;
    this.start++;
    // Amortised O(1): shifting one element at a time would copy the whole log per deletion.
    if (this.head >= 1024 && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  readFrom(offset: number): ConsumedRecord[] {
    return this.entries.slice(this.head + offset - this.start).map((s) => s.record);
  }
}

interface Topic {
  readonly name: string;
  readonly partitions: PartitionLog[];
  /** Partition of every retained record in write order: the oldest record of the topic is at the front. */
  order: number[];
  orderHead: number;
  bytes: number;
  deleted: number;
  offsetResets: number;
}

interface Group {
  readonly offsets: Map<string, number>;
  readonly members: Set<Member>;
}

/** readByAll() when no group has committed anything in a partition (or none reads the topic): nothing is read by all. */
const NOT_READ = -1;

interface Member {
  readonly options: SubscribeOptions;
  draining: Promise<void>;
  stopped: boolean;
  /** Where this member reads next, per "topic/partition" (ahead of the group's offsets under manualCommit). */
  readonly positions: Map<string, number>;
  readonly assigned: Set<string>;
}

export interface MemoryBusOptions {
  /** Most bytes one topic keeps (Kafka's retention.bytes, but per topic): the oldest records go first. */
  readonly retentionBytes?: number;
  /** Records are deleted this long after the bus stored them (the record's own timestamp is not trusted). */
  readonly retentionMs?: number;
  /**
   * Once every group reading a topic has committed past its oldest records, the topic keeps only this many
   * bytes: the rest of retentionBytes is for records a group has not read yet. Retained records are objects the
   * garbage collector marks again and again: 64 MiB of read records per topic made its major collections take
   * 100-300 ms in the one-process demo, a stall of every stage at once.
   */
  readonly consumedRetentionBytes?: number;
  readonly now?: () => number;
}

export const MEMORY_RETENTION_DEFAULTS = {
  retentionBytes: 64 * 1024 * 1024,
  retentionMs: 10 * 60 * 1000,
  consumedRetentionBytes: 4 * 1024 * 1024,
} as const;

export interface MemoryTopicStats {
  readonly topic: string;
  readonly retainedBytes: number;
  readonly retainedRecords: number;
  readonly deletedRecords: number;
  /** Times a group's position had fallen below the retained start and was moved to it. */
  readonly offsetResets: number;
}

/**
 * The in-process bus of the embedded demo and of fast unit tests: topics, partitions by key, order per
 * partition, consumer groups with committed offsets, and bounded retention per topic like Kafka's: the oldest
 * records are deleted, offsets keep increasing, and a group whose position was deleted resumes at the earliest
 * retained record (auto.offset.reset=earliest). A group's partitions all go to its first live member (no
 * rebalancing across members: one process has no one to balance with).
 */
export class MemoryBus implements Bus {
  readonly kind = "memory";
  private readonly topics = new Map<string, Topic>();
  private readonly groups = new Map<string, Group>();
  private readonly retentionBytes: number;
  private readonly retentionMs: number;
  private readonly consumedRetentionBytes: number;
  /** The groups that read each topic (a stopped group still counts, it may come back to its offsets; not an ephemeral one). */
  private readonly readers = new Map<string, Set<Group>>();
  private readonly now: () => number;
  private roundRobin = 0;

  constructor(options: MemoryBusOptions = {}) {
    this.retentionBytes = options.retentionBytes ?? MEMORY_RETENTION_DEFAULTS.retentionBytes;
    this.retentionMs = options.retentionMs ?? MEMORY_RETENTION_DEFAULTS.retentionMs;
    this.consumedRetentionBytes = options.consumedRetentionBytes ?? MEMORY_RETENTION_DEFAULTS.consumedRetentionBytes;
    this.now = options.now ?? Date.now;
  }

  async connect(): Promise<void> {}

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    for (const spec of specs) {
      if (this.topics.has(spec.topic)) continue;
      const partitions = Array.from({ length: spec.partitions }, () => new PartitionLog());
      this.topics.set(spec.topic, {
        name: spec.topic,
        partitions,
        order: [],
        orderHead: 0,
        bytes: 0,
        deleted: 0,
        offsetResets: 0,
      });
    }
  }

  async write(topic: string, records: readonly BusRecord[]): Promise<void> {
    const t = this.topics.get(topic);
    if (!t) throw new Error(`unknown topic ${topic}`);
    const now = this.now();
    for (const record of records) {
      const partition = partitionFor(record.key, t.partitions.length, this.roundRobin++);
      t.bytes += (t.partitions[partition] as PartitionLog).append(record, topic, partition, now).cost;
      t.order.push(partition);
    }
    this.enforceRetention(t, now);
    for (const group of this.groups.values()) for (const member of group.members) this.schedule(group, member);
  }

  stats(): MemoryTopicStats[] {
    return [...this.topics.values()].map((t) => ({
      topic: t.name,
      retainedBytes: t.bytes,
      retainedRecords: t.order.length - t.orderHead,
      deletedRecords: t.deleted,
      offsetResets: t.offsetResets,
    }));
  }

  /** Each group's committed position behind each partition's end (the pipeline monitor's consumer lag). */
  lag(): { group: string; topic: string; partition: number; lag: number }[] {
    const out: { group: string; topic: string; partition: number; lag: number }[] = [];
    for (const [group, g] of this.groups) {
      for (const [key, offset] of g.offsets) {
        const slash = key.lastIndexOf("/");
        const [topic, partition] = [key.slice(0, slash), Number(key.slice(slash + 1))];
        const log = this.topics.get(topic)?.partitions[partition];
        if (log) out.push({ group, topic, partition, lag: Math.max(0, log.end - offset) });
      }
    }
    return out;
  }

  /**
   * Deletes the topic's oldest records while it is over its byte limit or they are past its age limit, or
   * while it is over the consumed limit and every group reading the topic has committed past them.
   */
  private enforceRetention(t: Topic, now: number): void {
    while (t.orderHead < t.order.length) {
      const partition = t.order[t.orderHead] as number;
      const log = t.partitions[partition] as PartitionLog;
      const oldest = log.first() as Stored;
      const overLimits = t.bytes > this.retentionBytes || now - oldest.storedAt > this.retentionMs;
      if (!overLimits && (t.bytes <= this.consumedRetentionBytes || log.start >= this.readByAll(t.name, partition))) {
        break;
      }
      log.deleteFirst();
      t.bytes -= oldest.cost;
      t.deleted++;
      t.orderHead++;
    }
    if (t.orderHead >= 1024 && t.orderHead * 2 >= t.order.length) {
      t.order = t.order.slice(t.orderHead);
      t.orderHead = 0;
    }
  }

  /** The offset below which every group reading the topic has committed (NOT_READ when none reads it). */
  private readByAll(topic: string, partition: number): number {
    const key = `${topic}/${partition}`;
    let read = Number.POSITIVE_INFINITY;
    for (const group of this.readers.get(topic) ?? []) read = Math.min(read, group.offsets.get(key) ?? NOT_READ);
    return read === Number.POSITIVE_INFINITY ? NOT_READ : read;
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    let group = this.groups.get(options.groupId);
    if (!group) {
      group = { offsets: new Map(), members: new Set() };
      this.groups.set(options.groupId, group);
    }
    for (const topic of options.topics) {
      let readers = this.readers.get(topic);
      if (!readers) {
        readers = new Set();
        this.readers.set(topic, readers);
      }
      readers.add(group);
    }
    const member: Member = {
      options,
      draining: Promise.resolve(),
      stopped: false,
      positions: new Map(),
      assigned: new Set(),
    };
    group.members.add(member);
    const g = group;
    this.schedule(g, member);
    return {
      stop: async () => {
        member.stopped = true;
        g.members.delete(member);
        await member.draining;
        if (options.ephemeral && g.members.size === 0) this.forgetGroup(options.groupId, g);
        // The next member takes the partitions over from the group's committed offsets.
        const next = [...g.members][0];
        if (next) this.schedule(g, next);
      },
      commit: async (offsets) => {
        for (const o of offsets) g.offsets.set(`${o.topic}/${o.partition}`, Number(o.offset));
      },
    };
  }

  /** A group gone for good: its offsets no longer hold back the consumed-records retention. */
  private forgetGroup(groupId: string, group: Group): void {
    this.groups.delete(groupId);
    for (const readers of this.readers.values()) readers.delete(group);
  }

  /** Delivers everything past the group's offsets, one partition batch at a time, never concurrently. */
  private schedule(group: Group, member: Member): void {
    member.draining = member.draining.then(async () => {
      if (member.stopped || [...group.members][0] !== member) return;
      await this.assign(member);
      for (const name of member.options.topics) {
        const topic = this.topics.get(name);
        if (!topic) continue;
        this.enforceRetention(topic, this.now());
        for (let p = 0; p < topic.partitions.length; p++) {
          const log = topic.partitions[p] as PartitionLog;
          const key = `${name}/${p}`;
          let from =
            member.positions.get(key) ??
            group.offsets.get(key) ??
            (member.options.fromBeginning === false ? log.end : log.start);
          if (from < log.start) {
            topic.offsetResets++;
            from = log.start;
          }
          if (from >= log.end) {
            member.positions.set(key, from);
            if (!member.options.manualCommit) group.offsets.set(key, from);
            continue;
          }
          const batch = log.readFrom(from);
          // A failing handler leaves the offset where it was: the batch is offered again on the next write.
          try {
            await member.options.onRecords(batch);
          } catch {
            return;
          }
          member.positions.set(key, from + batch.length);
          if (!member.options.manualCommit) group.offsets.set(key, from + batch.length);
        }
      }
    });
  }

  /** The active member reads every partition of its topics: tell it about the ones it has not had yet. */
  private async assign(member: Member): Promise<void> {
    const fresh: { topic: string; partition: number }[] = [];
    for (const name of member.options.topics) {
      const topic = this.topics.get(name);
      for (let p = 0; p < (topic?.partitions.length ?? 0); p++) {
        const key = `${name}/${p}`;
        if (member.assigned.has(key)) continue;
        member.assigned.add(key);
        fresh.push({ topic: name, partition: p });
      }
    }
    if (fresh.length > 0) await member.options.onAssigned?.(fresh);
  }

  async close(): Promise<void> {
    for (const group of this.groups.values()) {
      for (const member of group.members) member.stopped = true;
      group.members.clear();
    }
  }
}
