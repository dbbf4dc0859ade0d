// The F1 24/25 Session fields after the weather forecast, checked against the reference library at the right offset.
// The reference reads 56 forecast samples where the F1 24 spec has 64, so the golden and cross-check tests must excuse
// every later field (known-differences/2024.ts) and would not notice one of them decoded wrongly. Here the bytes of 8
// samples are cut out before the reference reads them: cutting samples 56-63 lines the reference up with every field
// after the array; cutting samples 48-55 puts our samples 56-63 where it reads its last eight.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decode } from "../../../bridge/f1/decode.ts";
import { format2024, session2024 } from "../../../bridge/f1/formats/2024.ts";
import { format2025 } from "../../../bridge/f1/formats/2025.ts";
import { header2023 } from "../../../bridge/f1/formats/headers.ts";
import { PACKET_ID } from "../../../bridge/f1/packet-ids.ts";
import { offsetOf, sizeOf } from "../../../bridge/f1/schema.ts";
import { loadBinFixtures, loadJsonlFixtures } from "../../support/fixtures.ts";
import { diffTrees, normalizeReference } from "../../support/reference-compare.ts";
import { referenceDecode } from "../../support/reference-library.ts";
import { randomDatagram, seededRandom } from "./random-datagram.ts";

const FORECAST = "weatherForecastSamples";
const forecastStart = header2023.size + offsetOf(session2024, FORECAST);
const sampleSize = sizeOf(session2024.fields[FORECAST].of);
const fields = Object.keys(session2024.fields);
const tail = fields.slice(fields.indexOf(FORECAST) + 1);

/** The datagram without forecast samples [from, from + 8). */
const cut = (bytes: Buffer, from: number) =>
  Buffer.concat([
    bytes.subarray(0, forecastStart + from * sampleSize),
    bytes.subarray(forecastStart + (from + 8) * sampleSize),
  ]);

function reference(bytes: Buffer): Record<string, unknown> {
  const parsed = referenceDecode(bytes);
  assert.ok(parsed && !(parsed instanceof Error), `reference failed: ${String(parsed)}`);
  return normalizeReference(parsed) as Record<string, unknown>;
}

/** Our decode of a 2024-layout session datagram against the reference's reads of the two cut datagrams. */
function check(bytes: Buffer): void {
  const r = decode(bytes);
  assert.ok(r.ok && r.packet.name === "session", r.ok ? r.packet.name : r.rejection.detail);
  const ours = r.packet.data as unknown as Record<string, unknown> & { weatherForecastSamples: unknown[] };
  const aligned = reference(cut(bytes, 56));
  const pick = (o: Record<string, unknown>) => Object.fromEntries(tail.map((k) => [k, o[k]]));
  assert.deepEqual(diffTrees(pick(ours), pick(aligned)), [], "fields after the forecast");
  assert.deepEqual(diffTrees(ours.weatherForecastSamples.slice(0, 56), aligned[FORECAST]), [], "samples 0-55");
  const last = reference(cut(bytes, 48))[FORECAST] as unknown[];
  assert.deepEqual(diffTrees(ours.weatherForecastSamples.slice(56), last.slice(48)), [], "samples 56-63");
}

/** 2025's Session layout is 2024's, so a 2025 session relabelled 2024 is read by the reference's 2024 parser. */
const as2024 = (bytes: Buffer) => {
  const copy = Buffer.from(bytes);
  copy.writeUInt16LE(2024, 0);
  return copy;
};

describe("F1 24/25 Session fields after the 64 forecast samples equal the reference's reads at the right offset", () => {
  test("the 2025 Session layout is the 2024 one", () =>
    assert.equal(format2025.packets.session, format2024.packets.session));

  const sessions = [
    ...loadBinFixtures()
      .filter((f) => f.packetFormat === 2024 && f.packetId === PACKET_ID.session)
      .map((f) => ({ name: f.file, bytes: f.bytes })),
    ...[2024, 2025].flatMap((year) =>
      loadJsonlFixtures(year)
        .filter((f) => f.packetID === PACKET_ID.session || f.packetID === "session")
        .map((f) => ({ name: `${year}.jsonl line ${f.line}`, bytes: as2024(f.bytes) })),
    ),
  ];
  test("there are real sessions of both formats to check", () => assert.ok(sessions.length >= 3));
  for (const s of sessions) test(s.name, () => check(s.bytes));

  test("50 seeded random 2024 session datagrams", () => {
    const random = seededRandom(2024);
    const size = header2023.size + session2024.size;
    for (let i = 0; i < 50; i++) check(randomDatagram(2024, PACKET_ID.session, size, undefined, random.bytes));
  });
});
