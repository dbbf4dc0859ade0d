import type { ReadStream } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import { SlipstreamError } from "../../bridge/errors.ts";

const CHUNK = 64 * 1024;
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** Reads up to `length` bytes into `buffer` at `at`; 0 at the end. */
type Read = (buffer: Buffer, at: number, length: number) => Promise<number>;

/**
 * A gzip file's contents, streamed: zlib's output chunks handed out as asked. A file cut short (a copy or
 * download interrupted) ends where its data ends, like a cut capture; other corruption throws.
 */
function gunzipReader(path: string, handle: FileHandle): { read: Read; raw: ReadStream } {
  const raw = handle.createReadStream({ start: 0, autoClose: false });
  const chunks = raw.pipe(createGunzip())[Symbol.asyncIterator]();
  let pending: Buffer = Buffer.alloc(0);
  let ended = false;
  const read: Read = async (buffer, at, length) => {
    while (pending.length === 0 && !ended) {
      try {
        const next = await chunks.next();
        if (next.done) ended = true;
        else pending = next.value as Buffer;
      } catch (error) {
        if ((error as { code?: string }).code === "Z_BUF_ERROR") ended = true;
        else throw new SlipstreamError("unreadable-file", `${path}: bad gzip data: ${(error as Error).message}`);
      }
    }
    const n = pending.copy(buffer, at, 0, Math.min(length, pending.length));
    pending = pending.subarray(n);
    return n;
  };
  return { read, raw };
}

/**
 * Sequential reads of a file through one reusable buffer: memory stays at about one chunk plus the largest
 * record asked for, however long the file. Buffers from `take` are views, valid until the next `fill`.
 * A gzip file (by its magic, whatever its name) reads as its contents: offsets are then offsets into them.
 */
export class FileBytes {
  private buffer = Buffer.allocUnsafe(CHUNK);
  private start = 0;
  private end = 0;
  private eof = false;
  private closed = false;
  /** File offset of the first unread byte. */
  offset = 0;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    /** The file's size on disk (compressed, for gzip). */
    readonly size: number,
    private readonly read: Read,
    private readonly raw: ReadStream | undefined,
  ) {}

  static async open(path: string): Promise<FileBytes> {
    let handle: FileHandle;
    try {
      handle = await open(path, "r");
    } catch (error) {
      throw new SlipstreamError("unreadable-file", `cannot open ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      throw new SlipstreamError("unreadable-file", `${path} is not a file`);
    }
    const magic = Buffer.alloc(2);
    await handle.read(magic, 0, 2, 0);
    if (magic.equals(GZIP_MAGIC)) {
      const { read, raw } = gunzipReader(path, handle);
      return new FileBytes(path, handle, stat.size, read, raw);
    }
    const read: Read = async (buffer, at, length) => (await handle.read(buffer, at, length, null)).bytesRead;
    return new FileBytes(path, handle, stat.size, read, undefined);
  }

  /** How far into the file on disk reading is, and its size: progress (for gzip, compressed bytes read). */
  get position(): { readonly offset: number; readonly size: number } {
    return { offset: this.raw ? this.raw.bytesRead : this.offset, size: this.size };
  }

  get available(): number {
    return this.end - this.start;
  }

  /** Buffers at least `n` bytes unless the file ends first; returns how many are buffered. */
  async fill(n: number): Promise<number> {
    if (this.available >= n || this.eof) return this.available;
    if (this.buffer.length < n) {
      const bigger = Buffer.allocUnsafe(Math.max(n, CHUNK));
      this.buffer.copy(bigger, 0, this.start, this.end);
      this.buffer = bigger;
    } else if (this.start > 0) {
      this.buffer.copy(this.buffer, 0, this.start, this.end);
    }
    this.end -= this.start;
    this.start = 0;
    while (this.end < n && !this.eof) {
      const bytesRead = await this.read(this.buffer, this.end, this.buffer.length - this.end);
      if (bytesRead === 0) this.eof = true;
      this.end += bytesRead;
    }
    return this.available;
  }

  /** The next `n` buffered bytes (a view), consumed. */
  take(n: number): Buffer {
    if (n > this.available) throw new RangeError(`take(${n}) with ${this.available} buffered`);
    const view = this.buffer.subarray(this.start, this.start + n);
    this.start += n;
    this.offset += n;
    return view;
  }

  /** Looks at the next `n` buffered bytes without consuming them. */
  peek(n: number): Buffer {
    return this.buffer.subarray(this.start, this.start + Math.min(n, this.available));
  }

  /** Skips `n` bytes; returns how many were there. */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      const got = await this.fill(Math.min(left, CHUNK));
      if (got === 0) break;
      const step = Math.min(left, got);
      this.start += step;
      this.offset += step;
      left -= step;
    }
    return n - left;
  }

  /** Later calls do nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.raw?.destroy();
    await this.handle.close();
  }
}

/** The first `n` bytes of a file (fewer when it is shorter): enough to tell its format by magic. */
export async function firstBytes(path: string, n: number): Promise<Buffer> {
  const file = await FileBytes.open(path);
  try {
    await file.fill(n);
    return Buffer.from(file.peek(n));
  } finally {
    await file.close();
  }
}
