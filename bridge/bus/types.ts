/** One record on the bus: Kafka's model (key, value bytes, string headers, timestamp). */
export interface BusRecord {
  readonly key: string | null;
  readonly value: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestampMs: number;
}

/** A record as read back, with where it sits. */
export interface ConsumedRecord extends BusRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  readonly retentionMs: number;
}

export type Acks = -1 | 0 | 1;

/** Records for one topic, in order. */
export interface TopicRecords {
  readonly topic: string;
  readonly records: readonly BusRecord[];
}

/** Where the bridge writes: resolves once the bus has taken the whole batch (per the acks setting). */
export interface RecordSink {
  write(topic: string, records: readonly BusRecord[]): Promise<void>;
  /** Several topics' records in one request where the bus can (Kafka); each topic's keep their order. */
  writeMany?(batches: readonly TopicRecords[]): Promise<void>;
  /** The most bytes one record batch for `topic` may hold on this bus (Kafka: max.message.bytes), if known. */
  maxBatchBytes?(topic: string): number | undefined;
}

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export interface Subscription {
  stop(): Promise<void>;
  /** With manualCommit: the next offset to read, per partition, as the group's committed position. */
  commit(offsets: readonly (TopicPartition & { readonly offset: string })[]): Promise<void>;
}

/**
 * A consumer group member: handlers run in order per partition; without manualCommit, the offsets handled are
 * committed in the background (Kafka: every second).
 */
export interface SubscribeOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning?: boolean;
  readonly onRecords: (records: readonly ConsumedRecord[]) => Promise<void> | void;
  /**
   * Offsets move only through Subscription.commit (say, after a checkpoint), not after each batch; a member
   * that takes a partition over starts from the last commit.
   */
  readonly manualCommit?: boolean;
  /** Partitions this member now reads (start, rebalance, a member gone); called before their records. */
  readonly onAssigned?: (partitions: readonly TopicPartition[]) => Promise<void> | void;
  /** Kafka: how long the group waits for a silent member before giving its partitions to others. */
  readonly sessionTimeoutMs?: number;
  /**
   * The group is this member's alone (a gateway's, named with a random suffix per start) and goes with it: deleted
   * when the subscription stops, so restarts do not leave a broker one group richer each time.
   */
  readonly ephemeral?: boolean;
  /** Partitions this member no longer reads (rebalance). */
  readonly onRevoked?: (partitions: readonly TopicPartition[]) => Promise<void> | void;
}

/** The one process interface with two back-ends: Kafka, or the in-process bus of the embedded demo. */
export interface Bus extends RecordSink {
  readonly kind: "kafka" | "memory";
  connect(): Promise<void>;
  ensureTopics(specs: readonly TopicSpec[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}
