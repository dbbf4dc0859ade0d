import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { SlipstreamError } from "../../bridge/errors.ts";
import {
  ENTRY_FIXED_BYTES,
  encodeHeader,
  MAX_DATAGRAM_BYTES,
  MAX_ENTRY_BYTES,
  MAX_SOURCE_BYTES,
  HEADER_START_OFFSET as START_OFFSET,
} from "./format.ts";

export interface CaptureWriterOptions {
  /** Store each entry's sender "address:port" (flag SOURCES). */
  readonly sources: boolean;
  /** When recording started, µs since the Unix epoch (recorded in the header; omitted: unknown). */
  readonly startUnixUs?: number;
  /** Replace an existing file; by default an existing file is an error, never silently overwritten. */
  readonly overwrite?: boolean;
  /** Entries are gathered in a buffer of this size and written when it is full or on flush(). */
  readonly bufferBytes?: number;
}

/**
 * Appends entries to a capture file in constant memory. Writes are synchronous (a 60 Hz game writes about
 * 350 KB/s, one buffer every second or so) so a signal handler never finds a half-done asynchronous write:
 * close() after SIGINT always leaves a valid file. Call flush() now and then so a crash loses little; a crash
 * mid-write leaves at most one cut entry, which readers skip.
 */
export class CaptureWriter {
  entries = 0;
  /** Bytes in the file once flushed, header included. */
  bytes = 0;
  private readonly buffer: Buffer;
  private used = 0;
  private fd: number | undefined;
  private lastTimeUs = 0;

  private constructor(
    readonly path: string,
    fd: number,
    private readonly sources: boolean,
    bufferBytes: number,
  ) {
    this.fd = fd;
    this.buffer = Buffer.allocUnsafe(Math.max(bufferBytes, MAX_ENTRY_BYTES));
  }

  static create(path: string, options: CaptureWriterOptions): CaptureWriter {
    let fd: number;
    try {
      fd = openSync(path, options.overwrite ? "w" : "wx");
    } catch (error) {
      const exists = (error as NodeJS.ErrnoException).code === "EEXIST";
      const why = exists ? "it exists (--force replaces it)" : (error as Error).message;
      throw new SlipstreamError("unwritable-file", `cannot create ${path}: ${why}`, { cause: error });
    }
    const writer = new CaptureWriter(path, fd, options.sources, options.bufferBytes ?? 256 * 1024);
    writer.write(encodeHeader({ sources: options.sources, startUnixUs: options.startUnixUs }));
    return writer;
  }

  /**
   * Buffers one entry. `timeUs`: whole microseconds since the start, never less than the previous entry's;
   * `source` is stored only when the writer was created with sources.
   */
  append(timeUs: number, bytes: Uint8Array, source?: string): void {
    if (this.fd === undefined) throw new Error(`${this.path} is closed`);
    if (!Number.isSafeInteger(timeUs) || timeUs < this.lastTimeUs) {
      throw new RangeError(`entry time ${timeUs} µs is not a whole number at or after ${this.lastTimeUs} µs`);
    }
    if (bytes.byteLength > MAX_DATAGRAM_BYTES) throw new RangeError(`a datagram of ${bytes.byteLength} bytes`);
    const sourceBytes = this.sources ? Math.min(Buffer.byteLength(source ?? "", "latin1"), MAX_SOURCE_BYTES) : 0;
    const size = ENTRY_FIXED_BYTES + (this.sources ? 1 + sourceBytes : 0) + bytes.byteLength;
    if (this.used + size > this.buffer.length) this.flush();
    const b = this.buffer;
    let p = this.used;
    b.writeBigUInt64LE(BigInt(timeUs), p);
    b.writeUInt32LE(bytes.byteLength, p + 8);
    p += ENTRY_FIXED_BYTES;
    if (this.sources) {
      b[p++] = sourceBytes;
      p += b.write(source ?? "", p, sourceBytes, "latin1");
    }
    b.set(bytes, p);
    this.used = p + bytes.byteLength;
    this.lastTimeUs = timeUs;
    this.entries++;
  }

  /** Sets the header's start time (µs since the Unix epoch) once it is known, e.g. from the first record. */
  setStartUnixUs(startUnixUs: number): void {
    if (this.fd === undefined) throw new Error(`${this.path} is closed`);
    const field = Buffer.alloc(8);
    field.writeBigUInt64LE(BigInt(Math.max(0, Math.round(startUnixUs))));
    try {
      writeSync(this.fd, field, 0, 8, START_OFFSET);
    } catch (error) {
      throw new SlipstreamError("unwritable-file", `cannot write ${this.path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /** Writes buffered entries to the file (the operating system's cache; close() also syncs to disk). */
  flush(): void {
    if (this.used === 0) return;
    const n = this.used;
    this.used = 0;
    this.write(this.buffer.subarray(0, n));
  }

  /** Flushes, syncs to disk and closes. Later calls do nothing. */
  close(): void {
    if (this.fd === undefined) return;
    try {
      this.flush();
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private write(data: Buffer): void {
    if (this.fd === undefined) throw new Error(`${this.path} is closed`);
    try {
      let done = 0;
      while (done < data.length) done += writeSync(this.fd, data, done, data.length - done);
    } catch (error) {
      throw new SlipstreamError("unwritable-file", `cannot write ${this.path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    this.bytes += data.length;
  }
}
