/**
 * Why a write to the bus failed, and whether trying the same records again can ever help. Kafka's error
 * types are read from the error or its causes (kafkajs wraps them), so this works on any back-end's errors.
 */
export const WRITE_ERROR_REASONS = [
  "unavailable",
  "too-large",
  "invalid-record",
  "invalid-timestamp",
  "not-authorized",
  "unknown-topic",
  "producer-state",
  "other",
] as const;
export type WriteErrorReason = (typeof WRITE_ERROR_REASONS)[number];

export interface WriteFailure {
  readonly reason: WriteErrorReason;
  /**
   * false: these records as sent can never be written (too large, refused by validation). The batch is split
   * to isolate them; a lone record that still fails is given up on. true: retry (the cause may go away,
   * including settings an operator can fix, such as permissions).
   */
  readonly retriable: boolean;
  /** Kafka's error type, when there is one (e.g. MESSAGE_TOO_LARGE). */
  readonly type?: string;
}

const BY_TYPE: Readonly<Record<string, Omit<WriteFailure, "type">>> = {
  MESSAGE_TOO_LARGE: { reason: "too-large", retriable: false },
  RECORD_LIST_TOO_LARGE: { reason: "too-large", retriable: false },
  INVALID_RECORD: { reason: "invalid-record", retriable: false },
  INVALID_TIMESTAMP: { reason: "invalid-timestamp", retriable: false },
  TOPIC_AUTHORIZATION_FAILED: { reason: "not-authorized", retriable: true },
  CLUSTER_AUTHORIZATION_FAILED: { reason: "not-authorized", retriable: true },
  SASL_AUTHENTICATION_FAILED: { reason: "not-authorized", retriable: true },
  UNKNOWN_TOPIC_OR_PARTITION: { reason: "unknown-topic", retriable: true },
  // The broker lost or refuses our producer's sequence state: a new producer id fixes it (the Kafka bus
  // makes one), at the price of a possible duplicate of what the broker had taken before.
  OUT_OF_ORDER_SEQUENCE_NUMBER: { reason: "producer-state", retriable: true },
  UNKNOWN_PRODUCER_ID: { reason: "producer-state", retriable: true },
  INVALID_PRODUCER_EPOCH: { reason: "producer-state", retriable: true },
  INVALID_PRODUCER_ID_MAPPING: { reason: "producer-state", retriable: true },
};

/** Unknown errors and Kafka's other error types are retried: giving up is for errors known to be final. */
export function classifyWriteError(error: unknown): WriteFailure {
  let e: unknown = error;
  let other: string | undefined;
  for (let depth = 0; depth < 8 && e && typeof e === "object"; depth++) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === "string" && BY_TYPE[type]) return { ...BY_TYPE[type], type };
    if (typeof type === "string" && !RETRIABLE_UNAVAILABLE.has(type)) other ??= type;
    e = (e as { cause?: unknown }).cause;
  }
  return other ? { reason: "other", retriable: true, type: other } : { reason: "unavailable", retriable: true };
}

/** Kafka's ways of saying "not now": a leader moving, replicas catching up, a request timing out. */
const RETRIABLE_UNAVAILABLE = new Set([
  "LEADER_NOT_AVAILABLE",
  "NOT_LEADER_FOR_PARTITION",
  "NOT_ENOUGH_REPLICAS",
  "NOT_ENOUGH_REPLICAS_AFTER_APPEND",
  "REQUEST_TIMED_OUT",
  "NETWORK_EXCEPTION",
  "BROKER_NOT_AVAILABLE",
  "KAFKA_STORAGE_ERROR",
  "NOT_CONTROLLER",
  "COORDINATOR_NOT_AVAILABLE",
  "CORRUPT_MESSAGE",
]);
