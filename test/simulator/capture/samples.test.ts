// The sample recordings shipped in recordings/: readable, clean, and rebuilt byte for byte by the command that
// recordings/README.md gives as their provenance (the simulator is deterministic; a few seconds each).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { decode } from "../../../bridge/f1/decode.ts";
import { openInput } from "../../../simulator/capture/open-input.ts";
import { runCli } from "../support/cli-process.ts";

const RECORDINGS = fileURLToPath(new URL("../../../recordings/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "slipstream-samples-"));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Sample {
  file: string;
  simulateArgs: string[];
  sha256: string;
}

/** The rows of the README's Samples table: file, `npx slipstream simulate ... && gzip ...`, checksum. */
function samples(): Sample[] {
  const readme = readFileSync(join(RECORDINGS, "README.md"), "utf8");
  const section = readme.split("## Samples")[1]?.split("\n## ")[0] ?? "";
  const rows = [
    ...section.matchAll(
      /^\| `([^`]+)` \| `npx slipstream simulate ([^`]+?) && gzip -9n \S+` \| `([0-9a-f]{64})` \|$/gm,
    ),
  ];
  return rows.map(([, file, args, sha256]) => ({
    file: file as string,
    simulateArgs: (args as string).split(/\s+/),
    sha256: sha256 as string,
  }));
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function simulate(args: string[]): Promise<number> {
  return (await runCli(["simulate", ...args])).code;
}

const listed = samples();

test("recordings/README.md lists the race and the time trial, and every listed sample is in the repository", () => {
  assert.deepEqual(listed.map((s) => s.file).sort(), ["sample-race.slipcap.gz", "sample-time-trial.slipcap.gz"]);
  for (const s of listed) assert.ok(existsSync(join(RECORDINGS, s.file)), s.file);
});

for (const sample of listed) {
  test(`${sample.file}: decodes with no rejection and matches its recorded checksum and its provenance command`, async () => {
    const input = await openInput(join(RECORDINGS, sample.file));
    assert.equal(input.kind, "capture");
    let datagrams = 0;
    const rejected: string[] = [];
    const sessions = new Set<string>();
    for await (const { bytes } of input) {
      datagrams++;
      const d = decode(bytes);
      if (d.ok) sessions.add(d.packet.header.sessionUID);
      else rejected.push(d.rejection.reason);
    }
    assert.ok(datagrams > 20_000, `${datagrams} datagrams`);
    assert.deepEqual(rejected, []);
    assert.equal(sessions.size, 1);
    assert.equal(input.report().truncatedTail, undefined);

    // The command's --out pointed at a scratch file: its bytes are the sample's, unpacked.
    const args = [...sample.simulateArgs];
    const out = join(dir, sample.file.replace(/\.gz$/, ""));
    args[args.indexOf("--out") + 1] = out;
    assert.equal(await simulate(args), 0);
    assert.equal(sha256(readFileSync(out)), sample.sha256, "the command rebuilds the recorded checksum");
    const shipped = gunzipSync(readFileSync(join(RECORDINGS, sample.file)));
    assert.equal(sha256(shipped), sample.sha256, "the shipped file holds what the command makes");
  });
}
