import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { decode, validateDatagram } from "../../../bridge/f1/decode.ts";
import { REJECTION_REASONS } from "../../../bridge/f1/rejection.ts";
import { FIXTURES_DIR } from "../../support/fixtures.ts";

test("a datagram shorter than any header is rejected as truncated", () => {
  const r = decode(new Uint8Array([0xe8]));
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.rejection.reason, "truncated");
});

test("the 2026 season format is rejected with advice to pick the 2025 UDP format", () => {
  const bytes = new Uint8Array(64);
  new DataView(bytes.buffer).setUint16(0, 2026, true);
  const r = decode(bytes);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.rejection.reason, "unsupported-format");
  assert.match(r.rejection.detail, /UDP Format" to 2025/);
  assert.equal(validateDatagram(bytes).ok, false);
});

test("an unknown old format says which formats are supported", () => {
  const bytes = new Uint8Array(64);
  new DataView(bytes.buffer).setUint16(0, 2017, true);
  const r = decode(bytes);
  assert.ok(!r.ok && /2018 to 2025/.test(r.rejection.detail));
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

test("decoding never throws: 20,000 random buffers, many with a valid format and id, all get a typed answer", () => {
  const formats = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 0, 65535];
  const reasons = new Set<string>();
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  for (let i = 0; i < 20_000; i++) {
    const bytes = randomBytes(next() % 1600);
    if (bytes.length >= 7) {
      const format = formats[next() % formats.length] as number;
      bytes.writeUInt16LE(format, 0);
      bytes.writeUInt8(next() % 18, format === 2018 ? 3 : format >= 2023 ? 6 : 5);
    }
    const r = decode(bytes);
    if (r.ok) assert.ok(r.packet.header && r.packet.data);
    else {
      assert.ok(REJECTION_REASONS.includes(r.rejection.reason));
      assert.ok(r.rejection.detail.length > 0);
      reasons.add(r.rejection.reason);
    }
    assert.equal(validateDatagram(bytes).ok, r.ok || r.rejection.reason === "unknown-event-code");
  }
  assert.deepEqual([...reasons].sort(), ["size-mismatch", "truncated", "unknown-packet-id", "unsupported-format"]);
});

test("an event code the format does not have is rejected, not guessed", () => {
  const bytes = Buffer.from(readFileSync(join(FIXTURES_DIR, "single-2022-2024", "2022-03-SSTA.bin")));
  bytes.write("OVTK", 24, "latin1"); // overtake events arrived in F1 23
  const r = decode(bytes);
  assert.ok(!r.ok && r.rejection.reason === "unknown-event-code");
  assert.match(!r.ok ? r.rejection.detail : "", /"OVTK" does not exist in packetFormat 2022/);
});
