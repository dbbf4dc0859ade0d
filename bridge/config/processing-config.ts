import { RECORD_OPTIONS } from "../../simulator/record/record-options.ts";
import { MAX_REORDER_WINDOW_MS } from "../processing/reorder/reorder-buffer.ts";
import { BRIDGE_OPTIONS, BUS_OPTIONS } from "./bridge-config.ts";
import type { OptionSpecs } from "./options.ts";

/** How the processing pipeline orders and throttles: shared by `processor`, `demo` and `analyze`. */
export const PIPELINE_OPTIONS = {
  reorderWindowMs: {
    type: "integer",
    flag: "reorder-window-ms",
    env: "SLIPSTREAM_REORDER_WINDOW_MS",
    default: 50,
    min: 0,
    max: MAX_REORDER_WINDOW_MS,
    help: "Reorder window: a datagram arriving up to this long after one it should precede is put back in order; later ones are counted as late and left out. It is the most latency ordering adds (0: off).",
  },
  reorderHold: {
    type: "choice",
    flag: "reorder-hold",
    env: "SLIPSTREAM_REORDER_HOLD",
    default: "adaptive",
    choices: ["adaptive", "fixed"],
    help: "adaptive: after 2 s at the whole window, hold datagrams only as long as the disorder the session has shown (x1.5, fading with a 30 s half-life), up to the window: no added latency on a clean stream, at the cost of counting as late (reorder.lateAdaptive) a datagram more out of order than anything seen lately. fixed: every datagram waits the whole window.",
  },
  carsRateHz: {
    type: "integer",
    flag: "cars-rate-hz",
    env: "SLIPSTREAM_CARS_RATE_HZ",
    default: 20,
    min: 1,
    max: 60,
    help: "Car frames for fans per second of session time (the player's car goes at the game's rate).",
  },
} as const satisfies OptionSpecs;

export const ANALYZE_OPTIONS = {
  ...PIPELINE_OPTIONS,
  json: {
    type: "boolean",
    flag: "json",
    default: false,
    help: "Print one JSON document instead of tables.",
  },
  kafkaTopic: {
    type: "optional-string",
    flag: "kafka-topic",
    default: undefined,
    help: "Analyze a range of this Kafka topic (e.g. slipstream.raw) as well as any FILE; needs --kafka-brokers; the range as `slipstream record --from-topic` takes it (--from-offset, --to-offset, --from-time, --to-time).",
  },
  kafkaBrokers: BUS_OPTIONS.kafkaBrokers,
  fromOffset: RECORD_OPTIONS.fromOffset,
  toOffset: RECORD_OPTIONS.toOffset,
  fromTime: RECORD_OPTIONS.fromTime,
  toTime: RECORD_OPTIONS.toTime,
  port: {
    type: "integer",
    flag: "port",
    default: 20777,
    min: 1,
    max: 65535,
    help: "pcap and pcapng inputs: the UDP port whose datagrams are read.",
  },
} as const satisfies OptionSpecs;

/** Where live state goes: Redis with REDIS_URL, else the in-memory store of the embedded demo. */
export const STATE_OPTIONS = {
  redisUrl: {
    type: "optional-string",
    flag: "redis-url",
    env: "REDIS_URL",
    default: undefined,
    check: (v) => (/^rediss?:\/\/\S+$/.test(v) ? undefined : "is not a redis:// or rediss:// URL"),
    help: "Redis for live state (redis://host:port). Empty: an in-memory store in this process.",
  },
  stateKeyPrefix: {
    type: "string",
    flag: "state-key-prefix",
    env: "SLIPSTREAM_STATE_KEY_PREFIX",
    default: "slipstream",
    help: "Prefix of every Redis key (see the README's key schema).",
  },
  sessionTtlS: {
    type: "integer",
    flag: "session-ttl",
    env: "SLIPSTREAM_SESSION_TTL",
    default: 60,
    min: 5,
    max: 7 * 24 * 3600,
    help: "Seconds a session stays in the live directory (and its snapshot in the store) after its last datagram.",
  },
} as const satisfies OptionSpecs;

export const PROCESSOR_OPTIONS = {
  ...BUS_OPTIONS,
  kafkaClientId: { ...BUS_OPTIONS.kafkaClientId, default: "slipstream-processor" },
  ...PIPELINE_OPTIONS,
  ...STATE_OPTIONS,
  groupId: {
    type: "string",
    flag: "group-id",
    env: "SLIPSTREAM_PROCESSOR_GROUP",
    default: "slipstream-processors",
    help: "Consumer group of the processors: processors in one group share the raw topic's partitions.",
  },
  processorId: {
    type: "optional-string",
    flag: "processor-id",
    env: "SLIPSTREAM_PROCESSOR_ID",
    default: undefined,
    help: "Name of this processor on the monitor (default: host name and process id).",
  },
  checkpointIntervalMs: {
    type: "integer",
    flag: "checkpoint-interval-ms",
    env: "SLIPSTREAM_CHECKPOINT_INTERVAL_MS",
    default: 5000,
    min: 50,
    max: 600_000,
    help: "How often each partition's state is checkpointed to the store and its offset committed: what a takeover re-reads. Each checkpoint encodes the whole state of every session held (about 4 ms per session), so shorter costs CPU.",
  },
  kafkaSessionTimeoutMs: {
    type: "integer",
    flag: "kafka-session-timeout-ms",
    env: "SLIPSTREAM_KAFKA_SESSION_TIMEOUT_MS",
    default: 10_000,
    min: 6000,
    max: 300_000,
    help: "How long Kafka waits for a silent processor before its partitions go to the others (the broker's group.min.session.timeout.ms is 6 s by default).",
  },
  traceStepM: {
    type: "integer",
    flag: "trace-step-m",
    env: "SLIPSTREAM_TRACE_STEP_M",
    default: 10,
    min: 1,
    max: 100,
    help: "Lap traces (speed, pedals, gear, steering by lap distance, every car, on <prefix>.traces): one sample every this many metres.",
  },
  topicPartitions: BRIDGE_OPTIONS.topicPartitions,
  topicRetentionMs: BRIDGE_OPTIONS.topicRetentionMs,
} as const satisfies OptionSpecs;
