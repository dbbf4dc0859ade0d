import { type FileHandle, open } from "node:fs/promises";
import { SlipstreamError } from "../../bridge/errors.ts";

const CHUNK = 64 * 1024;

/**
 * Sequential reads of a file through one reusable buffer: memory stays at about one chunk plus the largest
 * record asked for, however long the file. Buffers from `take` are views, valid until the next `fill`.
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
    readonly size: number,
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
    return new FileBytes(path, handle, stat.size);
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
      const { bytesRead } = await this.handle.read(this.buffer, this.end, this.buffer.length - this.end, null);
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
