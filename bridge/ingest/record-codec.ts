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
  const names = headerNames(record);
  for (const name of names)
    size += 4 + short(Buffer.byteLength(name)) + short(Buffer.byteLength(record.headers[name] ?? ""));
  return size;
}

/** An upper bound of encodedSize, cheaper to get: UTF-8 takes at most 3 bytes per UTF-16 unit. */
export function maxEncodedSize(record: BusRecord): number {
  let units = record.key?.length ?? 0;
  const names = headerNames(record);
  for (const name of names) units += name.length + (record.headers[name]?.length ?? 0);
  return FIXED + record.value.byteLength + 4 * names.length + 3 * units;
}

function headerNames(record: BusRecord): string[] {
  const names = Object.keys(record.headers);
  if (names.length > 255) throw new RangeError("more than 255 headers");
  return names;
}

function short(n: number): number {
  if (n > MAX_SHORT) throw new RangeError("key or header longer than 65534 bytes");
  return n;
}

/** Writes `record` at `at` (the target has room for maxEncodedSize or encodedSize); returns its size. */
export function encodeRecord(record: BusRecord, target: Buffer, at: number): number {
  target.writeDoubleLE(record.timestampMs, at + 4);
  let p = at + 14;
  if (record.key === null) target.writeUInt16LE(NULL_KEY, at + 12);
  else {
    const n = short(target.write(record.key, p, "utf8"));
    target.writeUInt16LE(n, at + 12);
    p += n;
  }
  const names = Object.keys(record.headers);
  target[p++] = names.length;
  for (const name of names) {
    p = writeName(target, p, name);
    p = writeShortString(target, p, record.headers[name] ?? "");
  }
  target.set(record.value, p);
  const size = p + record.value.byteLength - at;
  target.writeUInt32LE(size, at);
  return size;
}

function writeShortString(target: Buffer, at: number, text: string): number {
  const n = short(target.write(text, at + 2, "utf8"));
  target.writeUInt16LE(n, at);
  return at + 2 + n;
}

/** Header names repeat on every record: encoded once (a handful, so the cache stays tiny). */
const encodedNames = new Map<string, Buffer>();

function writeName(target: Buffer, at: number, name: string): number {
  let bytes = encodedNames.get(name);
  if (bytes === undefined) {
    if (encodedNames.size >= 64) encodedNames.clear();
    const encoded = Buffer.from(name, "utf8");
    bytes = Buffer.alloc(2 + encoded.length);
    bytes.writeUInt16LE(short(encoded.length));
    encoded.copy(bytes, 2);
    encodedNames.set(name, bytes);
  }
  for (let i = 0; i < bytes.length; i++) target[at + i] = bytes[i] as number;
  return at + bytes.length;
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
