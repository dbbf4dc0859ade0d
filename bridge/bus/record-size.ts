/**
 * What Kafka counts against max.message.bytes: a v2 record batch, per partition, uncompressed. The size of a
 * record here is an upper bound (timestamp and offset deltas are taken at their widest), so a batch sized
 * with it is never larger on the wire than estimated.
 */

/** A record batch's header: base offset, length, epoch, magic, CRC, attributes, ..., record count. */
export const RECORD_BATCH_OVERHEAD = 61;

const WIDEST_TIMESTAMP_DELTA = 10;
const WIDEST_OFFSET_DELTA = 5;

/** Bytes of a zig-zag varint, as Kafka writes lengths and counts. */
export function varintBytes(n: number): number {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  let bytes = 1;
  while (v >= 128) {
    v = Math.floor(v / 128);
    bytes++;
  }
  return bytes;
}

const lengthPrefixed = (bytes: number) => varintBytes(bytes) + bytes;

/** Upper bound of one record's bytes in a record batch, from the byte lengths of its parts. */
export function recordBytes(keyBytes: number | null, valueBytes: number, headerBytes: readonly number[]): number {
  let body = 1 + WIDEST_TIMESTAMP_DELTA + WIDEST_OFFSET_DELTA;
  body += keyBytes === null ? varintBytes(-1) : lengthPrefixed(keyBytes);
  body += lengthPrefixed(valueBytes) + varintBytes(headerBytes.length / 2);
  for (const b of headerBytes) body += lengthPrefixed(b);
  return varintBytes(body) + body;
}
