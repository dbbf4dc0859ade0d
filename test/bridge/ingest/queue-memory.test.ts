// The queue limit holds in real memory: a child process (with --expose-gc, nothing else in its heap) fills a
// bridge's queue while the bus is away and reports what the process grew by, after garbage collection.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const CHILD = fileURLToPath(new URL("./fill-queue.child.ts", import.meta.url));
const LIMIT = 16 * 1024 * 1024;

async function fill(datagramBytes: number) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--expose-gc", "--import", "tsx", CHILD, String(LIMIT), String(datagramBytes)],
    { timeout: 60_000 },
  );
  return JSON.parse(stdout) as { accepted: number; queueBytes: number; grown: number; perRecord: number };
}

for (const size of [45, 1352]) {
  test(`a full queue of ${size}-byte datagrams holds no more memory than its limit`, { timeout: 90_000 }, async () => {
    const r = await fill(size);
    // heapUsed + arrayBuffers after gc; 5% for what a process measurement wobbles by.
    assert.ok(r.grown <= LIMIT * 1.05, `${r.accepted} records grew the process by ${r.grown} bytes (limit ${LIMIT})`);
    assert.ok(r.grown >= LIMIT * 0.5, `the queue was filled (${r.grown} bytes)`);
    assert.ok(r.queueBytes <= LIMIT);
  });
}
