// kafkajs's record and record batch encoders, each written once into a buffer of its exact size (kafkajs built three
// growing, zero-filled encoders per record and copied each batch three times). Same bytes; compressed batches are
// left to kafkajs.
import { createRequire } from "node:module";
import { crc32c } from "./crc32c.ts";
import { isEncoder, type KafkajsEncoder } from "./encoder.ts";
import { originalModule } from "./modules.ts";

const require = createRequire(import.meta.url);

const EncoderOfKafkajs = require("kafkajs/src/protocol/encoder.js") as new (size: number) => KafkajsEncoder;

/** ZigZag, as kafkajs's varint and varlong writers encode signed values (exact up to 2^52). */
const zigzag = (v: number): number => (v >= 0 ? v * 2 : -v * 2 - 1);

function uvarintSize(u: number): number {
  let n = 1;
  for (let rest = u; rest >= 128; rest = Math.floor(rest / 128)) n++;
  return n;
}

function writeUvarint(buf: Buffer, at: number, u: number): number {
  let pos = at;
  let rest = u;
  for (; rest >= 128; rest = Math.floor(rest / 128)) buf[pos++] = (rest % 128) | 128;
  buf[pos++] = rest;
  return pos;
}

type Bytes = Buffer | null;
const bytesOf = (v: unknown): Bytes => (v == null ? null : Buffer.isBuffer(v) ? v : Buffer.from(String(v)));
/** A varint length (-1 for null) and the bytes. */
const fieldSize = (b: Bytes): number => (b === null ? 1 : uvarintSize(b.length * 2) + b.length);

interface RecordInput {
  readonly offsetDelta?: number;
  readonly timestampDelta?: number;
  readonly key?: unknown;
  readonly value?: unknown;
  readonly headers?: Readonly<Record<string, unknown>>;
}

/** kafkajs's record v0 (length, attributes, timestamp and offset deltas, key, value, headers), written once. */
export function encodeRecord({
  offsetDelta = 0,
  timestampDelta = 0,
  key,
  value,
  headers = {},
}: RecordInput): KafkajsEncoder {
  const k = bytesOf(key);
  const v = bytesOf(value);
  const pairs: Bytes[] = [];
  for (const name of Object.keys(headers)) {
    const h = headers[name];
    for (const one of Array.isArray(h) ? h : [h]) pairs.push(Buffer.from(name), bytesOf(one));
  }
  const count = pairs.length / 2;
  let body = 1 + uvarintSize(zigzag(timestampDelta)) + uvarintSize(zigzag(offsetDelta)) + fieldSize(k) + fieldSize(v);
  body += uvarintSize(zigzag(count));
  for (const p of pairs) body += fieldSize(p);
  const size = uvarintSize(zigzag(body)) + body;
  const buf = Buffer.allocUnsafe(size);
  let at = writeUvarint(buf, 0, zigzag(body));
  buf[at++] = 0;
  at = writeUvarint(buf, at, zigzag(timestampDelta));
  at = writeUvarint(buf, at, zigzag(offsetDelta));
  const field = (b: Bytes) => {
    if (b === null) buf[at++] = 1;
    else {
      at = writeUvarint(buf, at, b.length * 2);
      at += b.copy(buf, at);
    }
  };
  field(k);
  field(v);
  at = writeUvarint(buf, at, zigzag(count));
  for (const p of pairs) field(p);
  // A real kafkajs Encoder holding exactly these bytes (the batch encoder checks for one).
  const encoder = new EncoderOfKafkajs(0);
  encoder.buf = buf;
  encoder.offset = size;
  return encoder;
}

interface Int64 {
  getHighBits(): number;
  getLowBits(): number;
}
const Int64OfKafkajs = require("kafkajs/src/utils/long.js") as {
  fromValue(v: unknown): Int64;
  fromInt(v: number): Int64;
};

function writeInt64(buf: Buffer, at: number, value: unknown): void {
  const long = Int64OfKafkajs.fromValue(value);
  buf.writeInt32BE(long.getHighBits(), at);
  buf.writeInt32BE(long.getLowBits(), at + 4);
}

interface RecordBatchOptions {
  readonly compression?: number;
  readonly firstOffset?: unknown;
  readonly firstTimestamp?: unknown;
  readonly maxTimestamp?: unknown;
  readonly partitionLeaderEpoch?: number;
  readonly lastOffsetDelta?: number;
  readonly transactional?: boolean;
  readonly producerId?: unknown;
  readonly producerEpoch?: number;
  readonly firstSequence?: number;
  readonly records?: readonly unknown[];
}
type RecordBatchModule = { RecordBatch(o: RecordBatchOptions): Promise<KafkajsEncoder>; MAGIC_BYTE: number };
let originalRecordBatch: RecordBatchModule | undefined;

export const MAGIC_BYTE = 2;
/** firstOffset, batch length, partition leader epoch, magic, CRC: what comes before the checksummed part. */
const BEFORE_CRC_BODY = 8 + 4 + 4 + 1 + 4;
/** attributes, last offset delta, first and max timestamps, producer id and epoch, first sequence, count. */
const BODY_HEADER = 2 + 4 + 8 + 8 + 8 + 2 + 4 + 4;

/** kafkajs's record batch v0 (magic 2), uncompressed, written in one buffer of its exact size. */
export async function encodeRecordBatch(options: RecordBatchOptions): Promise<KafkajsEncoder> {
  const { compression = 0, records = [] } = options;
  if (compression !== 0 || !records.every(isEncoder)) {
    originalRecordBatch ??= originalModule("recordBatch/v0/index.js") as RecordBatchModule;
    return originalRecordBatch.RecordBatch(options);
  }
  const now = Date.now();
  let size = BEFORE_CRC_BODY + BODY_HEADER;
  for (const r of records) size += r.offset;
  const buf = Buffer.allocUnsafe(size);
  writeInt64(buf, 0, options.firstOffset ?? Int64OfKafkajs.fromInt(0));
  buf.writeInt32BE(size - 12, 8);
  buf.writeInt32BE(options.partitionLeaderEpoch ?? 0, 12);
  buf.writeInt8(MAGIC_BYTE, 16);
  let at = BEFORE_CRC_BODY;
  at = buf.writeInt16BE(options.transactional ? 16 : 0, at);
  at = buf.writeInt32BE(options.lastOffsetDelta ?? 0, at);
  writeInt64(buf, at, options.firstTimestamp ?? now);
  writeInt64(buf, at + 8, options.maxTimestamp ?? now);
  writeInt64(buf, at + 16, options.producerId ?? Int64OfKafkajs.fromValue(-1));
  at = buf.writeInt16BE(options.producerEpoch ?? 0, at + 24);
  at = buf.writeInt32BE(options.firstSequence ?? 0, at);
  at = buf.writeInt32BE(records.length, at);
  for (const r of records) at += r.buf.copy(buf, at, 0, r.offset);
  buf.writeUInt32BE(crc32c(buf.subarray(BEFORE_CRC_BODY)), 17);
  const encoder = new EncoderOfKafkajs(0);
  encoder.buf = buf;
  encoder.offset = size;
  return encoder;
}
