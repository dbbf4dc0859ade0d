import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestContext, test } from "node:test";
import type { BusRecord } from "../../../bridge/bus/types.ts";
import { SendQueue } from "../../../bridge/ingest/send-queue.ts";
import { restoreSpool } from "../../../bridge/ingest/spool.ts";
import { createLogger } from "../../../bridge/observability/log.ts";

const log = createLogger("silent");
const timeout = 20_000;
const rec = (n: number, size = 100): BusRecord => ({
  key: String(n % 3),
  value: new Uint8Array(size).fill(n & 255),
  headers: { n: String(n) },
  timestampMs: n,
});
const stamps = (batch: readonly { record: BusRecord }[]) => batch.map((i) => i.record.timestampMs);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), "slipstream-spool-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function open(t: TestContext, dir: string, limit = 1e8, policy: "drop-newest" | "drop-oldest" = "drop-newest") {
  const queue = new SendQueue(limit, policy);
  const { spool, restored, refused } = restoreSpool(dir, queue, log);
  t.after(() => spool.close());
  return { queue, spool, restored, refused };
}

const segments = (dir: string) => readdirSync(dir).filter((n) => n.endsWith(".seg"));

test("records stay spooled until acknowledged, come back after a restart in order, and only once", {
  timeout,
}, async (t) => {
  const dir = tempDir(t);
  const first = open(t, dir);
  for (let i = 0; i < 100; i++) assert.ok(first.queue.push(rec(i), 0));
  first.queue.settle(first.queue.take(40, 1e9));
  const inFlight = first.queue.take(10, 1e9);
  first.spool.close();
  assert.deepEqual(stamps(inFlight), range(40, 50));

  const second = open(t, dir);
  assert.equal(second.restored, 60, "the batch in flight and everything waiting");
  const back = second.queue.take(1e9, 1e12);
  assert.deepEqual(
    back.map((b) => b.record),
    range(40, 100).map((n) => rec(n)),
  );
  second.queue.settle(back);
  second.spool.close();
  const third = open(t, dir);
  assert.equal(third.restored, 0);
  third.spool.close();
  assert.deepEqual(segments(dir), [], "nothing left on disk once everything was acknowledged");
});

test("a killed process loses nothing it had accepted", { timeout }, async (t) => {
  const dir = tempDir(t);
  // The child appends 500 records, then SIGKILLs itself: no close, no sync, its lock left behind.
  const child = `
    import { SendQueue } from "./bridge/ingest/send-queue.ts";
    import { restoreSpool } from "./bridge/ingest/spool.ts";
    import { createLogger } from "./bridge/observability/log.ts";
    const queue = new SendQueue(1e8, "drop-newest");
    restoreSpool(${JSON.stringify(dir)}, queue, createLogger("silent"));
    for (let i = 0; i < 500; i++) queue.push({ key: "k", value: new Uint8Array(300).fill(i & 255), headers: {}, timestampMs: i }, 0);
    queue.settle(queue.take(100, 1e9));
    process.kill(process.pid, "SIGKILL");`;
  assert.throws(() => execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", child]));
  assert.ok(readdirSync(dir).includes("lock"), "the dead process's lock is still there");
  const { queue, restored } = open(t, dir);
  assert.equal(restored, 400);
  assert.deepEqual(stamps(queue.take(1e9, 1e12)), range(100, 500));
});

test("segments roll at their size and are deleted once everything in them is acknowledged", {
  timeout,
}, async (t) => {
  const dir = tempDir(t);
  const { queue } = open(t, dir, 8 * 1024 * 1024); // 1 MiB segments
  for (let i = 0; i < 3000; i++) assert.ok(queue.push(rec(i, 1400), 0), `push ${i}`);
  const count = segments(dir).length;
  assert.ok(count >= 4, `${count} segments for 4.3 MB`);
  queue.settle(queue.take(1500, 1e12));
  const left = segments(dir).length;
  assert.ok(left < count && left >= 2, `${left} of ${count} segments left halfway`);
  queue.settle(queue.take(1e9, 1e12));
  assert.equal(segments(dir).length, 1, "only the segment being appended to");
});

test("a torn last entry (power cut) is skipped; everything before it comes back", { timeout }, async (t) => {
  const dir = tempDir(t);
  const first = open(t, dir);
  for (let i = 0; i < 20; i++) first.queue.push(rec(i), 0);
  first.spool.close();
  const [segment] = segments(dir);
  const path = join(dir, segment as string);
  const size = statSync(path).size;
  // Half of one more entry: a length that promises more bytes than the file has.
  appendFileSync(path, Buffer.from([1, 2, 3, 4, 200, 0, 0, 0, 9, 9]));
  const second = open(t, dir);
  assert.equal(second.restored, 20);
  assert.deepEqual(stamps(second.queue.take(1e9, 1e12)), range(0, 20));
  assert.ok(statSync(path).size > size);
});

test("a damaged committed file sends everything on disk again (at least once, never less)", { timeout }, async (t) => {
  const dir = tempDir(t);
  const first = open(t, dir);
  for (let i = 0; i < 20; i++) first.queue.push(rec(i), 0);
  first.queue.settle(first.queue.take(5, 1e9));
  first.spool.close();
  writeFileSync(join(dir, "committed"), Buffer.alloc(12, 0xff));
  assert.equal(open(t, dir).restored, 20);
});

test("under drop-oldest, evicted records do not come back after a restart", { timeout }, async (t) => {
  const dir = tempDir(t);
  const first = open(t, dir, 64 * 1024, "drop-oldest");
  for (let i = 0; i < 2000; i++) assert.ok(first.queue.push(rec(i), 0));
  const kept = first.queue.length;
  assert.ok(kept < 2000);
  first.spool.close();
  const second = open(t, dir, 64 * 1024, "drop-oldest");
  assert.equal(second.restored, kept);
  assert.deepEqual(stamps(second.queue.take(1e9, 1e12)), range(2000 - kept, 2000));
});

test("one process per spool directory; a lock left by a dead process is taken over", { timeout }, async (t) => {
  const dir = tempDir(t);
  open(t, dir);
  assert.throws(() => restoreSpool(dir, new SendQueue(1e6, "drop-newest"), log), /in use/);
  const other = tempDir(t);
  const deadPid = Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]));
  writeFileSync(join(other, "lock"), String(deadPid));
  assert.equal(open(t, other).restored, 0);
});
