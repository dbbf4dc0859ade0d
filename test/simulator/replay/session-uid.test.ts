import assert from "node:assert/strict";
import { test } from "node:test";
import { validateDatagram } from "../../../bridge/f1/decode.ts";
import { SessionRewriter, sessionUidOffset } from "../../../simulator/replay/session-uid.ts";
import { validFixtureDatagrams } from "../../support/datagram-stream.ts";

test("the sessionUID's offset per format: 4 in 2018, 6 in 2019-2022, 7 from 2023; none for other bytes", () => {
  const byFormat = new Map<number, number | undefined>();
  for (const bytes of validFixtureDatagrams()) byFormat.set(bytes.readUInt16LE(0), sessionUidOffset(bytes));
  assert.deepEqual(Object.fromEntries(byFormat), {
    2018: 4,
    2019: 6,
    2020: 6,
    2021: 6,
    2022: 6,
    2023: 7,
    2024: 7,
    2025: 7,
    2026: 7,
  });
  assert.equal(sessionUidOffset(Buffer.from("not telemetry")), undefined);
  assert.equal(sessionUidOffset(Buffer.from([0xe8, 0x07, 1])), undefined); // 2024, shorter than its header
});

test("each loop gets new sessionUIDs, the same within the loop, several sessions stay several; the input is untouched", () => {
  const datagrams = validFixtureDatagrams().filter((b) => validateDatagram(b).ok && sessionUidOffset(b) !== undefined);
  const uidOf = (b: Buffer) =>
    validateDatagram(b).ok ? (validateDatagram(b) as { info: { sessionUID: string } }).info.sessionUID : "";
  const originals = datagrams.map(uidOf);
  const distinctOriginal = new Set(originals.filter((u) => u !== "0")).size;
  assert.ok(distinctOriginal >= 2, "the fixtures hold several sessions");
  let next = 1000n;
  const rewriter = new SessionRewriter(() => next++);
  const loops: string[][] = [];
  for (let loop = 0; loop < 3; loop++) {
    rewriter.newLoop();
    const out = datagrams.map((b) => rewriter.rewrite(b));
    // Only the UID changed, and the datagram still validates.
    out.forEach((b, i) => {
      const at = sessionUidOffset(b) as number;
      const original = datagrams[i] as Buffer;
      assert.deepEqual(b.subarray(0, at), original.subarray(0, at));
      assert.deepEqual(b.subarray(at + 8), original.subarray(at + 8));
      assert.ok(validateDatagram(b).ok);
    });
    loops.push(out.map(uidOf));
  }
  assert.deepEqual(datagrams.map(uidOf), originals); // inputs not modified
  for (const uids of loops) {
    // Same original -> same new one within a loop; different originals stay different; zero stays zero.
    const mapping = new Map<string, string>();
    uids.forEach((u, i) => {
      const o = originals[i] as string;
      if (o === "0") assert.equal(u, "0");
      else {
        assert.notEqual(u, o);
        assert.equal(mapping.get(o) ?? u, u);
        mapping.set(o, u);
      }
    });
    assert.equal(new Set(mapping.values()).size, distinctOriginal);
  }
  const perLoop = loops.map((uids) => new Set(uids.filter((u) => u !== "0")));
  for (const u of perLoop[0] ?? []) assert.ok(!perLoop[1]?.has(u) && !perLoop[2]?.has(u), "loops share no session");
});
