import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { CommandContext } from "../../../bridge/cli/command.ts";
import { main } from "../../../bridge/cli/main.ts";
import { FIXTURES_DIR } from "../../support/fixtures.ts";

async function cli(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    env,
    out: (l) => void out.push(l),
    err: (l) => void err.push(l),
    untilSignal: () => Promise.resolve(),
  };
  const code = await main(argv, ctx);
  return { code, out, err };
}

const bin = (name: string) => join(FIXTURES_DIR, "single-2022-2024", name);

test("--help lists the commands, and every command has its own --help", async () => {
  const top = await cli(["--help"]);
  assert.equal(top.code, 0);
  for (const name of ["demo", "bridge", "decode"]) {
    assert.match(top.out.join("\n"), new RegExp(`^  ${name} `, "m"));
    const help = await cli([name, "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.out.join("\n"), new RegExp(`^Usage: slipstream ${name}`));
  }
});

test("an unknown command or a bad option is a clear error with exit code 2", async () => {
  const unknown = await cli(["fly"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err.join("\n"), /unknown command "fly"/);
  const bad = await cli(["bridge", "--udp-port", "99999"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err.join("\n"), /--udp-port \/ SLIPSTREAM_UDP_PORT: "99999" is above 65535/);
});

test("decode prints one JSON object per datagram, rejections included", async () => {
  const files = [bin("2024-08.bin"), bin("2024-03-RDFL.bin"), join(FIXTURES_DIR, "jsonl-2018-2025", "2025.jsonl")];
  const { code, out } = await cli(["decode", ...files]);
  assert.equal(code, 0);
  assert.equal(out.length, 2 + 13);
  const [classification, rejected, ...jsonl] = out.map((l) => JSON.parse(l));
  assert.equal(classification.name, "finalClassification");
  assert.equal(classification.packetFormat, 2024);
  assert.equal(typeof classification.header.sessionUID, "string");
  const winner = classification.data.classificationData[1];
  assert.equal(winner.position, 1);
  assert.equal(winner.points, 26);
  assert.equal(winner.bestLapTimeInMS, 90957);
  assert.deepEqual(rejected.rejected.reason, "size-mismatch");
  assert.ok(jsonl.every((p) => p.packetFormat === 2025 && p.header && p.data));
});

test("decode exits non-zero with a message for an unreadable file, after decoding the readable ones", async () => {
  const { code, out, err } = await cli(["decode", "/no/such/file.bin", bin("2023-00.bin")]);
  assert.equal(code, 2);
  assert.match(err.join("\n"), /cannot read \/no\/such\/file\.bin: ENOENT/);
  assert.equal(out.length, 1);
  assert.equal(JSON.parse(out[0] as string).name, "motion");
});

test("decode reports a bad JSON Lines line as a rejection with its line number and decodes the rest", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "slipstream-decode-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const [first, second] = readFileSync(join(FIXTURES_DIR, "jsonl-2018-2025", "2025.jsonl"), "utf8").split("\n");
  const file = join(dir, "mixed.jsonl");
  await writeFile(file, [first, "{not json", "", '{"message": [1, 2, 300]}', '{"other": 1}', second].join("\n"));
  const { code, out, err } = await cli(["decode", file]);
  assert.equal(code, 0, err.join("\n"));
  assert.deepEqual(err, []);
  const rows = out.map((l) => JSON.parse(l));
  assert.deepEqual(
    rows.map((r) => [r.index, r.line, r.rejected?.reason ?? r.name]),
    [
      [0, 1, "motion"],
      [1, 2, "malformed-line"],
      [2, 4, "malformed-line"],
      [3, 5, "malformed-line"],
      [4, 6, "session"],
    ],
  );
  assert.match(rows[1].rejected.detail, /not JSON/);
  assert.match(rows[2].rejected.detail, /not a byte array/);
  assert.match(rows[3].rejected.detail, /no "message"/);
});

test("an error is printed once, on one line", async () => {
  const { code, err } = await cli(["bridge", "--no-such-flag"]);
  assert.equal(code, 2);
  assert.equal(err.length, 1);
  assert.equal(err[0]?.match(/Unknown option/g)?.length, 1, err[0]);
  assert.doesNotMatch(err[0] ?? "", /\n/);
});

test("--metrics-port -1, as the help writes it, runs the bridge without the endpoint", async () => {
  const argv = ["bridge", "--udp-host", "127.0.0.1", "--udp-port", "0", "--metrics-port", "-1"];
  const { code, out, err } = await cli(argv, { SLIPSTREAM_LOG_LEVEL: "silent" });
  assert.equal(code, 0, err.join("\n"));
  assert.ok(out.some((l) => l.startsWith("slipstream bridge: UDP 127.0.0.1:")));
  assert.ok(!out.some((l) => l.startsWith("metrics:")));
});
