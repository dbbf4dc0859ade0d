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

test("prefix lengths are decimal numbers within the family's range; anything else is refused at start", () => {
  const refused = [
    "192.168.1.10/", // once parsed as /0: everyone allowed
    "10.0.0.0/0x8",
    "10.0.0.0/1e1",
    "10.0.0.0/8.0",
    "10.0.0.0/+8",
    "10.0.0.0/-1",
    "10.0.0.0/ 8",
    "10.0.0.0/08",
    "10.0.0.0/8/8",
    "10.0.0.0/33",
    "10.0.0.0/255.255.255.0",
    "2001:db8::/",
    "2001:db8::/129",
    "/8",
  ];
  for (const entry of refused) {
    assert.throws(
      () => new SourceAllowlist([entry]),
      (e: unknown) =>
        e instanceof SlipstreamError && e.code === "invalid-config" && e.message.includes(JSON.stringify(entry)),
      entry,
    );
  }
  assert.throws(() => new SourceAllowlist(["192.168.1.10/"]), /bad prefix length: write a whole number from 0 to 32/);
  assert.throws(() => new SourceAllowlist(["::1/1e2"]), /from 0 to 128/);
});

test("IPv6 ranges; IPv4 written either way matches IPv4 senders reported either way", () => {
  const list = new SourceAllowlist(["2001:db8::/32", "::ffff:10.1.0.0/112", "192.168.7.7", "fe80::1%eth0"]);
  assert.equal(list.allows("2001:db8:1::5", "IPv6"), true);
  assert.equal(list.allows("2001:db9::1", "IPv6"), false);
  assert.equal(list.allows("10.1.2.3", "IPv4"), true);
  assert.equal(list.allows("::ffff:10.1.2.3", "IPv6"), true);
  assert.equal(list.allows("::FFFF:10.1.2.3", "IPv6"), true);
  assert.equal(list.allows("10.2.0.1", "IPv4"), false);
  assert.equal(list.allows("::ffff:c0a8:707", "IPv6"), true, "hex form of ::ffff:192.168.7.7");
  assert.equal(list.allows("fe80::1", "IPv6"), true);
  assert.equal(list.allows("::1", "IPv6"), false);
  assert.equal(list.allows("0.0.0.0", "IPv4"), false);
});

test("an IPv4-mapped range shorter than /96 is refused: it would reach past IPv4 into IPv6", () => {
  assert.throws(() => new SourceAllowlist(["::ffff:10.0.0.0/80"]), /IPv4-mapped .* at least \/96/);
  assert.throws(() => new SourceAllowlist(["::ffff:a00:0/88"]), /IPv4-mapped/);
  assert.doesNotThrow(() => new SourceAllowlist(["::ffff:0.0.0.0/96"]));
});
