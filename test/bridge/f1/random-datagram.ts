import { FORMATS } from "../../../bridge/f1/formats/index.ts";
import { PACKET_ID, PACKET_NAMES } from "../../../bridge/f1/packet-ids.ts";
import { type Field, offsetOf, sizeOf } from "../../../bridge/f1/schema.ts";

/** [offset, length] of every char array in a layout placed at `base`. */
function stringRanges(field: Field, base: number): [number, number][] {
  if (field.kind === "string") return [[base, field.bytes]];
  if (field.kind === "array") {
    const step = sizeOf(field.of);
    return Array.from({ length: field.count }, (_, i) => stringRanges(field.of, base + i * step)).flat();
  }
  if (field.kind !== "struct") return [];
  const out: [number, number][] = [];
  let offset = base;
  for (const f of Object.values(field.fields)) {
    out.push(...stringRanges(f, offset));
    offset += sizeOf(f);
  }
  return out;
}

/**
 * Random bytes of a packet's exact size with a valid packetFormat, packetId and (for events) event code.
 * Char arrays get printable ASCII and a NUL terminator: random bytes there are not a name any game sends,
 * and decoders legitimately differ on invalid UTF-8.
 */
export function randomDatagram(
  packetFormat: number,
  packetId: number,
  size: number,
  eventCode: string | undefined,
  random: (n: number) => Buffer,
): Buffer {
  const format = FORMATS.find((f) => f.packetFormat === packetFormat);
  if (!format) throw new Error(`no format ${packetFormat}`);
  const bytes = random(size);
  bytes.writeUInt16LE(packetFormat, 0);
  bytes.writeUInt8(packetId, offsetOf(format.header, "packetId"));
  const headerSize = format.header.size;
  if (packetId === PACKET_ID.event && eventCode) bytes.write(eventCode, headerSize, "latin1");
  const name = PACKET_NAMES[packetId];
  const layout = (format.packets as Record<string, Field | undefined>)[name ?? ""];
  for (const [start, length] of layout ? stringRanges(layout, headerSize) : []) {
    for (let i = 0; i < length; i++) bytes[start + i] = 0x20 + ((bytes[start + i] ?? 0) % 95);
    bytes[start + length - 1] = 0;
  }
  return bytes;
}

/** A small seeded PRNG (mulberry32): tests that assert on random inputs give the same inputs on every run. */
export function seededRandom(seed: number): { int(n: number): number; bytes(n: number): Buffer } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { int, bytes: (n) => Buffer.from(Array.from({ length: n }, () => int(256))) };
}
