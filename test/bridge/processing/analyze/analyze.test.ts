import assert from "node:assert/strict";
import { test } from "node:test";
import { decode } from "../../../../bridge/f1/decode.ts";
import { analysisTable } from "../../../../bridge/processing/analyze/analysis-table.ts";
import { analyze } from "../../../../bridge/processing/analyze/analyze.ts";
import { loadJsonlFixtures } from "../../../support/fixtures.ts";

async function* from(datagrams: readonly Buffer[]) {
  for (const bytes of datagrams) yield { bytes };
}

interface LapRow {
  lastLapTimeInMS: number;
  currentLapNum: number;
}

test("laps the captures show completing carry exactly the lap time the game reported", async () => {
  const datagrams = loadJsonlFixtures(2024).map((f) => f.bytes);
  const analysis = await analyze(from(datagrams), { reorderWindowMs: 50 });
  // What the game said: each car's lastLapTimeInMS in the lap data of the session where laps complete.
  const reported = new Map<string, number>();
  for (const d of datagrams) {
    const r = decode(d);
    if (!r.ok || r.packet.name !== "lapData") continue;
    (r.packet.data as { lapData: LapRow[] }).lapData.forEach((c, i) => {
      reported.set(`${r.packet.header.sessionUID}/${i}/${c.currentLapNum - 1}`, c.lastLapTimeInMS);
    });
  }
  let checked = 0;
  for (const s of analysis.sessions) {
    for (const car of s.cars) {
      for (const lap of car.laps) {
        assert.equal(lap.timeMs, reported.get(`${s.sessionUID}/${car.carIndex}/${lap.lap}`));
        checked++;
      }
    }
  }
  assert.ok(checked >= 18, `checked ${checked} laps`);
});

test("the JSON document has the documented shape, counts included", async () => {
  const analysis = await analyze(from(loadJsonlFixtures(2025).map((f) => f.bytes)), { reorderWindowMs: 50 });
  const json = JSON.parse(JSON.stringify(analysis));
  const [s] = json.sessions;
  assert.deepEqual(Object.keys(s).sort(), [
    "cars",
    "counts",
    "packetFormat",
    "sessionType",
    "sessionUID",
    "track",
    "trackId",
  ]);
  assert.equal(s.track, "Las Vegas");
  assert.equal(s.sessionType, "race");
  assert.deepEqual(Object.keys(s.counts).sort(), ["duplicates", "gaps", "late", "packets", "rejected"]);
  assert.equal(s.counts.packets, 13);
  assert.equal(s.cars.length, 7, "the seven cars of this spectated race");
  assert.ok(s.cars.every((c: { laps: unknown[] }) => Array.isArray(c.laps)));
});

test("datagrams no session claims are counted by reason; the table names them", async () => {
  const good = loadJsonlFixtures(2019).map((f) => f.bytes);
  const analysis = await analyze(from([...good, Buffer.from("hello"), Buffer.alloc(3000)]), { reorderWindowMs: 50 });
  assert.equal(
    Object.values(analysis.unattributed).reduce((a, b) => a + b, 0),
    2,
  );
  assert.match(analysisTable(analysis), /Not F1 session datagrams: /);
});
