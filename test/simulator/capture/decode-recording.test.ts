import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { CommandContext } from "../../../bridge/cli/command.ts";
import { decodeCommand } from "../../../bridge/cli/commands/decode-command.ts";
import { LINK_TYPES } from "../../../simulator/capture/udp-frames.ts";
import { CaptureWriter } from "../../../simulator/capture/writer.ts";
import { validFixtureDatagrams } from "../../support/datagram-stream.ts";
import { ipv4Udp, pcapFile } from "../support/packets.ts";

const dir = mkdtempSync(join(tmpdir(), "slipstream-decode-rec-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    env: {},
    out: (l) => void out.push(l),
    err: (l) => void err.push(l),
    untilSignal: () => Promise.resolve(),
  };
  return { code: await decodeCommand.run(argv, ctx), out, err };
}

test("decode reads captures and pcap files by their first bytes, whatever their names, with times and sources", async () => {
  const [a, b] = validFixtureDatagrams() as [Buffer, Buffer];
  const capture = join(dir, "lap.bin"); // a misleading name: the magic decides
  const writer = CaptureWriter.create(capture, { sources: true });
  writer.append(0, a, "192.168.1.20:50000");
  writer.append(16_667, Buffer.from("garbage"), "192.168.1.20:50000");
  writer.append(33_334, b, "192.168.1.20:50000");
  writer.close();
  const pcap = join(dir, "game.pcap");
  writeFileSync(
    pcap,
    pcapFile({ linkType: LINK_TYPES.raw }, [
      { timeUs: 5_000_000, frame: ipv4Udp("10.0.0.2", "10.0.0.1", 50000, 20777, a) },
      { timeUs: 5_000_001, frame: ipv4Udp("10.0.0.2", "10.0.0.1", 50000, 53, a) },
    ]),
  );
  const { code, out, err } = await cli([capture, pcap]);
  assert.equal(code, 0);
  const rows = out.map((l) => JSON.parse(l));
  assert.deepEqual(
    rows.map((r) => [r.file, r.index, r.timeUs, r.source, r.name ?? r.rejected.reason]),
    [
      [capture, 0, 0, "192.168.1.20:50000", rows[0].name],
      [capture, 1, 16_667, "192.168.1.20:50000", "not-f1-telemetry"],
      [capture, 2, 33_334, "192.168.1.20:50000", rows[2].name],
      [pcap, 0, 5_000_000, "10.0.0.2:50000", rows[3].name],
    ],
  );
  assert.ok(rows[0].header && rows[0].data);
  assert.match(err.join("\n"), /game\.pcap: 1 of 2 packets read; skipped 1 other/);
});

test("decode reports a cut capture on stderr and still prints its entries; a bad one exits 2", async () => {
  const [a] = validFixtureDatagrams() as [Buffer];
  const capture = join(dir, "cut.slipcap");
  const writer = CaptureWriter.create(capture, { sources: false });
  writer.append(0, a);
  writer.append(1, a);
  writer.close();
  const whole = readFileSync(capture);
  writeFileSync(capture, whole.subarray(0, whole.length - 3));
  const cut = await cli([capture]);
  assert.equal(cut.code, 0);
  assert.equal(cut.out.length, 1);
  assert.match(cut.err.join("\n"), /ends inside an entry at byte \d+ .* that entry is lost/);

  const newer = Buffer.from(whole);
  newer.writeUInt16LE(9, 8);
  writeFileSync(capture, newer);
  const bad = await cli([capture]);
  assert.equal(bad.code, 2);
  assert.match(bad.err.join("\n"), /cannot read .*cut\.slipcap: .*version 9 is newer/);
});
