import { randomInt } from "node:crypto";
import { BRIDGE_OPTIONS, BUS_OPTIONS } from "../../bridge/config/bridge-config.ts";
import type { Check, Config, OptionSpecs } from "../../bridge/config/options.ts";
import { F1_UDP_PORT } from "../capture/input.ts";
import type { Impairments } from "./impair.ts";

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

/** A decimal number between `min` and `max` (the message reads after the value, as parseOptions words it). */
function decimalCheck(min: number, max: number): Check {
  return (value) => {
    const text = value.trim();
    if (!DECIMAL.test(text)) return "is not a number";
    const n = Number(text);
    if (n < min) return `is below ${min}`;
    if (n > max) return `is above ${max}`;
    return undefined;
  };
}
const probability = decimalCheck(0, 1);
const speedCheck = decimalCheck(0, 1e6);

/** `slipstream replay`: Kafka and topic settings are the bridge's declarations (same flags, same environment). */
export const REPLAY_OPTIONS = {
  to: {
    type: "string",
    flag: "to",
    default: `127.0.0.1:${F1_UDP_PORT}`,
    help: "UDP destination host:port (or [IPv6]:port): one datagram per entry, as the game sends.",
  },
  toTopic: {
    type: "boolean",
    flag: "to-topic",
    default: false,
    help: "Produce straight into <prefix>.raw on --kafka-brokers instead of UDP, with the bridge's headers (receive time now, the recorded source, --rig-id); only valid datagrams, as the bridge would.",
  },
  speed: {
    type: "string",
    flag: "speed",
    default: "1",
    check: (value) =>
      value.trim() === "max"
        ? undefined
        : value.trim() !== "" && Number(value) === 0
          ? "is not above 0"
          : speedCheck(value),
    help: "1: the recording's own pace; N: N times faster (0.5: half speed); max: as fast as the destination takes them.",
  },
  loop: { type: "boolean", flag: "loop", default: false, help: "Play again and again until Ctrl-C (--loops 0)." },
  loops: {
    type: "integer",
    flag: "loops",
    default: 1,
    min: 0,
    max: 1_000_000_000,
    help: "How many times to play (0: until Ctrl-C).",
  },
  startOffset: {
    type: "string",
    flag: "start-offset",
    default: "0",
    check: decimalCheck(0, 1e9),
    help: "Seconds of the recording to skip, from its first entry (decimals allowed), in every loop.",
  },
  newSessionPerLoop: {
    type: "boolean",
    flag: "new-session-per-loop",
    default: false,
    help: "Give every loop new sessionUIDs (rewritten in each datagram's header, the same within a loop), so consumers see each loop as its own session.",
  },
  loss: {
    type: "string",
    flag: "loss",
    default: "0",
    check: probability,
    help: "Probability (0 to 1) that an entry is not sent.",
  },
  duplicate: {
    type: "string",
    flag: "duplicate",
    default: "0",
    check: probability,
    help: "Probability (0 to 1) that an entry is sent twice.",
  },
  reorder: {
    type: "string",
    flag: "reorder",
    default: "0",
    check: probability,
    help: "Probability (0 to 1) that an entry is held back and sent just after the next one.",
  },
  jitterMs: {
    type: "string",
    flag: "jitter-ms",
    default: "0",
    check: decimalCheck(0, 60_000),
    help: "Delay each send by a random 0 to this many milliseconds (more than the gap between packets reorders them).",
  },
  seed: {
    type: "optional-string",
    flag: "seed",
    default: undefined,
    check: (value) => (/^\d{1,9}$/.test(value.trim()) ? undefined : "is not a whole number (up to 9 digits)"),
    help: "Seed of --loss, --duplicate, --reorder, --jitter-ms and new sessionUIDs: the same seed, the same replay (default: random, printed).",
  },
  pcapPort: {
    type: "integer",
    flag: "pcap-port",
    default: F1_UDP_PORT,
    min: 1,
    max: 65535,
    help: "pcap/pcapng input: the UDP port whose datagrams (to or from it) are replayed.",
  },
  kafkaBrokers: BUS_OPTIONS.kafkaBrokers,
  topicPrefix: BUS_OPTIONS.topicPrefix,
  kafkaClientId: { ...BUS_OPTIONS.kafkaClientId, default: "slipstream-replay" },
  rigId: BRIDGE_OPTIONS.rigId,
  topicPartitions: BRIDGE_OPTIONS.topicPartitions,
  topicRetentionMs: BRIDGE_OPTIONS.topicRetentionMs,
} as const satisfies OptionSpecs;

export type ReplayConfig = Config<typeof REPLAY_OPTIONS>;

export interface ReplaySettings {
  readonly speed: number | "max";
  readonly loops: number;
  readonly startOffsetUs: number;
  readonly impairments: Impairments;
  readonly seed: number;
  /** Whether the seed was chosen at random (the command prints it so the run can be repeated). */
  readonly randomSeed: boolean;
}

/** The settings from the (already checked) decimal flags. */
export function replaySettings(config: ReplayConfig): ReplaySettings {
  const seedText = config.seed?.trim();
  return {
    speed: config.speed.trim() === "max" ? "max" : Number(config.speed),
    loops: config.loop || config.loops === 0 ? Number.POSITIVE_INFINITY : config.loops,
    startOffsetUs: Math.round(Number(config.startOffset) * 1e6),
    impairments: {
      loss: Number(config.loss),
      duplicate: Number(config.duplicate),
      reorder: Number(config.reorder),
      jitterUs: Math.round(Number(config.jitterMs) * 1000),
    },
    seed: seedText === undefined ? randomInt(2 ** 31) : Number(seedText),
    randomSeed: seedText === undefined,
  };
}
