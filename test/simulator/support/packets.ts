// Builds network frames, pcap and pcapng files in the test, byte by byte from the formats' specifications.

export function ipv4Udp(
  source: string,
  destination: string,
  sourcePort: number,
  destinationPort: number,
  payload: Buffer,
  options: { fragment?: "first" | "later"; protocol?: number } = {},
): Buffer {
  const udp = udpHeader(sourcePort, destinationPort, payload);
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + udp.length, 2);
  ip.writeUInt16BE(options.fragment === "first" ? 0x2000 : options.fragment === "later" ? 0x0010 : 0x4000, 6); // DF
  ip[8] = 64;
  ip[9] = options.protocol ?? 17;
  Buffer.from(source.split(".").map(Number)).copy(ip, 12);
  Buffer.from(destination.split(".").map(Number)).copy(ip, 16);
  return Buffer.concat([ip, udp]);
}

export function ipv6Udp(
  source: string,
  destination: string,
  sourcePort: number,
  destinationPort: number,
  payload: Buffer,
  options: { extension?: "destination-options" | "fragment" } = {},
): Buffer {
  const udp = udpHeader(sourcePort, destinationPort, payload);
  let ext = Buffer.alloc(0);
  let next = 17;
  if (options.extension === "destination-options") {
    ext = Buffer.alloc(8);
    ext[0] = 17; // next header: UDP; length 0 = 8 bytes; the rest PadN
    ext[2] = 1;
    ext[3] = 4;
    next = 60;
  } else if (options.extension === "fragment") {
    ext = Buffer.alloc(8);
    ext[0] = 17;
    ext.writeUInt16BE(1, 2); // offset 0, more fragments
    next = 44;
  }
  const ip = Buffer.alloc(40);
  ip[0] = 0x60;
  ip.writeUInt16BE(ext.length + udp.length, 4);
  ip[6] = next;
  ip[7] = 64;
  ipv6Bytes(source).copy(ip, 8);
  ipv6Bytes(destination).copy(ip, 24);
  return Buffer.concat([ip, ext, udp]);
}

function udpHeader(sourcePort: number, destinationPort: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(sourcePort, 0);
  h.writeUInt16BE(destinationPort, 2);
  h.writeUInt16BE(8 + payload.length, 4);
  return Buffer.concat([h, payload]);
}

function ipv6Bytes(text: string): Buffer {
  const [head = "", tail = ""] = text.split("::");
  const a = head ? head.split(":") : [];
  const b = tail ? tail.split(":") : [];
  const groups = text.includes("::") ? [...a, ...Array(8 - a.length - b.length).fill("0"), ...b] : a;
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => void out.writeUInt16BE(Number.parseInt(g, 16), i * 2));
  return out;
}

export function ethernet(ip: Buffer, options: { vlan?: boolean; padTo?: number } = {}): Buffer {
  const type = (ip[0] as number) >> 4 === 6 ? 0x86dd : 0x0800;
  const head = Buffer.alloc(options.vlan ? 18 : 14);
  head.fill(0x11, 0, 6);
  head.fill(0x22, 6, 12);
  if (options.vlan) {
    head.writeUInt16BE(0x8100, 12);
    head.writeUInt16BE(42, 14);
    head.writeUInt16BE(type, 16);
  } else head.writeUInt16BE(type, 12);
  const frame = Buffer.concat([head, ip]);
  return options.padTo && frame.length < options.padTo
    ? Buffer.concat([frame, Buffer.alloc(options.padTo - frame.length)])
    : frame;
}

export function linuxSll(ip: Buffer): Buffer {
  const head = Buffer.alloc(16);
  head.writeUInt16BE(0, 0); // sent to us
  head.writeUInt16BE(772, 2); // ARPHRD_LOOPBACK
  head.writeUInt16BE((ip[0] as number) >> 4 === 6 ? 0x86dd : 0x0800, 14);
  return Buffer.concat([head, ip]);
}

export function linuxSll2(ip: Buffer): Buffer {
  const head = Buffer.alloc(20);
  head.writeUInt16BE((ip[0] as number) >> 4 === 6 ? 0x86dd : 0x0800, 0);
  head.writeUInt32BE(1, 4); // interface index
  return Buffer.concat([head, ip]);
}

/** BSD loopback (link type 0): the address family in the capturing host's order, little-endian here. */
export function nullLoopback(ip: Buffer, family = 2): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(family, 0);
  return Buffer.concat([head, ip]);
}

export interface PcapRecord {
  readonly timeUs: number;
  readonly frame: Buffer;
  /** Bytes stored, when less than the frame (the snapshot length cut it). */
  readonly captured?: number;
}

export function pcapFile(
  options: { littleEndian?: boolean; nanoseconds?: boolean; linkType: number; version?: number },
  records: readonly PcapRecord[],
): Buffer {
  const le = options.littleEndian ?? true;
  const u32 = (b: Buffer, v: number, at: number) => (le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  const u16 = (b: Buffer, v: number, at: number) => (le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const head = Buffer.alloc(24);
  u32(head, options.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  u16(head, options.version ?? 2, 4);
  u16(head, 4, 6);
  u32(head, 262144, 16);
  u32(head, options.linkType, 20);
  const parts: Buffer[] = [head];
  for (const r of records) {
    const captured = r.captured ?? r.frame.length;
    const h = Buffer.alloc(16);
    u32(h, Math.floor(r.timeUs / 1e6), 0);
    u32(h, options.nanoseconds ? (r.timeUs % 1e6) * 1000 : r.timeUs % 1e6, 4);
    u32(h, captured, 8);
    u32(h, r.frame.length, 12);
    parts.push(h, r.frame.subarray(0, captured));
  }
  return Buffer.concat(parts);
}

/** pcapng blocks in one byte order; concatenate the results of several sections for a multi-section file. */
export class PcapngWriter {
  private readonly parts: Buffer[] = [];
  constructor(private readonly le = true) {}

  private u32(v: number): Buffer {
    const b = Buffer.alloc(4);
    if (this.le) b.writeUInt32LE(v >>> 0, 0);
    else b.writeUInt32BE(v >>> 0, 0);
    return b;
  }

  private u16(v: number): Buffer {
    const b = Buffer.alloc(2);
    if (this.le) b.writeUInt16LE(v, 0);
    else b.writeUInt16BE(v, 0);
    return b;
  }

  private pad(b: Buffer): Buffer {
    return Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  }

  block(type: number, body: Buffer): this {
    const padded = this.pad(body);
    const length = 12 + padded.length;
    this.parts.push(this.u32(type), this.u32(length), padded, this.u32(length));
    return this;
  }

  option(code: number, value: Buffer): Buffer {
    return Buffer.concat([this.u16(code), this.u16(value.length), this.pad(value)]);
  }

  sectionHeader(): this {
    const section = Buffer.alloc(8, 0xff); // length -1: unknown
    return this.block(0x0a0d0d0a, Buffer.concat([this.u32(0x1a2b3c4d), this.u16(1), this.u16(0), section]));
  }

  interface(linkType: number, options: { tsresol?: number; tsoffset?: bigint; snapLength?: number } = {}): this {
    const opts: Buffer[] = [];
    if (options.tsresol !== undefined) opts.push(this.option(9, Buffer.from([options.tsresol])));
    if (options.tsoffset !== undefined) {
      const v = Buffer.alloc(8);
      if (this.le) v.writeBigInt64LE(options.tsoffset);
      else v.writeBigInt64BE(options.tsoffset);
      opts.push(this.option(14, v));
    }
    opts.push(this.option(2, Buffer.from("eth0"))); // if_name, ignored
    if (opts.length > 0) opts.push(this.u32(0));
    return this.block(1, Buffer.concat([this.u16(linkType), this.u16(0), this.u32(options.snapLength ?? 0), ...opts]));
  }

  /** `ts` in the interface's units. */
  enhancedPacket(interfaceId: number, ts: bigint, frame: Buffer, captured = frame.length): this {
    return this.block(
      6,
      Buffer.concat([
        this.u32(interfaceId),
        this.u32(Number(ts >> 32n)),
        this.u32(Number(ts & 0xffffffffn)),
        this.u32(captured),
        this.u32(frame.length),
        this.pad(frame.subarray(0, captured)),
        this.option(1, Buffer.from("a comment")),
        this.u32(0),
      ]),
    );
  }

  obsoletePacket(interfaceId: number, ts: bigint, frame: Buffer): this {
    return this.block(
      2,
      Buffer.concat([
        this.u16(interfaceId),
        this.u16(0),
        this.u32(Number(ts >> 32n)),
        this.u32(Number(ts & 0xffffffffn)),
        this.u32(frame.length),
        this.u32(frame.length),
        this.pad(frame),
      ]),
    );
  }

  simplePacket(frame: Buffer): this {
    return this.block(3, Buffer.concat([this.u32(frame.length), this.pad(frame)]));
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}
