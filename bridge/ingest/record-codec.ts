import { recordBytes } from "../bus/record-size.ts";
import type { BusRecord } from "../bus/types.ts";

/**
 * A record as one run of bytes, so the send queue and the spool hold records without an object per record:
 *   u32 size (all of it) | f64 timestampMs | u16 key length (0xffff: null) | key | u8 header count |
 *   per header: u16 name length | name | u16 value length | value | the value bytes to the end.
 */
const NULL_KEY = 0xffff;
const MAX_SHORT = 0xfffe;
const FIXED = 4 + 8 + 2 + 1;

/** Bytes `record` takes encoded; RangeError when a part is too long for the format (never for datagrams). */
export function encodedSize(record: BusRecord): number {
  let size = FIXED + record.value.byteLength;
  if (record.key !== null) size += short(Buffer.byteLength(record.key));
  const names = Object.keys(record.headers);
  if (names.length > 255) throw new RangeError("more than 255 headers");
  for (const name of names)
    size += 4 + short(Buffer.byteLength(name)) + short(Buffer.byteLength(record.headers[name] ?? ""));
  return size;
}

function short(n: number): number {
  if (n > MAX_SHORT) throw new RangeError("key or header longer than 65534 bytes");
  return n;
}

/** Writes `record` at `at`; `size` is encodedSize(record) and the target has room for it. */
export function encodeRecord(record: BusRecord, size: number, target: Buffer, at: number): void {
  target.writeUInt32LE(size, at);
  target.writeDoubleLE(record.timestampMs, at + 4);
  let p = at + 14;
  if (record.key === null) target.writeUInt16LE(NULL_KEY, at + 12);
  else {
    const n = target.write(record.key, p, "utf8");
    target.writeUInt16LE(n, at + 12);
    p += n;
  }
  const names = Object.keys(record.headers);
  target[p++] = names.length;
  for (const name of names) {
    p = writeShortString(target, p, name);
    p = writeShortString(target, p, record.headers[name] ?? "");
  }
  target.set(record.value, p);
}

function writeShortString(target: Buffer, at: number, text: string): number {
  const n = target.write(text, at + 2, "utf8");
  target.writeUInt16LE(n, at);
  return at + 2 + n;
}

export interface Decoded {
  readonly record: BusRecord;
  readonly size: number;
  /** Upper bound of the record's bytes in a Kafka record batch. */
  readonly wireBytes: number;
}

/** Reads the record at `at`; its value is a copy, so the source may be reused. */
export function decodeRecord(source: Buffer, at: number): Decoded {
  const size = source.readUInt32LE(at);
  const timestampMs = source.readDoubleLE(at + 4);
  const keyLength = source.readUInt16LE(at + 12);
  let p = at + 14;
  let key: string | null = null;
  if (keyLength !== NULL_KEY) {
    key = source.toString("utf8", p, p + keyLength);
    p += keyLength;
  }
  const count = source[p++] as number;
  const headers: Record<string, string> = {};
  const headerBytes: number[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = source.readUInt16LE(p);
    const name = source.toString("utf8", p + 2, p + 2 + nameLength);
    p += 2 + nameLength;
    const valueLength = source.readUInt16LE(p);
    headers[name] = source.toString("utf8", p + 2, p + 2 + valueLength);
    p += 2 + valueLength;
    headerBytes.push(nameLength, valueLength);
  }
  const value = new Uint8Array(source.subarray(p, at + size));
  const wireBytes = recordBytes(key === null ? null : keyLength, value.byteLength, headerBytes);
  return { record: { key, value, headers, timestampMs }, size, wireBytes };
}
