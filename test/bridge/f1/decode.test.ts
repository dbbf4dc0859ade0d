import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { decode, validateDatagram } from "../../../bridge/f1/decode.ts";
import { FORMATS } from "../../../bridge/f1/formats/index.ts";
import { OFFICIAL_SIZES } from "../../../bridge/f1/official-sizes.ts";
import { REJECTION_REASONS } from "../../../bridge/f1/rejection.ts";
import { offsetOf } from "../../../bridge/f1/schema.ts";
import {
  FIXTURES_DIR,
  JSONL_YEARS,
  load2026Fixtures,
  loadBinFixtures,
  loadJsonlFixtures,
} from "../../support/fixtures.ts";
import { seededRandom } from "./random-datagram.ts";

test("a datagram shorter than any header is rejected as truncated", () => {
  const r = decode(new Uint8Array([0xe8]));
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.rejection.reason, "truncated");
});

test("a format newer than 2026 is rejected with advice to pick UDP Format 2026", () => {
  const bytes = new Uint8Array(64);
  new DataView(bytes.buffer).setUint16(0, 2027, true);
  const r = decode(bytes);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.rejection.reason, "unsupported-format");
  assert.match(r.rejection.detail, /UDP Format" to 2026/);
  assert.equal(validateDatagram(bytes).ok, false);
});

test("an unknown old format says which formats are supported", () => {
  const bytes = new Uint8Array(64);
  new DataView(bytes.buffer).setUint16(0, 2017, true);
  const r = decode(bytes);
  assert.ok(!r.ok && r.rejection.reason === "unsupported-format" && /2018 to 2026/.test(r.rejection.detail));
});

test("a packetFormat nowhere near a game year is not F1 telemetry, and no UDP Format advice is given", () => {
  for (const bytes of [Buffer.from("not telemetry at all"), Buffer.from([0, 0, 1, 2, 3]), Buffer.alloc(45, 0xff)]) {
    for (const r of [decode(bytes), validateDatagram(bytes)]) {
      assert.ok(!r.ok, bytes.toString("hex"));
      assert.equal(r.rejection.reason, "not-f1-telemetry");
      assert.doesNotMatch(r.rejection.detail, /UDP Format/);
    }
  }
});

test("the bridge's validation checks the event code: a ZZZZ event is refused before it reaches the raw topic", () => {
  const bytes = Buffer.from(readFileSync(join(FIXTURES_DIR, "single-2022-2024", "2024-03-SSTA.bin")));
  assert.ok(validateDatagram(bytes).ok);
  bytes.write("ZZZZ", 29, "latin1");
  const r = validateDatagram(bytes);
  assert.ok(!r.ok && r.rejection.reason === "unknown-event-code");
  assert.match(!r.ok ? r.rejection.detail : "", /"ZZZZ" does not exist in packetFormat 2024/);
});

test("F1 25 emitting the 2023 and 2024 formats (gameYear 0 and 25) decodes by packetFormat", () => {
  for (const [file, gameYear] of [
    ["2023-06.bin", 0],
    ["2024-06.bin", 25],
  ] as const) {
    const bytes = Buffer.from(readFileSync(join(FIXTURES_DIR, "single-2022-2024", file)));
    bytes.writeUInt8(gameYear, 2);
    const r = decode(bytes);
    assert.ok(r.ok && r.packet.name === "carTelemetry");
    assert.ok("gameYear" in r.packet.header && r.packet.header.gameYear === gameYear);
  }
});

/** Decodes and validates; both must answer (never throw), agree, and a rejection must name a known reason. */
function answer(bytes: Uint8Array): string {
  const r = decode(bytes);
  assert.equal(validateDatagram(bytes).ok, r.ok, "validation and decode agree (event codes included)");
  if (r.ok) {
    assert.ok(r.packet.header && r.packet.data);
    return "ok";
  }
  assert.ok(REJECTION_REASONS.includes(r.rejection.reason));
  assert.ok(r.rejection.detail.length > 0);
  return r.rejection.reason;
}

test("decoding never throws: 20,000 seeded random buffers, half of an official size, all get a typed answer", () => {
  const random = seededRandom(7); // seeded: the set of reasons below is the same on every run
  const formats = [...FORMATS.map((f) => f.packetFormat), 2017, 2027, 0, 65535];
  const outcomes = new Set<string>();
  for (let i = 0; i < 20_000; i++) {
    const format = formats[random.int(formats.length)] as number;
    const id = random.int(18);
    const official = OFFICIAL_SIZES[format]?.[id];
    const bytes = random.bytes(official !== undefined && random.int(2) === 0 ? official : random.int(1600));
    const definition = FORMATS.find((f) => f.packetFormat === format);
    if (bytes.length >= 7) {
      bytes.writeUInt16LE(format, 0);
      bytes.writeUInt8(id, definition ? offsetOf(definition.header, "packetId") : 6);
    }
    const codes = Object.keys(definition?.events ?? {});
    if (definition && id === 3 && bytes.length >= definition.header.size + 4 && random.int(2) === 0) {
      bytes.write(codes[random.int(codes.length)] ?? "", definition.header.size, "latin1");
    }
    outcomes.add(answer(bytes));
  }
  assert.deepEqual([...outcomes].sort(), ["ok", ...REJECTION_REASONS].sort());
});

test("mutated real datagrams of every format (2026 included) never throw: flipped bytes, cut and grown", () => {
  const random = seededRandom(11);
  const real = [
    ...loadBinFixtures().map((f) => f.bytes),
    ...JSONL_YEARS.map((y) => loadJsonlFixtures(y)[0]?.bytes ?? Buffer.alloc(0)),
    ...load2026Fixtures().map((f) => f.bytes),
  ];
  for (const original of real) {
    for (let i = 0; i < 40; i++) {
      const bytes = Buffer.from(original);
      for (let flips = 1 + random.int(8); flips > 0; flips--) bytes[random.int(bytes.length)] = random.int(256);
      const cut = random.int(3);
      answer(
        cut === 0
          ? bytes
          : cut === 1
            ? bytes.subarray(0, random.int(bytes.length))
            : Buffer.concat([bytes, random.bytes(1 + random.int(8))]),
      );
    }
  }
});

test("an event code the format does not have is rejected, not guessed", () => {
  const bytes = Buffer.from(readFileSync(join(FIXTURES_DIR, "single-2022-2024", "2022-03-SSTA.bin")));
  bytes.write("OVTK", 24, "latin1"); // overtake events arrived in F1 23
  const r = decode(bytes);
  assert.ok(!r.ok && r.rejection.reason === "unknown-event-code");
  assert.match(!r.ok ? r.rejection.detail : "", /"OVTK" does not exist in packetFormat 2022/);
});
