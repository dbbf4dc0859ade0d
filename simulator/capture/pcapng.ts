/**
 * A strict reader of pcapng files (Wireshark's default format): Section Header, Interface Description,
 * Enhanced Packet, Simple Packet and the obsolete Packet block; every other block is skipped whole. Each section
 * has its own byte order and interfaces; an interface's if_tsresol and if_tsoffset options set its clock.
 * See pcap.ts for why this is our own code rather than an npm package.
 */
import { FileBytes } from "./file-bytes.ts";
import { badCapture } from "./format.ts";
import { emptyFrameCounts, type FrameCounts, type InputDatagram } from "./input.ts";
import { MAX_FRAME_BYTES } from "./pcap.ts";
import type { TruncatedTail } from "./reader.ts";
import { isSupportedLinkType, udpPayload } from "./udp-frames.ts";

export const BLOCK = {
  sectionHeader: 0x0a0d0d0a,
  interfaceDescription: 0x00000001,
  obsoletePacket: 0x00000002,
  simplePacket: 0x00000003,
  enhancedPacket: 0x00000006,
} as const;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** Blocks we parse are held whole; a packet block is at most a frame plus headers and options. */
const MAX_PARSED_BLOCK_BYTES = MAX_FRAME_BYTES + 64 * 1024;
const OPTION = { endOfOptions: 0, tsResolution: 9, tsOffset: 14 } as const;

export function isPcapngMagic(first: Uint8Array): boolean {
  return first.length >= 4 && first[0] === 0x0a && first[1] === 0x0d && first[2] === 0x0d && first[3] === 0x0a;
}

interface Interface {
  readonly linkType: number;
  readonly snapLength: number;
  /** Timestamp units per second (10^6 unless if_tsresol says otherwise). */
  readonly unitsPerSecond: bigint;
  readonly offsetSeconds: bigint;
}

const pad4 = (n: number) => (n + 3) & ~3;

export class PcapngReader implements AsyncIterable<InputDatagram> {
  readonly counts: FrameCounts = emptyFrameCounts();
  truncatedTail: TruncatedTail | undefined;
  private littleEndian = true;
  private interfaces: Interface[] = [];
  private used = false;

  private constructor(
    private readonly file: FileBytes,
    private readonly port: number,
  ) {}

  static async open(path: string, port: number): Promise<PcapngReader> {
    const file = await FileBytes.open(path);
    await file.fill(12);
    if (!isPcapngMagic(file.peek(4))) {
      await file.close();
      throw badCapture(path, 0, "not a pcapng file (no Section Header Block)");
    }
    return new PcapngReader(file, port);
  }

  get position(): { readonly offset: number; readonly size: number } {
    return this.file.position;
  }

  async close(): Promise<void> {
    await this.file.close();
  }

  private u16(b: Buffer, at: number): number {
    return this.littleEndian ? b.readUInt16LE(at) : b.readUInt16BE(at);
  }

  private u32(b: Buffer, at: number): number {
    return this.littleEndian ? b.readUInt32LE(at) : b.readUInt32BE(at);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<InputDatagram> {
    if (this.used) throw new Error("a PcapngReader is read once; open the file again");
    this.used = true;
    const { file } = this;
    try {
      for (;;) {
        const at = file.offset;
        const got = await file.fill(12);
        if (got === 0) return;
        if (got < 12) {
          this.truncatedTail = { offset: at, bytes: got };
          return;
        }
        const head = file.peek(12);
        const type = this.u32(head, 0);
        if (type === BLOCK.sectionHeader) {
          const magic = head.readUInt32LE(8);
          if (magic === BYTE_ORDER_MAGIC) this.littleEndian = true;
          else if (head.readUInt32BE(8) === BYTE_ORDER_MAGIC) this.littleEndian = false;
          else throw badCapture(file.path, at + 8, "pcapng section header without its byte-order magic");
          this.interfaces = [];
        } else if (at === 0) {
          throw badCapture(file.path, 0, "a pcapng file must start with a Section Header Block");
        }
        const length = this.u32(head, 4);
        if (length < 12 || length % 4 !== 0) {
          throw badCapture(file.path, at + 4, `pcapng block length ${length} (a multiple of 4, at least 12)`);
        }
        const parsed =
          type === BLOCK.sectionHeader ||
          type === BLOCK.interfaceDescription ||
          type === BLOCK.enhancedPacket ||
          type === BLOCK.simplePacket ||
          type === BLOCK.obsoletePacket;
        if (!parsed) {
          const skipped = await file.skip(length);
          if (skipped < length) {
            this.truncatedTail = { offset: at, bytes: skipped };
            return;
          }
          continue;
        }
        if (length > MAX_PARSED_BLOCK_BYTES) {
          throw badCapture(file.path, at + 4, `pcapng block length ${length} is absurd for block type ${type}`);
        }
        const have = await file.fill(length);
        if (have < length) {
          this.truncatedTail = { offset: at, bytes: have };
          return;
        }
        const block = file.take(length);
        if (this.u32(block, length - 4) !== length) {
          throw badCapture(file.path, at + length - 4, "pcapng block's trailing length differs from its leading one");
        }
        const body = block.subarray(8, length - 4);
        const item = this.block(type, body, at);
        if (item) yield item;
      }
    } finally {
      await this.close();
    }
  }

  private block(type: number, body: Buffer, at: number): InputDatagram | undefined {
    const path = this.file.path;
    switch (type) {
      case BLOCK.sectionHeader: {
        if (body.length < 16) throw badCapture(path, at, "pcapng section header is too short");
        const major = this.u16(body, 4);
        if (major !== 1) throw badCapture(path, at + 12, `pcapng version ${major} (this reader knows version 1)`);
        return undefined;
      }
      case BLOCK.interfaceDescription: {
        if (body.length < 8) throw badCapture(path, at, "pcapng interface description is too short");
        this.interfaces.push(this.interfaceOf(body, at));
        return undefined;
      }
      case BLOCK.enhancedPacket:
      case BLOCK.obsoletePacket: {
        if (body.length < 20) throw badCapture(path, at, "pcapng packet block is too short");
        const id = type === BLOCK.enhancedPacket ? this.u32(body, 0) : this.u16(body, 0);
        const ts = (BigInt(this.u32(body, 4)) << 32n) | BigInt(this.u32(body, 8));
        const captured = this.u32(body, 12);
        const original = this.u32(body, 16);
        if (20 + pad4(captured) > body.length) {
          throw badCapture(
            path,
            at + 20,
            `packet ${this.counts.frames}: captured length ${captured} exceeds its block`,
          );
        }
        const face = this.interface(id, at);
        const timeUs = Number(((ts + face.offsetSeconds * face.unitsPerSecond) * 1_000_000n) / face.unitsPerSecond);
        return this.frame(face, body.subarray(20, 20 + captured), original, timeUs);
      }
      case BLOCK.simplePacket: {
        if (body.length < 4) throw badCapture(path, at, "pcapng simple packet block is too short");
        const face = this.interface(0, at);
        const original = this.u32(body, 0);
        const room = body.length - 4;
        const captured = Math.min(original, face.snapLength === 0 ? room : face.snapLength, room);
        return this.frame(face, body.subarray(4, 4 + captured), original, undefined);
      }
      default:
        return undefined;
    }
  }

  private interface(id: number, at: number): Interface {
    const face = this.interfaces[id];
    if (!face) throw badCapture(this.file.path, at, `packet on interface ${id}, which the section never described`);
    return face;
  }

  private interfaceOf(body: Buffer, at: number): Interface {
    const linkType = this.u16(body, 0);
    const snapLength = this.u32(body, 4);
    let unitsPerSecond = 1_000_000n;
    let offsetSeconds = 0n;
    for (let p = 8; p + 4 <= body.length; ) {
      const code = this.u16(body, p);
      const length = this.u16(body, p + 2);
      if (code === OPTION.endOfOptions) break;
      if (p + 4 + length > body.length) throw badCapture(this.file.path, at + 8 + p, "pcapng option beyond its block");
      if (code === OPTION.tsResolution && length >= 1) {
        const r = body[p + 4] as number;
        const exponent = BigInt(r & 0x7f);
        unitsPerSecond = r & 0x80 ? 2n ** exponent : 10n ** exponent;
        if (unitsPerSecond === 0n || exponent > 60n) {
          throw badCapture(this.file.path, at + 12 + p, `pcapng if_tsresol ${r} is absurd`);
        }
      } else if (code === OPTION.tsOffset && length >= 8) {
        offsetSeconds = this.littleEndian ? body.readBigInt64LE(p + 4) : body.readBigInt64BE(p + 4);
      }
      p += 4 + pad4(length);
    }
    return { linkType, snapLength, unitsPerSecond, offsetSeconds };
  }

  private frame(
    face: Interface,
    frame: Buffer,
    original: number,
    timeUs: number | undefined,
  ): InputDatagram | undefined {
    this.counts.frames++;
    if (!isSupportedLinkType(face.linkType)) {
      this.counts.unsupportedLink++;
      return undefined;
    }
    const outcome = udpPayload(face.linkType, frame, this.port, original);
    if (outcome.kind !== "udp") {
      this.counts[outcome.kind]++;
      return undefined;
    }
    this.counts.datagrams++;
    const bytes = Buffer.from(outcome.payload);
    return timeUs === undefined ? { bytes, source: outcome.source } : { timeUs, bytes, source: outcome.source };
  }
}
