import { BRIDGE_OPTIONS, BUS_OPTIONS } from "../../bridge/config/bridge-config.ts";
import type { Config, OptionSpecs } from "../../bridge/config/options.ts";
import { SlipstreamError } from "../../bridge/errors.ts";
import type { TopicRange } from "./topic-recorder.ts";

/** `slipstream record`: the UDP settings are the bridge's own declarations, so both listen alike. */
export const RECORD_OPTIONS = {
  udpHost: BRIDGE_OPTIONS.udpHost,
  udpPort: BRIDGE_OPTIONS.udpPort,
  receiveBufferBytes: BRIDGE_OPTIONS.receiveBufferBytes,
  durationS: {
    type: "integer",
    flag: "duration",
    default: 0,
    min: 0,
    max: 2_000_000, // setTimeout's limit is 2^31 - 1 ms
    help: "UDP: stop after this many seconds (0: at Ctrl-C).",
  },
  fromTopic: {
    type: "optional-string",
    flag: "from-topic",
    default: undefined,
    help: "Record a range of this Kafka topic (e.g. slipstream.raw) instead of listening on UDP. Needs --kafka-brokers; entries are in receive order, timed by the bridge's receive-time header.",
  },
  kafkaBrokers: BUS_OPTIONS.kafkaBrokers,
  kafkaClientId: { ...BUS_OPTIONS.kafkaClientId, default: "slipstream-record" },
  fromOffset: {
    type: "optional-string",
    flag: "from-offset",
    default: undefined,
    help: "Topic: first offset recorded, in every partition (default: the oldest kept).",
  },
  toOffset: {
    type: "optional-string",
    flag: "to-offset",
    default: undefined,
    help: "Topic: first offset NOT recorded, in every partition (default: the end when recording starts).",
  },
  fromTime: {
    type: "optional-string",
    flag: "from-time",
    default: undefined,
    help: "Topic: records received at or after this time (ISO 8601, e.g. 2026-05-01T14:00:00Z, or ms since the epoch).",
  },
  toTime: {
    type: "optional-string",
    flag: "to-time",
    default: undefined,
    help: "Topic: records received before this time (ISO 8601 or ms since the epoch).",
  },
  force: {
    type: "boolean",
    flag: "force",
    default: false,
    help: "Replace FILE if it exists (otherwise an existing file is an error).",
  },
} as const satisfies OptionSpecs;

export type RecordConfig = Config<typeof RECORD_OPTIONS>;

function offset(flag: string, raw: string | undefined): bigint | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim())) {
    throw new SlipstreamError("invalid-config", `--${flag}: ${JSON.stringify(raw)} is not an offset (a whole number)`);
  }
  return BigInt(raw.trim());
}

function time(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const ms = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Date.parse(raw);
  if (!Number.isFinite(ms)) {
    throw new SlipstreamError(
      "invalid-config",
      `--${flag}: ${JSON.stringify(raw)} is not a time (ISO 8601 or ms since the epoch)`,
    );
  }
  return ms;
}

/** The topic range from the flags; throws SlipstreamError("invalid-config") naming the flag. */
export function topicRange(config: RecordConfig): TopicRange {
  const range = {
    fromOffset: offset("from-offset", config.fromOffset),
    toOffset: offset("to-offset", config.toOffset),
    fromTimeMs: time("from-time", config.fromTime),
    toTimeMs: time("to-time", config.toTime),
  };
  if (range.fromOffset !== undefined && range.toOffset !== undefined && range.toOffset < range.fromOffset) {
    throw new SlipstreamError("invalid-config", "--to-offset is before --from-offset");
  }
  if (range.fromTimeMs !== undefined && range.toTimeMs !== undefined && range.toTimeMs < range.fromTimeMs) {
    throw new SlipstreamError("invalid-config", "--to-time is before --from-time");
  }
  return range;
}
