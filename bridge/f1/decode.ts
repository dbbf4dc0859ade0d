import type { FormatDefinition } from "./format.ts";
import { type DecodedPacket, FORMATS } from "./formats/index.ts";
import { PACKET_ID, PACKET_NAMES, type PacketName } from "./packet-ids.ts";
import { type Rejection, unsupportedFormat } from "./rejection.ts";
import { compile, offsetOf, readString, readU64, type StructField, type StructReader } from "./schema.ts";

type Reader = StructReader<StructField["fields"]>;

interface PacketPlan {
  /** A located packet is its plan (no result object per datagram): see locate(). */
  readonly ok: true;
  readonly name: PacketName;
  readonly packetId: number;
  readonly size: number;
  readonly body: Reader | undefined;
  /** Set once the format's plan exists. */
  format: FormatPlan;
}

/** One event code of a format: its 4 ASCII bytes read as a little-endian u32 key, and its details reader. */
interface EventPlan {
  readonly code: string;
  readonly details: Reader | null;
}

/** Everything needed to validate and decode one format, computed once at load. */
interface FormatPlan {
  readonly definition: FormatDefinition;
  readonly headerSize: number;
  readonly header: Reader;
  readonly packetIdOffset: number;
  readonly frameOffset: number;
  readonly sessionUIDOffset: number;
  readonly sessionTimeOffset: number;
  /** overallFrameIdentifier (2023+ headers), else undefined. */
  readonly overallFrameOffset: number | undefined;
  readonly packets: ReadonlyMap<number, PacketPlan>;
  /** Keyed by the code's bytes as a u32: the bridge checks codes at one integer read per event datagram. */
  readonly events: ReadonlyMap<number, EventPlan>;
}

const codeKey = (code: string): number => new DataView(new TextEncoder().encode(code).buffer).getUint32(0, true);

function plan(definition: FormatDefinition): FormatPlan {
  const headerSize = definition.header.size;
  const packets = new Map<number, PacketPlan>();
  const format = undefined as unknown as FormatPlan;
  for (const [name, layout] of Object.entries(definition.packets) as [PacketName, StructField][]) {
    const packetId = PACKET_ID[name];
    packets.set(packetId, { ok: true, name, packetId, size: headerSize + layout.size, body: compile(layout), format });
  }
  const eventSize = headerSize + 4 + definition.eventDetailsBytes;
  packets.set(PACKET_ID.event, {
    ok: true,
    name: "event",
    packetId: PACKET_ID.event,
    size: eventSize,
    body: undefined,
    format,
  });
  const events = new Map<number, EventPlan>();
  for (const [code, layout] of Object.entries(definition.events)) {
    if (!/^[A-Z]{4}$/.test(code)) throw new Error(`${definition.packetFormat} event code ${code} is not 4 capitals`);
    if (layout && layout.size > definition.eventDetailsBytes) {
      throw new Error(`${definition.packetFormat} event ${code} details exceed the union`);
    }
    events.set(codeKey(code), { code, details: layout ? compile(layout) : null });
  }
  const formatPlan: FormatPlan = {
    definition,
    headerSize,
    header: compile(definition.header),
    packetIdOffset: offsetOf(definition.header, "packetId"),
    frameOffset: offsetOf(definition.header, "frameIdentifier"),
    sessionUIDOffset: offsetOf(definition.header, "sessionUID"),
    sessionTimeOffset: offsetOf(definition.header, "sessionTime"),
    overallFrameOffset:
      "overallFrameIdentifier" in definition.header.fields
        ? offsetOf(definition.header, "overallFrameIdentifier")
        : undefined,
    packets,
    events,
  };
  for (const packet of packets.values()) packet.format = formatPlan;
  return formatPlan;
}

const PLANS = new Map<number, FormatPlan>(FORMATS.map((f) => [f.packetFormat, plan(f)]));

export type DecodeResult = { ok: true; packet: DecodedPacket } | { ok: false; rejection: Rejection };

/** What the bridge needs from a datagram, read without decoding the body. */
export interface DatagramInfo {
  readonly packetFormat: number;
  readonly packetId: number;
  readonly name: PacketName;
  readonly sessionUID: string;
  readonly sessionTime: number;
  readonly frameIdentifier: number;
  /** 2023+ headers: the frame count that never goes back on a flashback. */
  readonly overallFrameIdentifier: number | undefined;
}

export type ValidateResult = { ok: true; info: DatagramInfo } | { ok: false; rejection: Rejection };

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

type Located = PacketPlan | { ok: false; rejection: Rejection };

/** Checks packetFormat, packetId, exact size and (for events) the event code, in that order. */
function locate(view: DataView): Located {
  const length = view.byteLength;
  if (length < 2) {
    return {
      ok: false,
      rejection: { reason: "truncated", detail: `${length} bytes is shorter than any packet header` },
    };
  }
  const packetFormat = view.getUint16(0, true);
  const plan = PLANS.get(packetFormat);
  if (!plan) return { ok: false, rejection: unsupportedFormat(packetFormat) };
  if (length < plan.headerSize) {
    const detail = `${length} bytes is shorter than the ${plan.headerSize}-byte ${packetFormat} header`;
    return { ok: false, rejection: { reason: "truncated", detail, packetFormat } };
  }
  const packetId = view.getUint8(plan.packetIdOffset);
  const packet = plan.packets.get(packetId);
  if (!packet) {
    const detail = `packetId ${packetId} does not exist in packetFormat ${packetFormat}`;
    return { ok: false, rejection: { reason: "unknown-packet-id", detail, packetFormat, packetId } };
  }
  if (length !== packet.size) {
    const detail = `${packetFormat} ${packet.name} (id ${packetId}) is ${packet.size} bytes, got ${length}`;
    return { ok: false, rejection: { reason: "size-mismatch", detail, packetFormat, packetId } };
  }
  if (packet.body) return packet;
  if (!plan.events.has(view.getUint32(plan.headerSize, true))) {
    const code = JSON.stringify(readString(view, plan.headerSize, 4));
    const detail = `event code ${code} does not exist in packetFormat ${packetFormat}`;
    return { ok: false, rejection: { reason: "unknown-event-code", detail, packetFormat, packetId } };
  }
  return packet;
}

/** Validates header, size and event code and reads the routing fields; does not decode the body. */
export function validateDatagram(bytes: Uint8Array): ValidateResult {
  const view = viewOf(bytes);
  const packet = locate(view);
  if (!packet.ok) return packet;
  const plan = packet.format;
  return {
    ok: true,
    info: {
      packetFormat: plan.definition.packetFormat,
      packetId: packet.packetId,
      name: packet.name,
      sessionUID: readU64(view, plan.sessionUIDOffset),
      sessionTime: view.getFloat32(plan.sessionTimeOffset, true),
      frameIdentifier: view.getUint32(plan.frameOffset, true),
      overallFrameIdentifier:
        plan.overallFrameOffset === undefined ? undefined : view.getUint32(plan.overallFrameOffset, true),
    },
  };
}

/** Decodes one datagram. Pure: never throws on any input, returns a typed rejection instead. */
export function decode(bytes: Uint8Array): DecodeResult {
  const view = viewOf(bytes);
  const packet = locate(view);
  if (!packet.ok) return packet;
  const plan = packet.format;
  const packetFormat = plan.definition.packetFormat;
  let data: unknown;
  const event = packet.body ? undefined : plan.events.get(view.getUint32(plan.headerSize, true));
  if (packet.body) data = packet.body(view, plan.headerSize);
  else if (event) {
    data = {
      eventStringCode: event.code,
      eventDetails: event.details ? event.details(view, plan.headerSize + 4) : null,
    };
  }
  const header = plan.header(view, 0);
  return { ok: true, packet: { packetFormat, name: packet.name, header, data } as DecodedPacket };
}

export const SUPPORTED_FORMATS: readonly number[] = [...PLANS.keys()];
export { PACKET_NAMES };
