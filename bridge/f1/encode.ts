/**
 * The inverse of decode(): a DecodedPacket back to the game's datagram, byte for byte, for every format 2018-2026.
 * The writers are compiled from the same layouts as the readers (schema-writer.ts), once per layout at load.
 *
 * encode(decode(bytes)) gives back `bytes` except where the decoder drops information (test/bridge/f1/encode.test.ts
 * checks every capture and names each exception it meets):
 * - the Event packet's details union past the event's own details (bytes no event reads) is written as zeros;
 * - a string's bytes after its NUL terminator are zeros, and invalid UTF-8 (decoded as U+FFFD) is written as the
 *   UTF-8 of U+FFFD; a string is always NUL-terminated, so a name filling its whole field without a NUL loses its
 *   last character(s);
 * - a float NaN is written as the canonical NaN, whatever payload bits the game's NaN had.
 * Out-of-range values are clamped, never refused (schema-writer.ts says how). What cannot be clamped throws: a
 * packetFormat we do not support, a packet name the format does not have, an event code the format does not have.
 */

import { type DecodedPacket, FORMATS, type SupportedFormat } from "./formats/index.ts";
import { PACKET_ID, type PacketName } from "./packet-ids.ts";
import { offsetOf, type StructField } from "./schema.ts";
import { compileWriter, emptyStruct } from "./schema-writer.ts";

/** A compiled writer, seen through the packet union (each plan's writer matches its own layout). */
type Writer = (view: DataView, offset: number, value: unknown) => void;
const writerOf = (layout: StructField): Writer => compileWriter(layout) as unknown as Writer;

interface EventEncodePlan {
  readonly code: string;
  /** The code's 4 ASCII bytes as a little-endian u32. */
  readonly key: number;
  readonly details: StructField | null;
  readonly write: Writer | null;
  /** Bytes of the union after this event's details, written as zeros. */
  readonly tail: number;
}

interface PacketEncodePlan {
  readonly name: PacketName;
  readonly packetId: number;
  readonly size: number;
  readonly body: StructField | undefined;
  readonly write: Writer | undefined;
}

interface FormatEncodePlan {
  readonly packetFormat: number;
  readonly header: StructField;
  readonly writeHeader: Writer;
  readonly headerSize: number;
  readonly packetFormatOffset: number;
  readonly packetIdOffset: number;
  readonly eventDetailsBytes: number;
  readonly packets: ReadonlyMap<string, PacketEncodePlan>;
  readonly events: ReadonlyMap<string, EventEncodePlan>;
}

const codeKey = (code: string): number => new DataView(new TextEncoder().encode(code).buffer).getUint32(0, true);

const PLANS = new Map<number, FormatEncodePlan>(
  FORMATS.map((definition) => {
    const headerSize = definition.header.size;
    const packets = new Map<string, PacketEncodePlan>();
    for (const [name, layout] of Object.entries(definition.packets) as [PacketName, StructField][]) {
      const packetId = PACKET_ID[name];
      packets.set(name, { name, packetId, size: headerSize + layout.size, body: layout, write: writerOf(layout) });
    }
    const eventSize = headerSize + 4 + definition.eventDetailsBytes;
    packets.set("event", {
      name: "event",
      packetId: PACKET_ID.event,
      size: eventSize,
      body: undefined,
      write: undefined,
    });
    const events = new Map<string, EventEncodePlan>();
    for (const [code, layout] of Object.entries(definition.events) as [string, StructField | null][]) {
      const tail = definition.eventDetailsBytes - (layout?.size ?? 0);
      events.set(code, {
        code,
        key: codeKey(code),
        details: layout,
        write: layout ? writerOf(layout) : null,
        tail,
      });
    }
    const plan: FormatEncodePlan = {
      packetFormat: definition.packetFormat,
      header: definition.header,
      writeHeader: writerOf(definition.header),
      headerSize,
      packetFormatOffset: offsetOf(definition.header, "packetFormat"),
      packetIdOffset: offsetOf(definition.header, "packetId"),
      eventDetailsBytes: definition.eventDetailsBytes,
      packets,
      events,
    };
    return [definition.packetFormat, plan];
  }),
);

function formatPlan(packetFormat: number): FormatEncodePlan {
  const plan = PLANS.get(packetFormat);
  if (!plan) throw new RangeError(`packetFormat ${packetFormat} is not supported (2018 to 2026)`);
  return plan;
}

function packetPlan(plan: FormatEncodePlan, name: string): PacketEncodePlan {
  const packet = plan.packets.get(name);
  if (!packet) throw new RangeError(`packetFormat ${plan.packetFormat} has no ${name} packet`);
  return packet;
}

function eventPlan(plan: FormatEncodePlan, code: unknown): EventEncodePlan {
  const event = plan.events.get(code as string);
  if (!event)
    throw new RangeError(`event code ${JSON.stringify(code)} does not exist in packetFormat ${plan.packetFormat}`);
  return event;
}

/** The datagram size of a packet (header included), as the game sends it. */
export function encodedSize(packetFormat: number, name: PacketName): number {
  return packetPlan(formatPlan(packetFormat), name).size;
}

function write(packet: DecodedPacket, view: DataView, offset: number, plan: FormatEncodePlan, p: PacketEncodePlan) {
  plan.writeHeader(view, offset, packet.header);
  // The datagram says what it is: packetFormat and packetId follow the packet, not the header object.
  view.setUint16(offset + plan.packetFormatOffset, plan.packetFormat, true);
  view.setUint8(offset + plan.packetIdOffset, p.packetId);
  const body = offset + plan.headerSize;
  if (p.write) {
    p.write(view, body, packet.data);
    return;
  }
  const data = packet.data as { eventStringCode?: unknown; eventDetails?: unknown } | null | undefined;
  const event = eventPlan(plan, data?.eventStringCode);
  view.setUint32(body, event.key, true);
  let at = body + 4;
  if (event.write && event.details) {
    event.write(view, at, data?.eventDetails as never);
    at += event.details.size;
  }
  for (let i = 0; i < event.tail; i++) view.setUint8(at + i, 0);
}

/**
 * Encodes a packet (what decode() returns) into a new datagram. Never throws for a supported packetFormat, a packet
 * the format has and (for events) an event code the format has: values are clamped, missing values written as 0.
 */
export function encode(packet: DecodedPacket): Uint8Array {
  const plan = formatPlan(packet.packetFormat);
  const p = packetPlan(plan, packet.name);
  // Written in a scratch buffer and copied out: one allocation (the datagram's own), no DataView per call.
  write(packet, scratchView, 0, plan, p);
  return scratch.slice(0, p.size);
}

const LARGEST = Math.max(...[...PLANS.values()].flatMap((plan) => [...plan.packets.values()].map((p) => p.size)));
const scratch = new Uint8Array(LARGEST);
const scratchView = new DataView(scratch.buffer);

let lastTarget: Uint8Array | undefined;
let lastView: DataView | undefined;

function viewOf(target: Uint8Array): DataView {
  if (target !== lastTarget || !lastView) {
    lastTarget = target;
    lastView = new DataView(target.buffer, target.byteOffset, target.byteLength);
  }
  return lastView;
}

/**
 * Encodes a packet into `target` at `offset` and returns the datagram's size: the fast path for a sender that reuses
 * its buffers (about twice encode()'s rate: no allocation). Every byte of the datagram's range is written, nothing
 * outside it. Throws a RangeError when the datagram does not fit.
 */
export function encodeInto(packet: DecodedPacket, target: Uint8Array, offset = 0): number {
  const plan = formatPlan(packet.packetFormat);
  const p = packetPlan(plan, packet.name);
  if (!(offset >= 0) || offset + p.size > target.byteLength) {
    throw new RangeError(`a ${p.size}-byte ${packet.packetFormat} ${p.name} datagram does not fit at offset ${offset}`);
  }
  write(packet, viewOf(target), offset, plan, p);
  return p.size;
}

/** The packets of one format. */
export type PacketOf<F extends SupportedFormat, N extends string> = Extract<
  DecodedPacket,
  { packetFormat: F; name: N }
>;
export type PacketNameOf<F extends SupportedFormat> = Extract<DecodedPacket, { packetFormat: F }>["name"];
type EventPacketOf<F extends SupportedFormat> = Extract<DecodedPacket, { packetFormat: F; name: "event" }>;
export type EventCodeOf<F extends SupportedFormat> = EventPacketOf<F>["data"]["eventStringCode"];
/** The Event packet of one format carrying one event code. */
export type EventPacket<F extends SupportedFormat, C extends string> = EventPacketOf<F> & {
  data: Extract<EventPacketOf<F>["data"], { eventStringCode: C }>;
};

/**
 * A packet of the right shape with every value zero (what all-zero bytes decode to: 0, "" and "0" for the
 * sessionUID), arrays at their full length, and the header's packetFormat and packetId set. A simulator fills in what
 * it knows and encodes it. Event packets carry `eventCode` (SSTA, which every format has, by default) and its
 * zeroed details. Every call returns a fresh object.
 */
export function emptyPacket<F extends SupportedFormat, C extends EventCodeOf<F>>(
  packetFormat: F,
  name: "event",
  eventCode: C,
): EventPacket<F, C>;
export function emptyPacket<F extends SupportedFormat, N extends PacketNameOf<F>>(
  packetFormat: F,
  name: N,
): PacketOf<F, N>;
export function emptyPacket(packetFormat: number, name: PacketName, eventCode = "SSTA"): DecodedPacket {
  const plan = formatPlan(packetFormat);
  const p = packetPlan(plan, name);
  const header = emptyStruct(plan.header) as Record<string, unknown>;
  header.packetFormat = packetFormat;
  header.packetId = p.packetId;
  let data: unknown;
  if (p.body) data = emptyStruct(p.body);
  else {
    const event = eventPlan(plan, eventCode);
    data = { eventStringCode: event.code, eventDetails: event.details ? emptyStruct(event.details) : null };
  }
  return { packetFormat, name, header, data } as DecodedPacket;
}

/** Every event code of a format, in the layout's order. */
export function eventCodes<F extends SupportedFormat>(packetFormat: F): EventCodeOf<F>[] {
  return [...formatPlan(packetFormat).events.keys()] as EventCodeOf<F>[];
}

/** Every packet name of a format (Event included), in packet id order. */
export function packetNames<F extends SupportedFormat>(packetFormat: F): PacketNameOf<F>[] {
  const packets = [...formatPlan(packetFormat).packets.values()].sort((a, b) => a.packetId - b.packetId);
  return packets.map((p) => p.name) as PacketNameOf<F>[];
}
