import assert from "node:assert/strict";
import { test } from "node:test";
import { SlipstreamError } from "../../../bridge/errors.ts";
import { SourceAllowlist } from "../../../bridge/ingest/source-allowlist.ts";

test("an empty allowlist lets everyone in", () => {
  assert.equal(new SourceAllowlist([]).allows("203.0.113.9", "IPv4"), true);
});

test("addresses and CIDR ranges, including IPv4-mapped IPv6 senders", () => {
  const list = new SourceAllowlist(["127.0.0.1", "192.168.1.0/24", "::1"]);
  assert.equal(list.allows("127.0.0.1", "IPv4"), true);
  assert.equal(list.allows("127.0.0.2", "IPv4"), false);
  assert.equal(list.allows("192.168.1.77", "IPv4"), true);
  assert.equal(list.allows("192.168.2.1", "IPv4"), false);
  assert.equal(list.allows("::ffff:192.168.1.5", "IPv6"), true);
  assert.equal(list.allows("::1", "IPv6"), true);
  assert.equal(list.allows("::2", "IPv6"), false);
});

test("a malformed entry is a configuration error", () => {
  assert.throws(() => new SourceAllowlist(["not-an-ip"]), SlipstreamError);
  assert.throws(() => new SourceAllowlist(["10.0.0.0/33"]), /prefix length/);
});
