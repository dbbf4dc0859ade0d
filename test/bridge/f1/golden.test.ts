// Golden tests: every real captured datagram in test/fixtures decodes, and equals the reference values.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decode } from "../../../bridge/f1/decode.ts";
import { packetName } from "../../../bridge/f1/packet-ids.ts";
import { JSONL_YEARS, loadBinFixtures, loadJsonlFixtures } from "../../support/fixtures.ts";
import { asReferenceShape, compareWithReference } from "../../support/reference-compare.ts";
import { KNOWN_DIFFERENCES } from "./known-differences/index.ts";

/** Hand-edited upstream to the wrong size (fixtures README): a strict decoder must reject them. */
const WRONG_SIZE = new Set(["2024-03-RDFL.bin", "2024-03-SCAR.bin"]);

describe("single-datagram fixtures (F1 22, 23, 24)", () => {
  for (const fx of loadBinFixtures()) {
    test(fx.file, () => {
      const r = decode(fx.bytes);
      if (WRONG_SIZE.has(fx.file)) {
        assert.equal(r.ok, false);
        assert.equal(!r.ok && r.rejection.reason, "size-mismatch");
        assert.match(!r.ok ? r.rejection.detail : "", /is 45 bytes, got 4[47]/);
        return;
      }
      assert.ok(r.ok, r.ok ? "" : `${r.rejection.reason}: ${r.rejection.detail}`);
      assert.equal(r.packet.packetFormat, fx.packetFormat);
      assert.equal(r.packet.name, packetName(fx.packetId));
      if (fx.eventCode && r.packet.name === "event") assert.equal(r.packet.data.eventStringCode, fx.eventCode);
    });
  }
});

for (const year of JSONL_YEARS) {
  describe(`JSON Lines fixtures ${year} equal the reference's parsed values`, () => {
    const options = KNOWN_DIFFERENCES[year] ?? {};
    const used = new Set<string>();
    for (const fx of loadJsonlFixtures(year)) {
      test(`line ${fx.line} (packet ${fx.packetID})`, () => {
        const r = decode(fx.bytes);
        assert.ok(r.ok, r.ok ? "" : `${r.rejection.reason}: ${r.rejection.detail}`);
        assert.equal(r.packet.packetFormat, year);
        const expected = typeof fx.packetID === "number" ? packetName(fx.packetID) : fx.packetID;
        assert.equal(r.packet.name, expected);
        // The stored reference went through JSON (-0 became 0, NaN null): compare ours the same way.
        const ours = JSON.parse(JSON.stringify(asReferenceShape(r.packet)));
        const result = compareWithReference(ours, fx.parsed, options);
        for (const k of result.used) used.add(k);
        assert.deepEqual(result.unexplained.slice(0, 10), []);
      });
    }
    // For 2018-2024 the live cross-check asserts this over fixtures and random buffers together.
    if (year === 2025) {
      test("every listed known difference occurs", () => {
        assert.deepEqual(
          Object.keys(options.known ?? {}).filter((k) => !used.has(k)),
          [],
        );
      });
    }
  });
}
