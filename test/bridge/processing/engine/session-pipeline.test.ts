import assert from "node:assert/strict";
import { test } from "node:test";
import { decode, validateDatagram } from "../../../../bridge/f1/decode.ts";
import { SessionPipeline } from "../../../../bridge/processing/engine/session-pipeline.ts";
import { DEFAULT_METRICS } from "../../../../bridge/processing/metrics/index.ts";
import type { CarsMessage, DerivedMessage, SessionMessage } from "../../../../bridge/protocol/derived.ts";
import { JSONL_YEARS, load2026Fixtures, loadJsonlFixtures } from "../../../support/fixtures.ts";

/** Runs every datagram of one session through a pipeline with every metric; returns what it published. */
function runSession(datagrams: readonly Buffer[], options: { twice?: boolean; windowMs?: number } = {}) {
  const outputs: DerivedMessage[] = [];
  const uid = validateDatagram(datagrams[0] as Buffer);
  assert.ok(uid.ok);
  const pipeline = new SessionPipeline({
    sessionUID: uid.info.sessionUID,
    metrics: DEFAULT_METRICS,
    reorderWindowMs: options.windowMs ?? 50,
    carsRateHz: 20,
    onOutput: (m) => outputs.push(m),
  });
  datagrams.forEach((bytes, n) => {
    pipeline.push({ bytes, arrivalMs: n, source: "127.0.0.1:50000" });
    if (options.twice) pipeline.push({ bytes, arrivalMs: n, source: "127.0.0.1:50000" });
  });
  pipeline.flush();
  return { outputs, pipeline };
}

function bySession(datagrams: readonly Buffer[]): Map<string, Buffer[]> {
  const sessions = new Map<string, Buffer[]>();
  for (const d of datagrams) {
    const v = validateDatagram(d);
    if (!v.ok) continue;
    sessions.set(v.info.sessionUID, [...(sessions.get(v.info.sessionUID) ?? []), d]);
  }
  return sessions;
}

for (const year of JSONL_YEARS) {
  test(`${year} captures: session info and every car's position agree with what the game sent`, () => {
    let compared = 0;
    for (const datagrams of bySession(loadJsonlFixtures(year).map((f) => f.bytes)).values()) {
      const { outputs, pipeline } = runSession(datagrams);
      assert.equal(pipeline.counters.rejected, 0);
      const decoded = datagrams.map((d) => decode(d)).flatMap((r) => (r.ok ? [r.packet] : []));
      const session = decoded.find((p) => p.name === "session");
      if (session) {
        const message = outputs.find((m): m is SessionMessage => m.type === "session");
        assert.equal(message?.trackId, (session.data as { trackId: number }).trackId);
        assert.deepEqual(message?.sources, ["127.0.0.1:50000"]);
      }
      const cars = outputs.find((m): m is CarsMessage => m.type === "cars");
      // The lap data behind that frame (the captures are not in frame order).
      const lap = decoded.find((p) => p.name === "lapData" && p.header.sessionTime * 1000 === cars?.sessionTimeMs);
      if (!lap || !cars) continue;
      const lapCars = (lap.data as { lapData: { carPosition: number; resultStatus: number }[] }).lapData;
      assert.equal(cars.cars.length, lapCars.filter((c) => c.resultStatus >= 2).length, "every car on the grid");
      for (const car of cars.cars) {
        assert.equal(car.position, lapCars[car.carIndex]?.carPosition, `${year} car ${car.carIndex} position`);
        compared++;
      }
    }
    assert.ok(compared >= 5, `${year}: compared ${compared} car positions`);
  });
}

test("every datagram twice: duplicates counted, and the same outputs as once", () => {
  const datagrams = loadJsonlFixtures(2024).map((f) => f.bytes);
  for (const session of bySession(datagrams).values()) {
    const once = runSession(session);
    const twice = runSession(session, { twice: true });
    assert.equal(twice.pipeline.counters.duplicates, session.length);
    assert.deepEqual(twice.outputs, once.outputs);
  }
});

test("2026: 24-car arrays, the player's active aero and overtake state reach the outputs", () => {
  const datagrams = load2026Fixtures().map((f) => f.bytes);
  const { outputs, pipeline } = runSession(datagrams);
  assert.equal(pipeline.counters.rejected, 0);
  assert.equal(pipeline.view.lapData?.cars.length, 24);
  const cars = outputs.filter((m): m is CarsMessage => m.type === "cars").at(-1);
  assert.ok(cars && cars.cars.length >= 20, `cars ${cars?.cars.length}`);
});

test("garbage and foreign formats are rejected and counted, never thrown", () => {
  const good = loadJsonlFixtures(2023).map((f) => f.bytes);
  const { pipeline } = runSession([...good, Buffer.from("not telemetry"), Buffer.alloc(0), Buffer.alloc(2000, 7)]);
  assert.equal(pipeline.counters.rejected, 3);
});

test("nextReleaseWallMs: a held datagram's window, mapped onto the caller's wall clock at its push", () => {
  const datagrams = loadJsonlFixtures(2025).map((f) => f.bytes);
  const uid = validateDatagram(datagrams[0] as Buffer);
  assert.ok(uid.ok);
  const pipeline = new SessionPipeline({
    sessionUID: uid.info.sessionUID,
    metrics: DEFAULT_METRICS,
    reorderWindowMs: 50,
    carsRateHz: 20,
    onOutput: () => {},
  });
  assert.equal(pipeline.nextReleaseWallMs(), undefined, "nothing held");
  // Received by the bridge at 1,000 ms (arrival clock), pushed here at wall time 9,000 ms.
  pipeline.push({ bytes: datagrams[0] as Buffer, arrivalMs: 1000 }, 9000);
  assert.equal(pipeline.nextReleaseWallMs(), 9050);
  pipeline.push({ bytes: datagrams[1] as Buffer, arrivalMs: 1010 }, 9030);
  assert.equal(pipeline.nextReleaseWallMs(), 9070, "the first is due 40 ms of arrival time after the newest push");
  pipeline.poll(9070);
  assert.equal(pipeline.nextReleaseWallMs(), 9080, "the second's turn");
  pipeline.poll(9080);
  assert.equal(pipeline.nextReleaseWallMs(), undefined);
});
