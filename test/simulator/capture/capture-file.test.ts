import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { HEADER_BYTES } from "../../../simulator/capture/format.ts";
import { type CaptureEntry, CaptureReader } from "../../../simulator/capture/reader.ts";
import { CaptureWriter } from "../../../simulator/capture/writer.ts";
import { validFixtureDatagrams } from "../../support/datagram-stream.ts";

const dir = mkdtempSync(join(tmpdir(), "slipstream-capture-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const path = (name = "c") => join(dir, `${name}-${n++}.slipcap`);

async function readAll(file: string): Promise<{ entries: CaptureEntry[]; reader: CaptureReader }> {
  const reader = await CaptureReader.open(file);
  const entries: CaptureEntry[] = [];
  for await (const e of reader) entries.push(e);
  return { entries, reader };
}

const sample = () => {
  const valid = validFixtureDatagrams();
  return [valid[0], valid[5], Buffer.alloc(0), valid[40], Buffer.from("not telemetry")] as Buffer[];
};

test("entries come back byte for byte with their times and sources, and the header says what was written", async () => {
  const file = path();
  const datagrams = sample();
  const writer = CaptureWriter.create(file, { sources: true, startUnixUs: 1_700_000_000_123_456 });
  datagrams.forEach((d, i) => void writer.append(i * 16_667, d, i % 2 ? "192.168.1.7:51234" : "::1:20777"));
  writer.close();
  const { entries, reader } = await readAll(file);
  assert.deepEqual(reader.header, { version: 1, flags: 1, hasSources: true, startUnixUs: 1_700_000_000_123_456 });
  assert.equal(entries.length, datagrams.length);
  entries.forEach((e, i) => {
    assert.deepEqual(e.bytes, datagrams[i]);
    assert.equal(e.timeUs, i * 16_667);
    assert.equal(e.source, i % 2 ? "192.168.1.7:51234" : "::1:20777");
  });
  assert.equal(reader.truncatedTail, undefined);
  assert.equal(writer.bytes, readFileSync(file).length);
});

test("without sources, entries are 12 bytes plus the datagram; the start time may be unknown", async () => {
  const file = path();
  const writer = CaptureWriter.create(file, { sources: false });
  writer.append(0, Buffer.from([1, 2, 3]));
  writer.append(2 ** 40, Buffer.from([4]));
  writer.close();
  assert.equal(readFileSync(file).length, HEADER_BYTES + 12 + 3 + 12 + 1);
  const { entries, reader } = await readAll(file);
  assert.deepEqual(reader.header, { version: 1, flags: 0, hasSources: false, startUnixUs: undefined });
  assert.deepEqual(
    entries.map((e) => [e.timeUs, [...e.bytes], e.source]),
    [
      [0, [1, 2, 3], undefined],
      [2 ** 40, [4], undefined],
    ],
  );
});

test("a file cut at every byte offset reads every complete entry and reports the cut one", async () => {
  const file = path();
  const datagrams = sample();
  const writer = CaptureWriter.create(file, { sources: true, startUnixUs: 1 });
  datagrams.forEach((d, i) => void writer.append(i * 1000, d, `10.0.0.${i}:20777`));
  writer.close();
  const whole = readFileSync(file);
  // Entry boundaries: where each entry ends.
  const ends: number[] = [];
  let at = HEADER_BYTES;
  datagrams.forEach((d, i) => {
    at += 12 + 1 + `10.0.0.${i}:20777`.length + d.length;
    ends.push(at);
  });
  assert.equal(at, whole.length);
  const cut = join(dir, "cut.slipcap");
  for (let length = 0; length <= whole.length; length++) {
    writeFileSync(cut, whole.subarray(0, length));
    if (length < HEADER_BYTES) {
      await assert.rejects(CaptureReader.open(cut), /not a Slipstream capture|header is cut short/, `cut at ${length}`);
      continue;
    }
    const { entries, reader } = await readAll(cut);
    const complete = ends.filter((e) => e <= length).length;
    assert.equal(entries.length, complete, `cut at ${length}`);
    entries.forEach((e, i) => void assert.deepEqual(e.bytes, datagrams[i]));
    const boundary = length === HEADER_BYTES || ends.includes(length);
    assert.equal(reader.truncatedTail === undefined, boundary, `cut at ${length}`);
    if (!boundary) {
      const start = complete === 0 ? HEADER_BYTES : (ends[complete - 1] as number);
      assert.deepEqual(reader.truncatedTail, { offset: start, bytes: length - start });
    }
  }
});

function withHeader(patch: (b: Buffer) => void): string {
  const file = path();
  const writer = CaptureWriter.create(file, { sources: false, startUnixUs: 5 });
  writer.append(10, Buffer.from([1, 2]));
  writer.append(20, Buffer.from([3]));
  writer.close();
  const bytes = readFileSync(file);
  patch(bytes);
  writeFileSync(file, bytes);
  return file;
}

test("bad files are refused with what is wrong and where", async () => {
  const cases: [string, (b: Buffer) => void, RegExp][] = [
    ["wrong magic", (b) => b.write("PCAPSLIP", 0, "latin1"), /not a Slipstream capture .*at byte 0/],
    ["newer version", (b) => b.writeUInt16LE(2, 8), /version 2 is newer than this Slipstream reads \(1\): upgrade/],
    ["version 0", (b) => b.writeUInt16LE(0, 8), /version 0 does not exist/],
    ["unknown flags", (b) => b.writeUInt16LE(0x8001, 10), /unknown capture flags 0x8000/],
    ["absurd start", (b) => b.writeBigUInt64LE(2n ** 63n, 12), /start time .* is absurd/],
  ];
  for (const [what, patch, message] of cases) {
    await assert.rejects(CaptureReader.open(withHeader(patch)), message, what);
  }
  const entryCases: [string, (b: Buffer) => void, RegExp][] = [
    ["absurd length", (b) => b.writeUInt32LE(70_000, HEADER_BYTES + 8), /entry 0: length 70000 is absurd .*at byte 28/],
    ["absurd time", (b) => b.writeBigUInt64LE(2n ** 60n, HEADER_BYTES), /entry 0: time .* is absurd/],
    [
      "time backwards",
      (b) => b.writeBigUInt64LE(5n, HEADER_BYTES + 14),
      /entry 1: time 5 µs is before 10 µs .*at byte 34/,
    ],
  ];
  for (const [what, patch, message] of entryCases) {
    await assert.rejects(readAll(withHeader(patch)), message, what);
  }
});

test("the writer never overwrites by accident, refuses times that go back, and closes once", () => {
  const file = path();
  CaptureWriter.create(file, { sources: false }).close();
  assert.throws(
    () => CaptureWriter.create(file, { sources: false }),
    /cannot create .*: it exists \(--force replaces it\)/,
  );
  const writer = CaptureWriter.create(file, { sources: false, overwrite: true });
  writer.append(100, Buffer.from([1]));
  assert.throws(() => writer.append(99, Buffer.from([1])), /not a whole number at or after 100/);
  assert.throws(() => writer.append(100.5, Buffer.from([1])), RangeError);
  writer.close();
  writer.close();
  assert.throws(() => writer.append(200, Buffer.from([1])), /is closed/);
  assert.throws(
    () => CaptureWriter.create(join(dir, "no/such/dir/x.slipcap"), { sources: false }),
    (e: Error & { code?: string }) => e.code === "unwritable-file",
  );
});

test("a long capture streams through a small write buffer; entries read are copies, not views of the read buffer", async () => {
  const file = path();
  const datagram = validFixtureDatagrams()[0] as Buffer;
  const writer = CaptureWriter.create(file, { sources: false, bufferBytes: 4096 });
  for (let i = 0; i < 20_000; i++) writer.append(i * 100, datagram);
  writer.close();
  const reader = await CaptureReader.open(file);
  let count = 0;
  let first: Buffer | undefined;
  for await (const e of reader) {
    first ??= e.bytes;
    count++;
  }
  assert.equal(count, 20_000);
  assert.deepEqual(first, datagram); // not overwritten by later reads
  assert.equal(reader.position.offset, reader.position.size);
});
