import {
  close,
  closeSync,
  constants,
  fdatasync,
  fdatasyncSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
  writevSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { crc32 } from "node:zlib";
import { SlipstreamError } from "../errors.ts";
import type { Logger } from "../observability/log.ts";
import type { Journal, SendQueue } from "./send-queue.ts";

/**
 * The send queue on disk, so an outage plus a restart (even a SIGKILL) loses nothing accepted. Every record
 * the queue accepts is appended to the current segment file (`<position>.seg`, entries `u32 crc32 | record`)
 * with write(2) before the datagram counts as accepted; `committed` holds the position before which
 * everything was acknowledged by the bus (or given up on), and whole segments before it are deleted. On
 * start, the records from `committed` on are handed back to the queue and sent first.
 *
 * Durability: write(2) puts a record in the OS's cache, which survives the process dying; fdatasync runs
 * every second, when a segment is finished, and on stop, so a power cut loses at most about a second. A
 * crash after the bus acknowledged a batch and before `committed` moved past it sends that batch again
 * on the next start (at least once, for at most one batch).
 */
const SEGMENT = /^(\d{20})\.seg$/;
const COMMITTED = "committed";
const LOCK = "lock";
const SYNC_EVERY_MS = 1000;
/** The shortest record-codec encoding; anything shorter is a torn or corrupt entry. */
const MIN_RECORD = 15;
const held = new Set<string>();

interface Segment {
  readonly start: number;
  size: number;
}

export class Spool implements Journal {
  private fd = -1;
  private committed = 0;
  private readonly committedFd: number;
  private dirty = false;
  private closed = false;
  private rollNext = false;
  private readonly timer: NodeJS.Timeout;
  private readonly logged = new Set<string>();

  private constructor(
    readonly dir: string,
    private readonly segmentBytes: number,
    private readonly segments: Segment[],
    private readonly log: Logger,
  ) {
    const committedPath = join(dir, COMMITTED);
    this.committed = readCommitted(committedPath);
    // Not "a": Linux appends every write of a file opened O_APPEND, whatever position it is given.
    this.committedFd = openSync(committedPath, constants.O_RDWR | constants.O_CREAT);
    this.forgetBefore(this.committed);
    const last = segments.at(-1);
    this.startSegment(Math.max(this.committed, last ? last.start + last.size : 0));
    this.timer = setInterval(() => this.sync(), SYNC_EVERY_MS).unref();
  }

  /** Opens (creating) the spool in `dir`; one process at a time. Segments are sized against `limitBytes`. */
  static open(dir: string, limitBytes: number, log: Logger): Spool {
    const path = resolve(dir);
    try {
      mkdirSync(path, { recursive: true });
      lock(path);
    } catch (error) {
      if (error instanceof SlipstreamError) throw error;
      throw new SlipstreamError("invalid-config", `--spool-dir ${dir}: cannot use it`, { cause: error });
    }
    try {
      const segments: Segment[] = [];
      for (const name of readdirSync(path).filter((n) => SEGMENT.test(n))) {
        const size = statSync(join(path, name)).size;
        // An empty segment holds nothing, and its name may be the one the next segment gets.
        if (size === 0) unlinkSync(join(path, name));
        else segments.push({ start: Number(name.slice(0, 20)), size });
      }
      segments.sort((a, b) => a.start - b.start);
      const segmentBytes = Math.min(64 << 20, Math.max(1 << 20, Math.floor(limitBytes / 16)));
      return new Spool(path, segmentBytes, segments, log);
    } catch (error) {
      unlock(path);
      throw new SlipstreamError("invalid-config", `--spool-dir ${dir}: cannot use it`, { cause: error });
    }
  }

  get end(): number {
    const current = this.segments.at(-1) as Segment;
    return current.start + current.size;
  }

  /** Records accepted by an earlier run and never acknowledged, oldest first (not the segment in use). */
  *unacknowledged(): Generator<{ readonly encoded: Buffer; readonly position: number }> {
    for (const segment of this.segments.slice(0, -1)) {
      const bytes = readFileSync(join(this.dir, segmentName(segment.start)));
      let p = Math.max(0, this.committed - segment.start);
      while (p < bytes.length) {
        const size = p + 8 <= bytes.length ? bytes.readUInt32LE(p + 4) : 0;
        const encoded = bytes.subarray(p + 4, p + 4 + size);
        if (size < MIN_RECORD || encoded.length < size || crc32(encoded) !== bytes.readUInt32LE(p)) {
          // A torn write (power cut) ends what can be trusted in this segment.
          this.log.warn({ segment: segmentName(segment.start), skippedBytes: bytes.length - p }, "spool: damaged tail");
          break;
        }
        yield { encoded, position: segment.start + p };
        p += 4 + size;
      }
    }
  }

  append(encoded: Uint8Array): number {
    if (this.closed) return -1;
    let current = this.segments.at(-1) as Segment;
    if (current.size > 0 && (this.rollNext || current.size + 4 + encoded.byteLength > this.segmentBytes)) {
      this.finishSegment();
      current = this.segments.at(-1) as Segment;
    }
    const position = current.start + current.size;
    const header = Buffer.allocUnsafe(4);
    header.writeUInt32LE(crc32(encoded));
    try {
      const written = writevSync(this.fd, [header, encoded]);
      if (written !== 4 + encoded.byteLength) throw new Error(`short write: ${written} bytes`);
    } catch (error) {
      // The record stays queued in memory; what was half written is left behind in a segment of its own.
      this.failed("append", error);
      current.size = fstatSync(this.fd).size;
      this.rollNext = true;
      return -1;
    }
    current.size += 4 + encoded.byteLength;
    this.dirty = true;
    return position;
  }

  commit(position: number): void {
    if (this.closed || position <= this.committed) return;
    this.committed = position;
    const bytes = Buffer.alloc(12);
    bytes.writeDoubleLE(position, 0);
    bytes.writeUInt32LE(crc32(bytes.subarray(0, 8)), 8);
    try {
      writeSync(this.committedFd, bytes, 0, 12, 0);
      this.forgetBefore(position);
    } catch (error) {
      this.failed("commit", error);
    }
  }

  /** Syncs and closes; what is not committed stays for the next start. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    try {
      fdatasyncSync(this.fd);
      fdatasyncSync(this.committedFd);
    } catch (error) {
      this.failed("sync", error);
    }
    closeSync(this.fd);
    closeSync(this.committedFd);
    const current = this.segments.at(-1) as Segment;
    if (current.size === 0) rmSync(join(this.dir, segmentName(current.start)), { force: true });
    unlock(this.dir);
  }

  private startSegment(start: number): void {
    this.fd = openSync(join(this.dir, segmentName(start)), "a");
    this.segments.push({ start, size: fstatSync(this.fd).size });
    this.rollNext = false;
  }

  private finishSegment(): void {
    const fd = this.fd;
    fdatasync(fd, () => close(fd, () => {}));
    this.startSegment(this.end);
  }

  /** Deletes whole segments before `position`, never the one appended to. */
  private forgetBefore(position: number): void {
    while (this.segments.length > 1 || (this.segments.length === 1 && this.fd < 0)) {
      const oldest = this.segments[0] as Segment;
      if (oldest.start + oldest.size > position) return;
      unlinkSync(join(this.dir, segmentName(oldest.start)));
      this.segments.shift();
    }
  }

  private sync(): void {
    if (!this.dirty || this.closed) return;
    this.dirty = false;
    fdatasync(this.fd, (error) => error && this.failed("sync", error));
  }

  /** Logged once per operation and error code: a full disk would otherwise log per datagram. */
  private failed(operation: string, error: unknown): void {
    const key = `${operation}:${(error as { code?: string }).code ?? "?"}`;
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.log.error({ err: error, dir: this.dir }, `spool ${operation} failed; records stay queued in memory only`);
  }
}

/**
 * Opens the spool, gives `queue` back what an earlier run accepted and never had acknowledged, and from
 * then on journals every record the queue accepts. Returns how many records came back and how many the
 * queue refused (a lower limit than before).
 */
export function restoreSpool(
  dir: string,
  queue: SendQueue,
  log: Logger,
): { spool: Spool; restored: number; refused: number } {
  const spool = Spool.open(dir, queue.maxBytes, log);
  let restored = 0;
  let refused = 0;
  const now = performance.now();
  for (const { encoded, position } of spool.unacknowledged()) {
    if (queue.restore(encoded, position, now)) restored++;
    else refused++;
  }
  queue.useJournal(spool);
  if (restored + refused > 0)
    log.info({ dir: spool.dir, restored, refused }, "spool: records from an earlier run queued");
  return { spool, restored, refused };
}

function segmentName(start: number): string {
  return `${String(start).padStart(20, "0")}.seg`;
}

function readCommitted(path: string): number {
  try {
    const bytes = readFileSync(path);
    if (bytes.length >= 12 && crc32(bytes.subarray(0, 8)) === bytes.readUInt32LE(8)) return bytes.readDoubleLE(0);
  } catch (error) {
    if ((error as { code?: string }).code !== "ENOENT") throw error;
  }
  // None, or damaged: everything still on disk is sent again (at least once).
  return 0;
}

/** One process per spool: a second one appending to the same segments would interleave records. */
function lock(dir: string): void {
  const path = join(dir, LOCK);
  if (held.has(dir)) throw new SlipstreamError("invalid-config", `--spool-dir ${dir} is in use by this process`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(dir);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    }
    const pid = Number(readFileSync(path, "utf8"));
    if (pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new SlipstreamError("invalid-config", `--spool-dir ${dir} is in use by process ${pid}`);
    }
    unlinkSync(path); // left by a process that died
  }
  throw new SlipstreamError("invalid-config", `--spool-dir ${dir}: cannot take its lock`);
}

function unlock(dir: string): void {
  held.delete(dir);
  try {
    unlinkSync(join(dir, LOCK));
  } catch {}
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}
