/**
 * The Slipstream capture format (recordings/README.md is its specification). Little-endian throughout:
 *
 *   header  (20 bytes)  magic "SLIPCAP\0" | u16 version | u16 flags | u64 start, µs since the Unix epoch (0: unknown)
 *   entry   (repeated)  u64 µs since the start | u32 length | [u8 n | n bytes source "address:port"] | datagram
 *
 * The source part is present in every entry exactly when flag bit 0 (SOURCES) is set. Times never decrease.
 * Times are integers of a monotonic clock, never float seconds (float32 loses milliseconds within hours).
 */
import { SlipstreamError } from "../../bridge/errors.ts";

export const CAPTURE_MAGIC = Buffer.from("SLIPCAP\0", "latin1");
export const CAPTURE_VERSION = 1;
export const HEADER_BYTES = 20;
/** Where the header keeps the u64 start time. */
export const HEADER_START_OFFSET = 12;
/** u64 time + u32 length. */
export const ENTRY_FIXED_BYTES = 12;

export const CAPTURE_FLAGS = {
  /** Every entry carries its sender's "address:port" (u8 length, then ASCII). */
  sources: 1 << 0,
} as const;
const KNOWN_FLAGS = CAPTURE_FLAGS.sources;

/** The largest UDP payload (IPv4: 65,535 minus 20 IP and 8 UDP header bytes). An F1 datagram is under 1,500. */
export const MAX_DATAGRAM_BYTES = 65_507;
export const MAX_SOURCE_BYTES = 255;
/** Entry bytes at most: what a reader must be able to hold at once. */
export const MAX_ENTRY_BYTES = ENTRY_FIXED_BYTES + 1 + MAX_SOURCE_BYTES + MAX_DATAGRAM_BYTES;

export interface CaptureHeader {
  readonly version: number;
  readonly flags: number;
  readonly hasSources: boolean;
  /** When recording started, µs since the Unix epoch; undefined when the writer did not know. */
  readonly startUnixUs: number | undefined;
}

export function encodeHeader(options: { readonly sources: boolean; readonly startUnixUs?: number }): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  CAPTURE_MAGIC.copy(header, 0);
  header.writeUInt16LE(CAPTURE_VERSION, 8);
  header.writeUInt16LE(options.sources ? CAPTURE_FLAGS.sources : 0, 10);
  header.writeBigUInt64LE(BigInt(Math.max(0, Math.round(options.startUnixUs ?? 0))), HEADER_START_OFFSET);
  return header;
}

/** A capture that cannot be read, with where (file and byte offset) and why. */
export function badCapture(file: string, offset: number, why: string): SlipstreamError {
  return new SlipstreamError("unreadable-file", `${file}: ${why} (at byte ${offset})`);
}

export function hasCaptureMagic(firstBytes: Uint8Array): boolean {
  return (
    firstBytes.length >= CAPTURE_MAGIC.length && CAPTURE_MAGIC.equals(firstBytes.subarray(0, CAPTURE_MAGIC.length))
  );
}

/** Parses and checks the 20-byte header; throws SlipstreamError("unreadable-file") naming the problem. */
export function parseHeader(file: string, bytes: Buffer): CaptureHeader {
  if (!hasCaptureMagic(bytes)) {
    throw badCapture(file, 0, `not a Slipstream capture (its first bytes are not "SLIPCAP\\0")`);
  }
  if (bytes.length < HEADER_BYTES) {
    throw badCapture(file, bytes.length, `the capture header is cut short (${bytes.length} of ${HEADER_BYTES} bytes)`);
  }
  const version = bytes.readUInt16LE(8);
  if (version > CAPTURE_VERSION) {
    throw badCapture(
      file,
      8,
      `capture format version ${version} is newer than this Slipstream reads (${CAPTURE_VERSION}): upgrade Slipstream`,
    );
  }
  if (version === 0) throw badCapture(file, 8, "capture format version 0 does not exist");
  const flags = bytes.readUInt16LE(10);
  if ((flags & ~KNOWN_FLAGS) !== 0) {
    const unknown = `0x${(flags & ~KNOWN_FLAGS).toString(16)}`;
    throw badCapture(file, 10, `unknown capture flags ${unknown} for version ${version}`);
  }
  const start = bytes.readBigUInt64LE(HEADER_START_OFFSET);
  if (start > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw badCapture(file, HEADER_START_OFFSET, `start time ${start} µs is absurd`);
  }
  return {
    version,
    flags,
    hasSources: (flags & CAPTURE_FLAGS.sources) !== 0,
    startUnixUs: start === 0n ? undefined : Number(start),
  };
}
