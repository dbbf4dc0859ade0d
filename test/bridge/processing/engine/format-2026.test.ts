// UDP Format 2026 end to end through the processing: 24-car arrays, and active aero and overtake mode per car
// and per lap, from real 2026 datagrams made by the encoder.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyze } from "../../../../bridge/processing/analyze/analyze.ts";
import { SessionPipeline } from "../../../../bridge/processing/engine/session-pipeline.ts";
import { DEFAULT_METRICS } from "../../../../bridge/processing/metrics/index.ts";
import type { CarsMessage, DerivedMessage, LapMessage } from "../../../../bridge/protocol/derived.ts";
import { syntheticSession } from "../../../support/synthetic-session.ts";

const STREAM = syntheticSession([{ speed: 50 }, { speed: 48 }, { speed: 46 }], {
  seconds: 130,
  trackM: 2000,
  packetFormat: 2026,
});

test("2026: 24-car grid; active aero and overtake mode on the live car state and per lap", () => {
  const out: DerivedMessage[] = [];
  const p = new SessionPipeline({
    sessionUID: "777",
    metrics: DEFAULT_METRICS,
    reorderWindowMs: 50,
    carsRateHz: 20,
    onOutput: (m) => out.push(m),
  });
  for (const d of STREAM) p.push({ bytes: d.bytes, arrivalMs: d.atMs });
  p.flush();
  assert.equal(p.counters.rejected, 0);
  assert.equal(p.view.lapData?.cars.length, 24);
  assert.equal(p.view.telemetry2?.cars.length, 24);
  const laps = out.filter((m): m is LapMessage => m.type === "lap" && m.carIndex === 0);
  const [lap1, lap2] = laps;
  assert.ok(lap1?.activeAero && lap2?.activeAero, "per-lap 2026 data on the lap records");
  assert.ok(Math.abs(lap1.activeAero.straightPercent - 50) < 2, `straight ${lap1.activeAero.straightPercent}`);
  assert.equal(lap1.activeAero.overtakeUses, 0);
  assert.equal(lap2.activeAero.overtakeUses, 1);
  assert.ok(Math.abs(lap2.activeAero.overtakeActivePercent - 25) < 2, `${lap2.activeAero.overtakeActivePercent}`);
  const cars = out.filter((m): m is CarsMessage => m.type === "cars").at(-1);
  const car = cars?.cars.find((c) => c.carIndex === 0);
  assert.equal(car?.activeAeroAvailable, true);
  assert.equal(car?.overtakeAvailable, true);
  assert.ok(car?.activeAero === "straight" || car?.activeAero === "corner");
  assert.equal(cars?.cars.length, 3);
});

test("2026: analyze reports the per-lap active aero and overtake figures", async () => {
  async function* inputs() {
    for (const d of STREAM) yield { bytes: d.bytes, timeUs: d.atMs * 1000 };
  }
  const analysis = await analyze(inputs(), { reorderWindowMs: 50 });
  const [session] = analysis.sessions;
  assert.equal(session?.packetFormat, 2026);
  const lap2 = session?.cars[0]?.laps.find((l) => l.lap === 2);
  assert.equal(lap2?.activeAero?.overtakeUses, 1);
});
