/**
 * A strict reader of classic pcap files (tcpdump, Wireshark "pcap"): both byte orders, microsecond and
 * nanosecond timestamps. Why our own and not an npm package: the registry's `pcap` binds libpcap natively
 * (a compiler and libpcap headers on every machine, and live capture we do not need) and `pcap-parser` reads
 * classic pcap only (no pcapng, which Wireshark writes by default), as events rather than an async iterable,
 * and has no releases in years. The format is 24 + 16 bytes of headers; the network layers are in udp-frames.ts.
 */
import { FileBytes } from "./file-bytes.ts";
import { badCapture } from "./format.ts";
import { emptyFrameCounts, type FrameCounts, type InputDatagram } from "./input.ts";
import type { TruncatedTail } from "./reader.ts";
import { isSupportedLinkType, udpPayload } from "./udp-frames.ts";

const MAGIC_MICROS = 0xa1b2c3d4;
const MAGIC_NANOS = 0xa1b23c4d;
const GLOBAL_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;
/** libpcap's largest snapshot length: a record longer than this is corruption, not a packet. */
export const MAX_FRAME_BYTES = 262_144;

export function isPcapMagic(first: Uint8Array): boolean {
  if (first.length < 4) return false;
  const view = new DataView(first.buffer, first.byteOffset, 4);
  return [MAGIC_MICROS, MAGIC_NANOS].some((m) => view.getUint32(0, true) === m || view.getUint32(0, false) === m);
}

export class PcapReader implements AsyncIterable<InputDatagram> {
  readonly counts: FrameCounts = emptyFrameCounts();
  truncatedTail: TruncatedTail | undefined;
  private used = false;

  private constructor(
    private readonly file: FileBytes,
    readonly littleEndian: boolean,
    readonly nanoseconds: boolean,
    readonly linkType: number,
    private readonly port: number,
  ) {}

  /** Reads the global header; throws SlipstreamError("unreadable-file") for a bad one or a link type we do not read. */
  static async open(path: string, port: number): Promise<PcapReader> {
    const file = await FileBytes.open(path);
    try {
      const got = await file.fill(GLOBAL_HEADER_BYTES);
      const h = file.peek(GLOBAL_HEADER_BYTES);
      if (!isPcapMagic(h)) throw badCapture(path, 0, "not a pcap file");
      if (got < GLOBAL_HEADER_BYTES) throw badCapture(path, got, "the pcap header is cut short");
      const le = h.readUInt32LE(0) === MAGIC_MICROS || h.readUInt32LE(0) === MAGIC_NANOS;
      const magic = le ? h.readUInt32LE(0) : h.readUInt32BE(0);
      const major = le ? h.readUInt16LE(4) : h.readUInt16BE(4);
      if (major !== 2) throw badCapture(path, 4, `pcap version ${major} (only version 2 exists)`);
      const linkType = (le ? h.readUInt32LE(20) : h.readUInt32BE(20)) & 0xffff;
      if (!isSupportedLinkType(linkType)) {
        throw badCapture(
          path,
          20,
          `pcap link type ${linkType} is not one we read (Ethernet, raw IP, Linux cooked SLL/SLL2, loopback)`,
        );
      }
      file.take(GLOBAL_HEADER_BYTES);
      return new PcapReader(file, le, magic === MAGIC_NANOS, linkType, port);
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  get position(): { readonly offset: number; readonly size: number } {
    return this.file.position;
  }

  async close(): Promise<void> {
    await this.file.close();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<InputDatagram> {
    if (this.used) throw new Error("a PcapReader is read once; open the file again");
    this.used = true;
    const { file, littleEndian: le } = this;
    try {
      for (;;) {
        const at = file.offset;
        const got = await file.fill(RECORD_HEADER_BYTES);
        if (got === 0) return;
        if (got < RECORD_HEADER_BYTES) {
          this.truncatedTail = { offset: at, bytes: got };
          return;
        }
        const h = file.peek(RECORD_HEADER_BYTES);
        const seconds = le ? h.readUInt32LE(0) : h.readUInt32BE(0);
        const fraction = le ? h.readUInt32LE(4) : h.readUInt32BE(4);
        const captured = le ? h.readUInt32LE(8) : h.readUInt32BE(8);
        const original = le ? h.readUInt32LE(12) : h.readUInt32BE(12);
        if (captured > MAX_FRAME_BYTES) {
          throw badCapture(file.path, at + 8, `packet ${this.counts.frames}: captured length ${captured} is absurd`);
        }
        const total = RECORD_HEADER_BYTES + captured;
        const have = await file.fill(total);
        if (have < total) {
          this.truncatedTail = { offset: at, bytes: have };
          return;
        }
        const frame = file.take(total).subarray(RECORD_HEADER_BYTES);
        this.counts.frames++;
        const outcome = udpPayload(this.linkType, frame, this.port, original);
        if (outcome.kind !== "udp") {
          this.counts[outcome.kind]++;
          continue;
        }
        this.counts.datagrams++;
        const timeUs = seconds * 1_000_000 + (this.nanoseconds ? Math.floor(fraction / 1000) : fraction);
        yield { timeUs, bytes: Buffer.from(outcome.payload), source: outcome.source };
      }
    } finally {
      await this.close();
    }
  }
}
