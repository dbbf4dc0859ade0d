// Gzip-compressed recordings (the shipped samples are .slipcap.gz) read as their contents, through every reader.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { openInput } from "../../../simulator/capture/open-input.ts";
import { CaptureWriter } from "../../../simulator/capture/writer.ts";
import { validFixtureDatagrams } from "../../support/datagram-stream.ts";

const dir = mkdtempSync(join(tmpdir(), "slipstream-gzip-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A capture of `count` fixture datagrams 10 ms apart, and its gzip. */
function captureAndGzip(name: string, count: number): { plain: string; gz: string } {
  const plain = join(dir, `${name}.slipcap`);
  const writer = CaptureWriter.create(plain, { sources: true, startUnixUs: 1_700_000_000_000_000 });
  const valid = validFixtureDatagrams();
  for (let i = 0; i < count; i++) writer.append(i * 10_000, valid[i % valid.length] as Buffer, "10.0.0.2:5000");
  writer.close();
  const gz = `${plain}.gz`;
  writeFileSync(gz, gzipSync(readFileSync(plain)));
  return { plain, gz };
}

async function readAll(path: string) {
  const input = await openInput(path);
  const entries = [];
  const progress: number[] = [];
  for await (const e of input) {
    entries.push(e);
    progress.push(input.progress());
  }
  return { input, entries, progress };
}

test("a gzipped capture reads as the capture itself, with progress over the compressed file", async () => {
  const { plain, gz } = captureAndGzip("whole", 3000);
  const a = await readAll(plain);
  const b = await readAll(gz);
  assert.equal(b.input.kind, "capture");
  assert.equal(b.input.startUnixUs, 1_700_000_000_000_000);
  assert.equal(b.entries.length, 3000);
  assert.deepEqual(b.entries, a.entries);
  assert.equal(b.input.report().truncatedTail, undefined);
  // Progress climbs to the end of the compressed file and never past it.
  assert.ok((b.progress[0] as number) < 0.5, `first progress ${b.progress[0]}`);
  assert.equal(b.progress.at(-1), 1);
  assert.ok(b.progress.every((p, i) => p <= 1 && p >= (b.progress[i - 1] ?? 0)));
});

test("a gzip file cut short reads up to its last complete entry and reports the cut; corruption is refused", async () => {
  const { plain, gz } = captureAndGzip("cut", 3000);
  const zipped = readFileSync(gz);
  const cut = join(dir, "cut-short.slipcap.gz");
  writeFileSync(cut, zipped.subarray(0, Math.floor(zipped.length / 2)));
  const whole = await readAll(plain);
  const part = await readAll(cut);
  assert.ok(part.entries.length > 100 && part.entries.length < 3000, `${part.entries.length} entries`);
  assert.deepEqual(part.entries, whole.entries.slice(0, part.entries.length));
  assert.notEqual(part.input.report().truncatedTail, undefined);

  const corrupt = Buffer.from(zipped);
  for (let i = 200; i < 260; i++) corrupt[i] = (corrupt[i] as number) ^ 0x5a;
  const bad = join(dir, "corrupt.slipcap.gz");
  writeFileSync(bad, corrupt);
  await assert.rejects(readAll(bad), (error: Error) => /bad gzip data/.test(error.message));
});
