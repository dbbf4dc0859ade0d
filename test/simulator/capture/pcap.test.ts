import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { InputDatagram } from "../../../simulator/capture/input.ts";
import { openInput } from "../../../simulator/capture/open-input.ts";
import { PcapReader } from "../../../simulator/capture/pcap.ts";
import { PcapngReader } from "../../../simulator/capture/pcapng.ts";
import { LINK_TYPES } from "../../../simulator/capture/udp-frames.ts";
import { validFixtureDatagrams } from "../../support/datagram-stream.ts";
import {
  ethernet,
  ipv4Udp,
  ipv6Udp,
  linuxSll,
  linuxSll2,
  nullLoopback,
  PcapngWriter,
  pcapFile,
} from "../support/packets.ts";

const dir = mkdtempSync(join(tmpdir(), "slipstream-pcap-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(bytes: Buffer, ext = "pcap"): string {
  const path = join(dir, `f${n++}.${ext}`);
  writeFileSync(path, bytes);
  return path;
}

async function readAll(reader: AsyncIterable<InputDatagram>): Promise<InputDatagram[]> {
  const out: InputDatagram[] = [];
  for await (const d of reader) out.push(d);
  return out;
}

const [a, b, c, d] = validFixtureDatagrams() as [Buffer, Buffer, Buffer, Buffer];
const T0 = 1_764_000_000_000_000; // µs since the epoch

test("pcap, little-endian µs, Ethernet: UDP to and from port 20777; other ports, TCP, fragments and snapped frames counted", async () => {
  const frames = [
    { timeUs: T0, frame: ethernet(ipv4Udp("192.168.1.20", "192.168.1.10", 50000, 20777, a), { padTo: 60 }) },
    { timeUs: T0 + 16_667, frame: ethernet(ipv4Udp("192.168.1.10", "192.168.1.30", 20777, 20778, b), { vlan: true }) },
    { timeUs: T0 + 20_000, frame: ethernet(ipv4Udp("192.168.1.20", "192.168.1.10", 50000, 53, c)) },
    { timeUs: T0 + 21_000, frame: ethernet(ipv4Udp("192.168.1.20", "192.168.1.10", 50000, 20777, c, { protocol: 6 })) },
    {
      timeUs: T0 + 22_000,
      frame: ethernet(ipv4Udp("192.168.1.20", "192.168.1.10", 50000, 20777, c, { fragment: "first" })),
    },
    {
      timeUs: T0 + 23_000,
      frame: ethernet(ipv4Udp("192.168.1.20", "192.168.1.10", 50000, 20777, c, { fragment: "later" })),
    },
    { timeUs: T0 + 24_000, frame: ethernet(ipv4Udp("192.168.1.20", "192.168.1.10", 50000, 20777, c)), captured: 96 },
    { timeUs: T0 + 33_333, frame: ethernet(ipv6Udp("fe80::1", "fe80::2", 50001, 20777, d)) },
  ];
  const reader = await PcapReader.open(file(pcapFile({ linkType: LINK_TYPES.ethernet }, frames)), 20777);
  const got = await readAll(reader);
  assert.deepEqual(
    got.map((g) => [g.timeUs, g.source]),
    [
      [T0, "192.168.1.20:50000"],
      [T0 + 16_667, "192.168.1.10:20777"],
      [T0 + 33_333, "fe80::1:50001"],
    ],
  );
  assert.deepEqual(got[0]?.bytes, a);
  assert.deepEqual(got[1]?.bytes, b);
  assert.deepEqual(got[2]?.bytes, d);
  assert.deepEqual(reader.counts, {
    frames: 8,
    datagrams: 3,
    fragmented: 2,
    other: 2,
    truncated: 1,
    malformed: 0,
    unsupportedLink: 0,
  });
  assert.equal(reader.truncatedTail, undefined);
});

test("pcap, big-endian ns, and every other link type: raw IP, Linux SLL and SLL2, BSD loopback; a chosen port", async () => {
  const ip4 = ipv4Udp("127.0.0.1", "127.0.0.1", 40000, 30000, a);
  const ip6 = ipv6Udp("::1", "::1", 40001, 30000, b, { extension: "destination-options" });
  const cases: [number, Buffer[]][] = [
    [LINK_TYPES.raw, [ip4, ip6]],
    [LINK_TYPES.ipv4, [ip4]],
    [LINK_TYPES.ipv6, [ip6]],
    [LINK_TYPES.linuxSll, [linuxSll(ip4), linuxSll(ip6)]],
    [LINK_TYPES.linuxSll2, [linuxSll2(ip4), linuxSll2(ip6)]],
    [LINK_TYPES.null, [nullLoopback(ip4, 2), nullLoopback(ip6, 30)]],
    [LINK_TYPES.loop, [nullLoopback(ip4, 2)]],
  ];
  for (const [linkType, frames] of cases) {
    const bytes = pcapFile(
      { linkType, littleEndian: false, nanoseconds: true },
      frames.map((frame, i) => ({ timeUs: T0 + i * 1001, frame })),
    );
    const got = await readAll(await PcapReader.open(file(bytes), 30000));
    assert.equal(got.length, frames.length, `link type ${linkType}`);
    got.forEach((g, i) => {
      assert.equal(g.timeUs, T0 + i * 1001);
      const ipv6 = frames[i] === ip6 || (frames[i] as Buffer).includes(ip6);
      assert.deepEqual(g.bytes, ipv6 ? b : a, `link type ${linkType} frame ${i}`);
      assert.equal(g.source, ipv6 ? "::1:40001" : "127.0.0.1:40000");
    });
    // The default port (20777) matches none of them.
    assert.equal((await readAll(await PcapReader.open(file(bytes), 20777))).length, 0);
  }
});

test("pcap: IPv6 fragments are counted; bad files are refused; a cut tail loses only its packet", async () => {
  const frames = [
    { timeUs: T0, frame: ipv6Udp("::1", "::1", 1, 20777, a) },
    { timeUs: T0 + 1, frame: ipv6Udp("::1", "::1", 1, 20777, a, { extension: "fragment" }) },
    { timeUs: T0 + 2, frame: ipv6Udp("::1", "::1", 1, 20777, b) },
  ];
  const bytes = pcapFile({ linkType: LINK_TYPES.raw }, frames);
  const reader = await PcapReader.open(file(bytes), 20777);
  assert.equal((await readAll(reader)).length, 2);
  assert.equal(reader.counts.fragmented, 1);

  const cut = await PcapReader.open(file(bytes.subarray(0, bytes.length - 5)), 20777);
  assert.deepEqual(
    (await readAll(cut)).map((g) => g.bytes),
    [a],
  );
  assert.ok(cut.truncatedTail);

  await assert.rejects(
    PcapReader.open(file(pcapFile({ linkType: 147 }, [])), 20777),
    /pcap link type 147 is not one we read/,
  );
  await assert.rejects(PcapReader.open(file(pcapFile({ linkType: 1, version: 3 }, [])), 20777), /pcap version 3/);
  const absurd = Buffer.from(bytes);
  absurd.writeUInt32LE(10_000_000, 24 + 8);
  await assert.rejects(
    readAll(await PcapReader.open(file(absurd), 20777)),
    /packet 0: captured length 10000000 is absurd/,
  );
});

test("pcapng: sections of both byte orders, several interfaces and time resolutions, EPB, SPB, the obsolete block; others skipped", async () => {
  const le = new PcapngWriter(true)
    .sectionHeader()
    .interface(LINK_TYPES.ethernet) // µs
    .interface(LINK_TYPES.linuxSll2, { tsresol: 9 }) // ns
    .block(4, Buffer.alloc(12)) // a Name Resolution Block: skipped
    .enhancedPacket(0, BigInt(T0), ethernet(ipv4Udp("10.0.0.2", "10.0.0.1", 50000, 20777, a)))
    .enhancedPacket(1, BigInt(T0 + 5) * 1000n + 999n, linuxSll2(ipv6Udp("2001:db8::2", "2001:db8::1", 50001, 20777, b)))
    .block(5, Buffer.alloc(16)) // Interface Statistics: skipped
    .enhancedPacket(0, BigInt(T0 + 6), ethernet(ipv4Udp("10.0.0.2", "10.0.0.1", 50000, 9999, c))) // other port
    .simplePacket(ethernet(ipv4Udp("10.0.0.2", "10.0.0.1", 50000, 20777, c)))
    .obsoletePacket(0, BigInt(T0 + 7), ethernet(ipv4Udp("10.0.0.2", "10.0.0.1", 50000, 20777, d)))
    .bytes();
  const be = new PcapngWriter(false)
    .sectionHeader()
    .interface(LINK_TYPES.raw, { tsresol: 0x80 | 20, tsoffset: 10n }) // 2^-20 s units, +10 s
    .interface(147) // a link type we do not read
    .enhancedPacket(0, 2n ** 20n * 3n, ipv4Udp("10.0.0.3", "10.0.0.1", 50002, 20777, d))
    .enhancedPacket(1, 0n, Buffer.from("whatever"))
    .bytes();
  const reader = await PcapngReader.open(file(Buffer.concat([le, be]), "pcapng"), 20777);
  const got = await readAll(reader);
  assert.deepEqual(
    got.map((g) => [g.timeUs, g.source]),
    [
      [T0, "10.0.0.2:50000"],
      [T0 + 5, "2001:db8::2:50001"],
      [undefined, "10.0.0.2:50000"],
      [T0 + 7, "10.0.0.2:50000"],
      [13_000_000, "10.0.0.3:50002"],
    ],
  );
  assert.deepEqual(
    got.map((g) => g.bytes),
    [a, b, c, d, d],
  );
  assert.deepEqual(reader.counts, {
    frames: 7,
    datagrams: 5,
    fragmented: 0,
    other: 1,
    truncated: 0,
    malformed: 0,
    unsupportedLink: 1,
  });
});

test("pcapng: broken blocks are refused with where; a cut tail loses only its block", async () => {
  const good = () =>
    new PcapngWriter()
      .sectionHeader()
      .interface(LINK_TYPES.raw)
      .enhancedPacket(0, 1n, ipv4Udp("10.0.0.2", "10.0.0.1", 1, 20777, a))
      .enhancedPacket(0, 2n, ipv4Udp("10.0.0.2", "10.0.0.1", 1, 20777, b));
  const bytes = good().bytes();
  const cut = await PcapngReader.open(file(bytes.subarray(0, bytes.length - 1), "pcapng"), 20777);
  assert.deepEqual(
    (await readAll(cut)).map((g) => g.bytes),
    [a],
  );
  assert.ok(cut.truncatedTail);

  const shbLength = bytes.readUInt32LE(4);
  const idbLength = bytes.readUInt32LE(shbLength + 4);
  const epb = shbLength + idbLength;
  const odd = Buffer.from(bytes);
  odd.writeUInt32LE(odd.readUInt32LE(epb + 4) + 2, epb + 4);
  await assert.rejects(
    readAll(await PcapngReader.open(file(odd, "pcapng"), 20777)),
    /block length \d+ \(a multiple of 4/,
  );
  const mismatch = Buffer.from(bytes);
  mismatch.writeUInt32LE(mismatch.readUInt32LE(epb + 4) + 4, epb + 4);
  await assert.rejects(readAll(await PcapngReader.open(file(mismatch, "pcapng"), 20777)), /trailing length differs/);
  const noInterface = new PcapngWriter().sectionHeader().enhancedPacket(0, 1n, Buffer.alloc(40)).bytes();
  await assert.rejects(
    readAll(await PcapngReader.open(file(noInterface, "pcapng"), 20777)),
    /interface 0, which the section never described/,
  );
  const badMagic = Buffer.from(bytes);
  badMagic.writeUInt32LE(0x12345678, 8);
  await assert.rejects(readAll(await PcapngReader.open(file(badMagic, "pcapng"), 20777)), /byte-order magic/);
  const v2 = Buffer.from(bytes);
  v2.writeUInt16LE(2, 12);
  await assert.rejects(readAll(await PcapngReader.open(file(v2, "pcapng"), 20777)), /pcapng version 2/);
});

test("openInput tells every kind by magic (or .jsonl by name) and yields the same datagrams", async () => {
  const pcap = file(
    pcapFile({ linkType: LINK_TYPES.raw }, [{ timeUs: T0, frame: ipv4Udp("1.2.3.4", "5.6.7.8", 9, 20777, a) }]),
    "cap",
  );
  const pcapng = file(
    new PcapngWriter()
      .sectionHeader()
      .interface(LINK_TYPES.raw)
      .enhancedPacket(0, BigInt(T0), ipv4Udp("1.2.3.4", "5.6.7.8", 9, 20777, a))
      .bytes(),
    "dump",
  );
  const bin = file(a, "bin");
  const jsonl = file(
    Buffer.from(`${JSON.stringify({ message: a.toJSON() })}\n\n${JSON.stringify({ message: [...b] })}\n`),
    "jsonl",
  );
  const expectations: [string, string, Buffer[], boolean][] = [
    [pcap, "pcap", [a], true],
    [pcapng, "pcapng", [a], true],
    [bin, "bin", [a], false],
    [jsonl, "jsonl", [a, b], false],
  ];
  for (const [path, kind, datagrams, timed] of expectations) {
    const input = await openInput(path);
    assert.equal(input.kind, kind);
    assert.equal(input.timed, timed);
    const got = await readAll(input);
    assert.deepEqual(
      got.map((g) => g.bytes),
      datagrams,
    );
    assert.equal(input.progress(), 1, kind);
    if (timed) assert.equal(got[0]?.timeUs, T0);
  }
  // As decode reads them: a line without datagram bytes is skipped and counted, the rest read.
  const broken = file(Buffer.from('{"message": [1,2]}\nnot json\n{"message": [300]}\n{"message": [3]}\n'), "jsonl");
  const input = await openInput(broken);
  assert.deepEqual(
    (await readAll(input)).map((d) => [...d.bytes]),
    [[1, 2], [3]],
  );
  assert.equal(input.report().malformedLines, 2);
  await assert.rejects(openInput(join(dir, "missing.slipcap")), /cannot open .*missing\.slipcap: ENOENT/);
});
