// A sink that refuses what a Kafka broker refuses: a record batch (per key, standing in for a partition)
// larger than max.message.bytes, measured with kafkajs's own encoder, failing with kafkajs's own error.
import { createRequire } from "node:module";
import kafkajs from "kafkajs";
import type { BusRecord, RecordSink } from "../../../bridge/bus/types.ts";
import { SlipstreamError } from "../../../bridge/errors.ts";

const require = createRequire(import.meta.url);
type Encoder = { buffer: Buffer };
const Record = require("kafkajs/src/protocol/recordBatch/record/v0") as (r: object) => Encoder;
const { RecordBatch } = require("kafkajs/src/protocol/recordBatch/v0") as {
  RecordBatch(b: object): Promise<Encoder>;
};
const { createErrorFromCode } = require("kafkajs/src/protocol/error") as { createErrorFromCode(code: number): Error };

/** Kafka's default message.max.bytes. */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

/** The bytes Kafka counts for `records` as one record batch. */
export async function recordBatchBytes(records: readonly BusRecord[]): Promise<number> {
  const first = records[0]?.timestampMs ?? 0;
  const batch = await RecordBatch({
    firstTimestamp: first,
    maxTimestamp: Math.max(...records.map((r) => r.timestampMs)),
    records: records.map((r, i) =>
      Record({
        offsetDelta: i,
        timestampDelta: r.timestampMs - first,
        key: r.key === null ? null : Buffer.from(r.key),
        value: Buffer.from(r.value),
        headers: r.headers,
      }),
    ),
  });
  return batch.buffer.length;
}

/** What KafkaBus throws for a Kafka protocol error code (10: MESSAGE_TOO_LARGE, 87: INVALID_RECORD). */
export function kafkaWriteError(code: number): Error {
  const protocolError = createErrorFromCode(code);
  // As kafkajs's retrier wraps it (its typings leave out the second argument).
  const Wrapper = kafkajs.KafkaJSNonRetriableError as unknown as new (e: Error, o: { cause: Error }) => Error;
  const nonRetriable = new Wrapper(protocolError, { cause: protocolError });
  return new SlipstreamError("bus-write-failed", "Kafka did not take the records", { cause: nonRetriable });
}

export class KafkaLikeSink implements RecordSink {
  readonly written: BusRecord[] = [];
  /** Sizes of the record batches taken, per key. */
  readonly batchBytes: number[] = [];
  refused = 0;

  constructor(
    readonly maxMessageBytes = KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
    /** What the sink tells the loop (KafkaBus reads it from the topic); undefined: says nothing. */
    private readonly advertised: number | undefined = undefined,
  ) {}

  maxBatchBytes(): number | undefined {
    return this.advertised;
  }

  async write(_topic: string, records: readonly BusRecord[]): Promise<void> {
    const byKey = new Map<string | null, BusRecord[]>();
    for (const r of records) {
      const list = byKey.get(r.key);
      if (list) list.push(r);
      else byKey.set(r.key, [r]);
    }
    const sizes = await Promise.all([...byKey.values()].map(recordBatchBytes));
    if (sizes.some((s) => s > this.maxMessageBytes)) {
      this.refused++;
      throw kafkaWriteError(10);
    }
    this.batchBytes.push(...sizes);
    this.written.push(...records);
  }
}
