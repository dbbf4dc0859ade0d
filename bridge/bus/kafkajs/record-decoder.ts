// kafkajs's record decoder (fetch), with the same result: offsets and timestamps as plain numbers where exact (kafkajs
// parsed Long objects from strings for every record), the headers built in one object (kafkajs spread one per header).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface KafkajsDecoder {
  buffer: Buffer;
  offset: number;
  readInt8(): number;
  readVarInt(): number;
  readVarLong(): { toString(): string };
  readVarIntString(): string | null;
  readVarIntBytes(): Buffer | null;
}

interface Long {
  add(other: Long | { toString(): string }): Long;
  toString(): string;
}
const LongOfKafkajs = require("kafkajs/src/utils/long.js") as { fromValue(v: unknown): Long };
const LOG_APPEND_TIME = 1;

/** A varlong as a number while it fits in 49 bits (every offset delta and timestamp delta), else undefined. */
function readSmallVarLong(decoder: KafkajsDecoder): number | undefined {
  const buf = decoder.buffer;
  let at = decoder.offset;
  let unsigned = 0;
  let scale = 1;
  for (let n = 0; n < 7; n++) {
    const byte = buf[at++] as number;
    unsigned += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      decoder.offset = at;
      return unsigned % 2 === 0 ? unsigned / 2 : -(unsigned + 1) / 2;
    }
    scale *= 128;
  }
  return undefined;
}

/** `base` (a decimal int64 string) plus a delta, as kafkajs's Long arithmetic gives it. */
function addToDecimal(base: string, delta: number | { toString(): string }): string {
  const b = Number(base);
  if (typeof delta === "number" && Number.isSafeInteger(b)) {
    const sum = b + delta;
    if (Number.isSafeInteger(sum)) return String(sum);
  }
  return LongOfKafkajs.fromValue(base)
    .add(typeof delta === "number" ? LongOfKafkajs.fromValue(delta) : (delta as Long))
    .toString();
}

interface BatchContext {
  readonly firstOffset: string;
  readonly firstTimestamp: string;
  readonly magicByte: number;
  readonly isControlBatch?: boolean;
  readonly timestampType: number;
  readonly maxTimestamp: string;
}

/** kafkajs's record v0 decoder, with the same result. */
export function decodeRecord(decoder: KafkajsDecoder, batchContext = {} as BatchContext) {
  const { firstOffset, firstTimestamp, magicByte, isControlBatch = false, timestampType, maxTimestamp } = batchContext;
  const attributes = decoder.readInt8();
  const timestampDelta = readSmallVarLong(decoder) ?? decoder.readVarLong();
  const timestamp =
    timestampType === LOG_APPEND_TIME && maxTimestamp ? maxTimestamp : addToDecimal(firstTimestamp, timestampDelta);
  const offset = addToDecimal(firstOffset, decoder.readVarInt());
  const key = decoder.readVarIntBytes();
  const value = decoder.readVarIntBytes();
  const headers: Record<string, Buffer | null | (Buffer | null)[]> = {};
  const count = decoder.readVarInt();
  for (let i = 0; i < count; i++) {
    const name = decoder.readVarIntString() as string;
    const one = decoder.readVarIntBytes();
    // As kafkajs's reduce does it, inherited properties included (a header named toString becomes an array).
    const before = headers[name];
    const next = before === undefined ? one : Array.isArray(before) ? before.concat([one]) : [before, one];
    if (name !== "__proto__") headers[name] = next;
    // Defined, not assigned: a header named __proto__ is a property there (object spread), not the prototype.
    else Object.defineProperty(headers, name, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return {
    magicByte,
    attributes,
    timestamp,
    offset,
    key,
    value,
    headers,
    isControlRecord: isControlBatch,
    batchContext,
  };
}
