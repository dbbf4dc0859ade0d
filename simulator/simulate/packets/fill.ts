/**
 * One code path for nine layouts: packets are filled by field name, and a name the format's layout lacks is never
 * written (F1 2018 has no sector2TimeInMS, F1 25 no sector2Time), so each builder lists every spelling once and the
 * layout decides.
 */
import { emptyPacket, encode, eventCodes, packetNames } from "../../../bridge/f1/encode.ts";
import { FORMATS, type SupportedFormat } from "../../../bridge/f1/formats/index.ts";
import type { PacketName } from "../../../bridge/f1/packet-ids.ts";

export type Rec = Record<string, unknown>;

const KNOWN = new Set<string>();
function collect(value: unknown): void {
  if (Array.isArray(value)) {
    if (value.length > 0) collect(value[0]);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      KNOWN.add(k);
      collect(v);
    }
  }
}
for (const { packetFormat } of FORMATS) {
  for (const name of packetNames(packetFormat)) {
    if (name !== "event") collect(emptyPacket(packetFormat, name as never));
  }
  for (const code of eventCodes(packetFormat)) collect(emptyPacket(packetFormat, "event", code as never));
}

/**
 * Sets the values on a packet's object. A name the layout lacks is set too and simply never written (the writers
 * read their own fields only): checking every name on every frame cost more than encoding. Typos are caught by
 * strayKeys() in the tests, which run every packet of every format.
 */
export function fill(target: Rec, values: Rec): void {
  Object.assign(target, values);
}

/** Names set on a packet object that no format has (typos), with their paths. */
export function strayKeys(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => strayKeys(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => (KNOWN.has(k) ? strayKeys(v, `${path}.${k}`) : [`${path}.${k}`]));
}

/**
 * A time in milliseconds under whichever spelling the layout has: F1 24+ `<name>MSPart` + `<name>MinutesPart`, F1 23
 * `<name>InMS` (the ms part) + `<name>Minutes`, F1 2020-22 `<name>InMS` (all of it), F1 2018-19 `<name>` in seconds.
 */
export function setMs(target: Rec, name: string, ms: number): void {
  let k = MS_KEYS.get(name);
  if (!k) {
    k = { part: `${name}MSPart`, minPart: `${name}MinutesPart`, inMs: `${name}InMS`, min: `${name}Minutes` };
    MS_KEYS.set(name, k);
  }
  const minutes = Math.floor(ms / 60_000);
  if (k.part in target) {
    target[k.part] = ms - minutes * 60_000;
    target[k.minPart] = minutes;
  } else if (k.min in target) {
    target[k.inMs] = ms - minutes * 60_000;
    target[k.min] = minutes;
  } else if (k.inMs in target) target[k.inMs] = ms;
  else if (name in target) target[name] = ms / 1000;
}
/** The four spellings of each name, built once (this runs for every lap of every history packet). */
const MS_KEYS = new Map<string, { part: string; minPart: string; inMs: string; min: string }>();

export interface Template {
  readonly header: Rec;
  readonly data: Rec;
  readonly packet: object;
}

/** The packets of one format, each made once and refilled for every datagram (no allocation per frame). */
export class Packets {
  private readonly templates = new Map<string, Template>();
  private readonly names: ReadonlySet<string>;
  private readonly codes: ReadonlySet<string>;
  /** Header fields every datagram carries (sessionUID, gameYear...). */
  readonly header: Rec = {};

  constructor(readonly format: SupportedFormat) {
    this.names = new Set(packetNames(format));
    this.codes = new Set(eventCodes(format));
  }

  has(name: PacketName): boolean {
    return this.names.has(name);
  }

  hasEvent(code: string): boolean {
    return this.codes.has(code);
  }

  /** The reusable packet `name` (undefined when the format has none). */
  get(name: PacketName): Template | undefined {
    if (!this.names.has(name)) return undefined;
    let t = this.templates.get(name);
    if (!t) {
      const packet = emptyPacket(this.format, name as never) as unknown as { header: Rec; data: Rec };
      t = { header: packet.header, data: packet.data, packet };
      this.templates.set(name, t);
    }
    return t;
  }

  /** Names set on this format's packets that no format has (a typo in a builder); for the tests. */
  strayKeys(): string[] {
    return [...this.templates].flatMap(([name, t]) => strayKeys(t.data, name));
  }

  /** A fresh Event packet with its details (undefined when the format has no such event). */
  event(code: string, details: Rec): Template | undefined {
    if (!this.codes.has(code)) return undefined;
    const packet = emptyPacket(this.format, "event", code as never) as unknown as { header: Rec; data: Rec };
    const d = packet.data.eventDetails as Rec | null;
    if (d) fill(d, details);
    return { header: packet.header, data: packet.data, packet };
  }

  /** The datagram of a filled packet, with the common header and this datagram's frame fields. */
  encode(t: Template, frame: Rec): Buffer {
    fill(t.header, this.header);
    fill(t.header, frame);
    const bytes = encode(t.packet as never);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

/** Each car's entry of a packet's per-car array (`lapData`, `carTelemetryData`...). */
export const cars = (data: Rec, key: string): Rec[] => data[key] as Rec[];
