import assert from "node:assert/strict";
import { test } from "node:test";
import { decode, validateDatagram } from "../../../bridge/f1/decode.ts";

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
