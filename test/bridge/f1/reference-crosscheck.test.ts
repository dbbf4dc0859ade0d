// Cross-check against the reference library, live, for formats 2018-2024: on every real fixture and on
// randomised buffers of valid size, both decoders must give identical numbers (known differences aside).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { decode } from "../../../bridge/f1/decode.ts";
import { FORMATS } from "../../../bridge/f1/formats/index.ts";
import { OFFICIAL_SIZES } from "../../../bridge/f1/official-sizes.ts";
import { loadBinFixtures, loadJsonlFixtures } from "../../support/fixtures.ts";
import { asReferenceShape, compareWithReference } from "../../support/reference-compare.ts";
import { REFERENCE_FORMATS, referenceDecode } from "../../support/reference-library.ts";
import { KNOWN_DIFFERENCES } from "./known-differences/index.ts";
import { randomDatagram } from "./random-datagram.ts";

const RANDOM_PER_PACKET = 25;

function crossCheck(bytes: Buffer, year: number, used: Set<string>): void {
  const ours = decode(bytes);
  assert.ok(ours.ok, ours.ok ? "" : `${ours.rejection.reason}: ${ours.rejection.detail}`);
  const reference = referenceDecode(bytes);
  assert.ok(reference && !(reference instanceof Error), `reference failed: ${String(reference)}`);
  const result = compareWithReference(asReferenceShape(ours.packet), reference, KNOWN_DIFFERENCES[year]);
  for (const k of result.used) used.add(k);
  assert.deepEqual(result.unexplained.slice(0, 10), []);
}

for (const year of REFERENCE_FORMATS) {
  describe(`${year}: identical to the reference library`, () => {
    const used = new Set<string>();
    const format = FORMATS.find((f) => f.packetFormat === year);
    const fixtures = [
      ...loadJsonlFixtures(year).map((f) => ({ name: `jsonl line ${f.line}`, bytes: f.bytes })),
      ...loadBinFixtures()
        .filter((f) => f.packetFormat === year && decode(f.bytes).ok)
        .map((f) => ({ name: f.file, bytes: f.bytes })),
    ];
    for (const fx of fixtures) test(fx.name, () => crossCheck(fx.bytes, year, used));

    const sizes = OFFICIAL_SIZES[year] ?? [];
    for (let packetId = 0; packetId < sizes.length; packetId++) {
      const codes = packetId === 3 ? Object.keys(format?.events ?? {}) : [undefined];
      for (const code of codes) {
        test(`random ${RANDOM_PER_PACKET}x packet ${packetId}${code ? ` ${code}` : ""}`, () => {
          for (let i = 0; i < RANDOM_PER_PACKET; i++) {
            crossCheck(randomDatagram(year, packetId, sizes[packetId] ?? 0, code, randomBytes), year, used);
          }
        });
      }
    }
    test("known differences are all still real", () => {
      const listed = Object.keys(KNOWN_DIFFERENCES[year]?.known ?? {});
      assert.deepEqual(
        listed.filter((k) => !used.has(k)),
        [],
      );
    });
  });
}
