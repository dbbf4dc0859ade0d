import { FileBytes } from "./file-bytes.ts";
import {
  badCapture,
  type CaptureHeader,
  ENTRY_FIXED_BYTES,
  HEADER_BYTES,
  MAX_DATAGRAM_BYTES,
  parseHeader,
} from "./format.ts";

export interface CaptureEntry {
  /** Microseconds since the start of the recording (a monotonic clock). */
  readonly timeUs: number;
  /** The datagram, a copy the caller may keep. */
  readonly bytes: Buffer;
  /** "address:port" of the sender when the capture has sources. */
  readonly source: string | undefined;
}

/** Where a file cut short (a crash while recording) ends inside an entry; that entry is lost, the rest read. */
export interface TruncatedTail {
  /** Byte offset where the incomplete entry starts. */
  readonly offset: number;
  /** How many of its bytes are there. */
  readonly bytes: number;
}

const MAX_TIME = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Streams a capture file's entries in constant memory. A file that ends inside an entry (a crash) yields every
 * complete entry and records the cut in `truncatedTail`; a wrong magic, a newer version, unknown flags, an absurd
 * length or time, or time going backwards throw SlipstreamError("unreadable-file") with the byte offset.
 */
export class CaptureReader implements AsyncIterable<CaptureEntry> {
  truncatedTail: TruncatedTail | undefined;
  entriesRead = 0;
  private used = false;
  private closed = false;

  private constructor(
    private readonly file: FileBytes,
    readonly header: CaptureHeader,
  ) {}

  static async open(path: string): Promise<CaptureReader> {
    const file = await FileBytes.open(path);
    try {
      await file.fill(HEADER_BYTES);
      const header = parseHeader(path, Buffer.from(file.peek(HEADER_BYTES)));
      file.take(HEADER_BYTES);
      return new CaptureReader(file, header);
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  get path(): string {
    return this.file.path;
  }

  /** Bytes consumed so far and the file's size: progress. */
  get position(): { readonly offset: number; readonly size: number } {
    return this.file.position;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.file.close();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<CaptureEntry> {
    if (this.used) throw new Error("a CaptureReader is read once; open the file again");
    this.used = true;
    const { file, header } = this;
    const prefix = ENTRY_FIXED_BYTES + (header.hasSources ? 1 : 0);
    let previous = 0n;
    try {
      for (;;) {
        const at = file.offset;
        const got = await file.fill(prefix);
        if (got === 0) return;
        if (got >= ENTRY_FIXED_BYTES) {
          // Checked before truncation: an absurd field is corruption, not a crash.
          const fixed = file.peek(ENTRY_FIXED_BYTES);
          const time = fixed.readBigUInt64LE(0);
          const length = fixed.readUInt32LE(8);
          if (time > MAX_TIME) throw badCapture(this.path, at, `entry ${this.entriesRead}: time ${time} µs is absurd`);
          if (time < previous) {
            throw badCapture(this.path, at, `entry ${this.entriesRead}: time ${time} µs is before ${previous} µs`);
          }
          if (length > MAX_DATAGRAM_BYTES) {
            throw badCapture(
              this.path,
              at + 8,
              `entry ${this.entriesRead}: length ${length} is absurd (a UDP datagram is at most ${MAX_DATAGRAM_BYTES} bytes)`,
            );
          }
          previous = time;
        }
        if (got < prefix) {
          this.truncatedTail = { offset: at, bytes: got };
          return;
        }
        const head = file.peek(prefix);
        const length = head.readUInt32LE(8);
        const sourceBytes = header.hasSources ? (head[ENTRY_FIXED_BYTES] as number) : 0;
        const total = prefix + sourceBytes + length;
        const have = await file.fill(total);
        if (have < total) {
          this.truncatedTail = { offset: at, bytes: have };
          return;
        }
        const entry = file.take(total);
        const timeUs = Number(entry.readBigUInt64LE(0));
        const source = header.hasSources ? entry.toString("latin1", prefix, prefix + sourceBytes) : undefined;
        this.entriesRead++;
        yield { timeUs, bytes: Buffer.from(entry.subarray(prefix + sourceBytes)), source };
      }
    } finally {
      await this.close();
    }
  }
}

/** Every entry of a capture file, for callers that do not need the header or the truncation report. */
export async function* readCapture(path: string): AsyncGenerator<CaptureEntry> {
  yield* await CaptureReader.open(path);
}
