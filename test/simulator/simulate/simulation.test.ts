import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { decode, validateDatagram } from "../../../bridge/f1/decode.ts";
import type { SupportedFormat } from "../../../bridge/f1/formats/index.ts";
import { analyze } from "../../../bridge/processing/analyze/analyze.ts";
import { type SimDatagram, Simulation, type SimulationOptions } from "../../../simulator/simulate/simulation.ts";

const BASE: SimulationOptions = {
  track: "monaco",
  packetFormat: 2025,
  session: "race",
  cars: 4,
  laps: 2,
  seed: 42,
  rateHz: 10,
};

function run(options: Partial<SimulationOptions>): { sim: Simulation; datagrams: SimDatagram[] } {
  const sim = new Simulation({ ...BASE, ...options });
  return { sim, datagrams: [...sim.datagrams()] };
}

async function analysed(datagrams: readonly SimDatagram[]) {
  async function* inputs() {
    yield* datagrams;
  }
  const analysis = await analyze(inputs(), { reorderWindowMs: 50 });
  assert.equal(analysis.sessions.length, 1);
  return analysis.sessions[0] as NonNullable<(typeof analysis.sessions)[number]>;
}

/** The analysis finds exactly the simulator's laps, sectors, validity, positions and names. */
async function assertAnalysisMatchesTruth(sim: Simulation, datagrams: readonly SimDatagram[]): Promise<void> {
  const session = await analysed(datagrams);
  assert.deepEqual(session.counts, { packets: datagrams.length, rejected: 0, duplicates: 0, late: 0, gaps: 0 });
  assert.equal(session.sessionUID, sim.truth.sessionUID);
  assert.equal(session.trackId, sim.truth.trackId);
  const lapsOf = (laps: readonly { lap: number; timeMs: number; sectorsMs: unknown; valid: boolean }[]) =>
    laps.map(({ lap, timeMs, sectorsMs, valid }) => ({ lap, timeMs, sectorsMs, valid }));
  for (const truth of sim.truth.cars) {
    const car = session.cars.find((c) => c.carIndex === truth.carIndex);
    const where = `format ${sim.options.packetFormat} ${sim.options.session}, car ${truth.carIndex}`;
    assert.ok(car, where);
    assert.deepEqual(lapsOf(car.laps), lapsOf(truth.laps), where);
    assert.equal(car.position, truth.position, where);
    assert.equal(car.name, truth.name, where);
    assert.equal(car.bestLapMs, truth.bestLapMs, where);
    if (sim.options.session === "race") assert.equal(car.pitStops, truth.pitStops, where);
  }
  const byPosition = [...session.cars].sort((a, b) => (a.position ?? 99) - (b.position ?? 99)).map((c) => c.carIndex);
  assert.deepEqual(byPosition, sim.truth.classification);
}

test("the same seed gives the same bytes; another seed another session", () => {
  const hash = (ds: SimDatagram[]) => {
    const h = createHash("sha256");
    for (const d of ds) h.update(d.bytes).update(String(d.timeUs));
    return h.digest("hex");
  };
  const a = run({});
  const b = run({});
  assert.equal(a.datagrams.length, b.datagrams.length);
  assert.equal(hash(a.datagrams), hash(b.datagrams));
  const c = run({ seed: 43 });
  assert.notEqual(c.sim.sessionUID, a.sim.sessionUID);
  assert.notDeepEqual(
    c.sim.truth.cars.map((x) => x.laps.map((l) => l.timeMs)),
    a.sim.truth.cars.map((x) => x.laps.map((l) => l.timeMs)),
  );
  // A second rig of the same seed is its own session with its own source.
  const rig = new Simulation({ ...BASE, rig: 1 });
  assert.notEqual(rig.sessionUID, a.sim.sessionUID);
  assert.notEqual(rig.source, a.sim.source);
});

test("every format 2018-2026: each datagram validates and decodes, and the analysis equals the ground truth", async () => {
  for (const packetFormat of [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026] as SupportedFormat[]) {
    const { sim, datagrams } = run({ packetFormat, cars: 3 });
    assert.deepEqual(sim.strayKeys(), [], `format ${packetFormat}: builders set names no layout has`);
    for (const d of datagrams) {
      const v = validateDatagram(d.bytes);
      assert.ok(v.ok, `format ${packetFormat}: ${JSON.stringify(v)}`);
      assert.equal(v.info.packetFormat, packetFormat);
      assert.ok(decode(d.bytes).ok);
    }
    await assertAnalysisMatchesTruth(sim, datagrams);
  }
});

test("a 22-car race with pit stops, invalid laps and overtakes: analysis equals the ground truth", async () => {
  const { sim, datagrams } = run({ track: "monza", cars: 22, laps: 4, pitAfterLaps: 3, seed: 1 });
  assert.ok(sim.truth.cars.every((c) => c.pitStops === 1));
  assert.ok(
    sim.truth.cars.some((c) => c.laps.some((l) => !l.valid)),
    "a corner cut somewhere",
  );
  await assertAnalysisMatchesTruth(sim, datagrams);
  const events = datagrams
    .map((d) => decode(d.bytes))
    .flatMap((r) => (r.ok && r.packet.name === "event" ? [r.packet] : []));
  const codes: string[] = events.map((e) => e.data.eventStringCode);
  assert.equal(codes[0], "SSTA");
  assert.equal(codes.at(-1), "SEND");
  for (const code of ["STLG", "LGOT", "FTLP", "DRSE", "OVTK", "CHQF", "RCWN"]) assert.ok(codes.includes(code), code);
  const winner = events.find((e) => e.data.eventStringCode === "RCWN")?.data.eventDetails as { vehicleIdx: number };
  assert.equal(winner.vehicleIdx, sim.truth.classification[0]);
  const fastest = events.filter((e) => e.data.eventStringCode === "FTLP").at(-1)?.data.eventDetails as {
    vehicleIdx: number;
    lapTime: number;
  };
  assert.equal(fastest.vehicleIdx, sim.truth.fastestLap?.carIndex);
  assert.ok(Math.abs(fastest.lapTime * 1000 - (sim.truth.fastestLap?.timeMs ?? 0)) < 0.5);
  // The grid is not the result: positions changed on the way.
  assert.notDeepEqual(
    sim.truth.cars.map((c) => c.gridPosition),
    sim.truth.cars.map((c) => c.position),
  );
});

test("qualifying and time trial: out-lap, flying laps, in-lap; positions by best lap", async () => {
  for (const session of ["qualifying", "time-trial"] as const) {
    const { sim, datagrams } = run({ session, cars: 5, laps: 2 });
    const cars = session === "time-trial" ? 1 : 5;
    assert.equal(sim.truth.cars.length, cars);
    for (const c of sim.truth.cars) {
      assert.deepEqual(
        c.laps.map((l) => l.lap),
        [1, 2, 3, 4],
      );
      assert.ok(
        !(c.laps[0] as { valid: boolean }).valid && !(c.laps[3] as { valid: boolean }).valid,
        "out and in laps",
      );
    }
    await assertAnalysisMatchesTruth(sim, datagrams);
  }
});

test("packets at the game's rates: every frame, 2/s, 10/s, 20/s (one car each), 1/s, every 5 s", () => {
  const { sim, datagrams } = run({ rateHz: 20, cars: 4 });
  const count = new Map<string, number>();
  for (const d of datagrams) {
    const r = decode(d.bytes);
    if (r.ok) count.set(r.packet.name, (count.get(r.packet.name) ?? 0) + 1);
  }
  const frames = count.get("motion") as number;
  const seconds = frames / 20;
  assert.ok(Math.abs(seconds - sim.durationS) < 0.1);
  for (const name of ["lapData", "carTelemetry", "carStatus", "motionEx"]) assert.equal(count.get(name), frames, name);
  const near = (name: string, perSecond: number) => {
    const n = count.get(name) as number;
    assert.ok(Math.abs(n - seconds * perSecond) <= 2, `${name}: ${n} in ${seconds} s`);
  };
  near("session", 2);
  near("carSetups", 2);
  near("carDamage", 10);
  near("sessionHistory", 20);
  near("tyreSets", 20);
  near("lapPositions", 1);
  near("participants", 0.2);
  assert.equal(count.get("finalClassification"), 1);
});

test("motion is consistent: positions advance by the velocity, g-forces follow v^2 k and dv/dt", () => {
  const { datagrams } = run({ track: "monza", cars: 2, laps: 1, rateHz: 20 });
  let previous: { x: number; z: number; vx: number; vz: number } | undefined;
  let checked = 0;
  let maxLateral = 0;
  for (const d of datagrams) {
    const r = decode(d.bytes);
    if (!r.ok || r.packet.name !== "motion" || r.packet.packetFormat !== 2025) continue;
    const m = r.packet.data.carMotionData[0] as NonNullable<(typeof r.packet.data.carMotionData)[number]>;
    const now = { x: m.worldPositionX, z: m.worldPositionZ, vx: m.worldVelocityX, vz: m.worldVelocityZ };
    maxLateral = Math.max(maxLateral, Math.abs(m.gForceLateral));
    assert.ok(m.gForceLongitudinal > -6.5 && m.gForceLongitudinal < 2.5);
    const v = Math.hypot(now.vx, now.vz);
    if (previous && v > 20) {
      const moved = Math.hypot(now.x - previous.x, now.z - previous.z);
      const expected = ((v + Math.hypot(previous.vx, previous.vz)) / 2) * 0.05;
      assert.ok(Math.abs(moved - expected) < 0.05 * expected + 0.3, `moved ${moved} m, expected ${expected} m`);
      // The forward vector points along the velocity.
      const along = (m.worldForwardDirX / 32767) * (now.vx / v) + (m.worldForwardDirZ / 32767) * (now.vz / v);
      assert.ok(along > 0.999);
      checked++;
    }
    previous = now;
  }
  assert.ok(checked > 1000);
  assert.ok(maxLateral > 2.5 && maxLateral < 6.5, `lateral g up to ${maxLateral}`);
});

test("full grids: 20 cars in 2018-2019, 22 in 2020-2025, 24 in 2026; one more is refused", () => {
  for (const [packetFormat, cars] of [
    [2018, 20],
    [2022, 22],
    [2026, 24],
  ] as [SupportedFormat, number][]) {
    const sim = new Simulation({ ...BASE, packetFormat, cars });
    let n = 0;
    for (const d of sim.datagrams()) {
      const r = decode(d.bytes);
      assert.ok(r.ok);
      if (r.packet.name === "participants") {
        const data = r.packet.data as { participants: { name: string }[] };
        assert.equal(new Set(data.participants.slice(0, cars).map((p) => p.name)).size, cars, "distinct names");
      }
      if (++n > 300) break;
    }
    assert.throws(() => new Simulation({ ...BASE, packetFormat, cars: cars + 1 }), /carries 1 to/);
  }
});
