// `npm test` must end: a test that never settles, or one that fails leaving a handle open, fails the run.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { TEST_TIMEOUT_MS, testRunnerArgs } from "../../scripts/run-tests.ts";
import { REPO_DIR } from "../support/fixtures.ts";

const STUCK = `import assert from "node:assert/strict";
import { test } from "node:test";
test("never settles", () => new Promise(() => setInterval(() => {}, 1000)));
test("fails with a handle left open, like a bridge stopped inline", () => {
  setInterval(() => {}, 1000);
  assert.fail("boom");
});
test("passes", () => {});
`;

test("the test runner ends a run whose tests hang or leak handles, counting them as failed", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "slipstream-runner-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, "stuck.test.ts");
  await writeFile(file, STUCK);
  // Without NODE_TEST_CONTEXT, which would make the inner runner report to this one instead of running alone.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const child = spawn(process.execPath, testRunnerArgs([file], 2000), {
    env,
    cwd: REPO_DIR,
    stdio: ["ignore", "pipe", "pipe"],
  });
  t.after(() => child.kill("SIGKILL"));
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
  });
  const deadline = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const [code, signal] = await once(child, "exit");
  clearTimeout(deadline);
  assert.equal(signal, null, `the run ended by itself:\n${out}`);
  assert.equal(code, 1);
  // Node 20 times out the file as a whole (one failure); later versions report each test.
  const [, passed, failed] = /(\d+) passed, (\d+) failed/.exec(out) ?? [];
  assert.ok(Number(failed) >= 1 && Number(passed) <= 1, out);
});

test("the timeout leaves room for the slowest file (its tests give themselves 240 s)", () => {
  assert.ok(TEST_TIMEOUT_MS >= 2 * 240_000);
});
