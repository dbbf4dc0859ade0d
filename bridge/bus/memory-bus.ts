import type { Bus, BusRecord, ConsumedRecord, SubscribeOptions, Subscription, TopicSpec } from "./types.ts";

/** FNV-1a: a cheap stable hash so one key always lands on one partition. */
function partitionFor(key: string | null, partitions: number, roundRobin: number): number {
  if (key === null) return roundRobin % partitions;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % partitions;
}

interface Topic {
  readonly partitions: ConsumedRecord[][];
}

interface Group {
  readonly offsets: Map<string, number>;
  readonly members: Set<Member>;
}

interface Member {
  readonly options: SubscribeOptions;
  draining: Promise<void>;
  stopped: boolean;
}

/**
 * The in-process bus of the embedded demo and of fast unit tests: topics, partitions by key, order per
 * partition, consumer groups with committed offsets. A group's partitions all go to its first live member
 * (no rebalancing across members: one process has no one to balance with). Retention is not enforced, so
 * it is for demos and tests, not long sessions.
 */
export class MemoryBus implements Bus {
  readonly kind = "memory";
  private readonly topics = new Map<string, Topic>();
  private readonly groups = new Map<string, Group>();
  private roundRobin = 0;

  async connect(): Promise<void> {}

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    for (const spec of specs) {
      if (!this.topics.has(spec.topic)) {
        this.topics.set(spec.topic, { partitions: Array.from({ length: spec.partitions }, () => []) });
      }
    }
  }

  async write(topic: string, records: readonly BusRecord[]): Promise<void> {
    const t = this.topics.get(topic);
    if (!t) throw new Error(`unknown topic ${topic}`);
    for (const record of records) {
      const partition = partitionFor(record.key, t.partitions.length, this.roundRobin++);
      const log = t.partitions[partition] as ConsumedRecord[];
      log.push({ ...record, topic, partition, offset: String(log.length) });
    }
    for (const group of this.groups.values()) for (const member of group.members) this.schedule(group, member);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    let group = this.groups.get(options.groupId);
    if (!group) {
      group = { offsets: new Map(), members: new Set() };
      this.groups.set(options.groupId, group);
    }
    const member: Member = { options, draining: Promise.resolve(), stopped: false };
    group.members.add(member);
    const g = group;
    this.schedule(g, member);
    return {
      stop: async () => {
        member.stopped = true;
        g.members.delete(member);
        await member.draining;
      },
    };
  }

  /** Delivers everything past the group's offsets, one partition batch at a time, never concurrently. */
  private schedule(group: Group, member: Member): void {
    member.draining = member.draining.then(async () => {
      if (member.stopped || [...group.members][0] !== member) return;
      for (const name of member.options.topics) {
        const topic = this.topics.get(name);
        if (!topic) continue;
        for (let p = 0; p < topic.partitions.length; p++) {
          const log = topic.partitions[p] as ConsumedRecord[];
          const key = `${name}/${p}`;
          const from = group.offsets.get(key) ?? (member.options.fromBeginning === false ? log.length : 0);
          if (from >= log.length) {
            group.offsets.set(key, from);
            continue;
          }
          const batch = log.slice(from);
          // A failing handler leaves the offset where it was: the batch is offered again on the next write.
          try {
            await member.options.onRecords(batch);
          } catch {
            return;
          }
          group.offsets.set(key, from + batch.length);
        }
      }
    });
  }

  async close(): Promise<void> {
    for (const group of this.groups.values()) {
      for (const member of group.members) member.stopped = true;
      group.members.clear();
    }
  }
}
