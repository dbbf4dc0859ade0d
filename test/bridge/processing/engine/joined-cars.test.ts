// A ghost lap joined to a live game's session (`slipstream import --join-session`): the simulator's race and the
// imported Monza lap at car 10 with the game's frames, interleaved into one pipeline from two sources as the
// bridge would carry them. The game's cars must come out as without the ghost, the ghost as its own car.
import assert from "node:assert/strict";
import { test } from "node:test";
import { JoinedCars, RELEASE_AFTER_MS } from "../../../../bridge/processing/engine/joined-cars.ts";
import { type RawInput, SessionPipeline } from "../../../../bridge/processing/engine/session-pipeline.ts";
import { SessionView } from "../../../../bridge/processing/engine/session-view.ts";
import { decodeState, encodeState } from "../../../../bridge/processing/engine/state-codec.ts";
import { DEFAULT_METRICS } from "../../../../bridge/processing/metrics/index.ts";
import type { LapDataPacket, ModelPacket } from "../../../../bridge/processing/model/types.ts";
import type { CarsMessage, DerivedMessage, LapMessage, LapTraceMessage } from "../../../../bridge/protocol/derived.ts";
import { importLap, sessionOf } from "../../../../simulator/import/import-lap.ts";
import { Simulation } from "../../../../simulator/simulate/simulation.ts";
import { FASTF1_SUBSET } from "../../../simulator/import/support.ts";
import { lapCar, lapDataOf, meta, sessionOf as sessionPacket } from "../model-builders.ts";

// The rule, packet by packet: a session packet makes its source a host; nobody's player from a non-host joins.
const GAME = "10.0.0.1:1";
const GHOST_SOURCE = "10.0.0.2:2";
const gameLap = (ms: number, slots = [0, 1]) =>
  lapDataOf(
    meta(ms, ms),
    slots.map((i) => lapCar({ position: i + 1, lapDistanceM: ms / 10 })),
  );
const ghostLap = (ms: number, slot = 3) => {
  const cars = Array.from({ length: 22 }, () => lapCar({ resultStatus: "inactive" }));
  cars[slot] = lapCar({ lapDistanceM: ms / 5 });
  return lapDataOf({ ...meta(ms, ms), playerCarIndex: undefined }, cars);
};
function feed(joined: JoinedCars, view: SessionView, packet: ModelPacket, source: string) {
  const split = joined.split(packet, source, view, DEFAULT_METRICS);
  if (split !== null) view.observe(split?.view ?? packet);
  return split;
}

test("rule: a spectating game (session packets, nobody's player) hosts; a lone source is never split", () => {
  const joined = new JoinedCars();
  const view = new SessionView("42");
  assert.equal(feed(joined, view, ghostLap(0), GHOST_SOURCE), undefined, "alone: as ever");
  const spectator = { ...sessionPacket("race", 5000, { ...meta(0, 0), playerCarIndex: undefined }) };
  assert.equal(feed(joined, view, spectator, GAME), undefined);
  assert.equal(
    feed(joined, view, { ...gameLap(10), meta: { ...meta(10, 10), playerCarIndex: undefined } }, GAME),
    undefined,
  );
  assert.equal(joined.joined.size, 0);
});

test("rule: the ghost owns its slot, the game's packets never overwrite it, and each sees only its own cars", () => {
  const joined = new JoinedCars();
  const view = new SessionView("42");
  feed(joined, view, sessionPacket("race"), GAME);
  feed(joined, view, gameLap(0), GAME);
  const g = feed(joined, view, ghostLap(16), GHOST_SOURCE);
  assert.ok(g?.states, "the ghost's own metric state");
  assert.deepEqual(
    (g.own as LapDataPacket).cars.map((c, i) => (c ? i : -1)).filter((i) => i >= 0),
    [3],
  );
  assert.deepEqual(view.activeCarIndices(), [0, 1, 3]);
  assert.equal(view.playerCarIndex, 0, "the game's player stays the player");
  // The game's lap data claims slot 3 too: the ghost's stays in the view, the metrics do not see the game's.
  const conflict = gameLap(33, [0, 1, 2, 3]);
  const h = feed(joined, view, conflict, GAME);
  assert.ok(h && h.states === undefined, "the game's packet, the session's own state");
  assert.equal((h.own as LapDataPacket).cars[3], undefined);
  assert.equal(view.lapData?.cars[3]?.lapDistanceM, 16 / 5);
  assert.deepEqual(view.activeCarIndices(), [0, 1, 2, 3]);
  // Its other packets (an event, Motion Ex...) touch nothing.
  assert.equal(
    feed(
      joined,
      view,
      { kind: "event", meta: { ...meta(40, 40), playerCarIndex: undefined } } as ModelPacket,
      GHOST_SOURCE,
    ),
    null,
  );
});

test("rule: released after 5 s of the game's time without a datagram, not during a pause; a session packet makes it a host", () => {
  const joined = new JoinedCars();
  const view = new SessionView("42");
  feed(joined, view, sessionPacket("race"), GAME);
  feed(joined, view, gameLap(0), GAME);
  feed(joined, view, ghostLap(100), GHOST_SOURCE);
  // The game paused for a minute while the ghost drove on (its clock stood still), then both go on: kept.
  for (let ms = 60_000; ms < 70_000; ms += 1000) feed(joined, view, ghostLap(ms), GHOST_SOURCE);
  for (let k = 0; k < 30; k++) {
    feed(joined, view, gameLap(200 + k), GAME);
    feed(joined, view, ghostLap(70_000 + k), GHOST_SOURCE);
  }
  assert.equal(joined.joined.size, 1);
  // The ghost stopped: after 5 s of the game's time its slot is the game's again.
  for (let ms = 300; ms <= 80_000; ms += 500) feed(joined, view, gameLap(ms), GAME);
  assert.equal(joined.joined.size, 0);
  assert.deepEqual(view.activeCarIndices(), [0, 1]);
  feed(joined, view, ghostLap(81_000), GHOST_SOURCE);
  assert.equal(joined.joined.size, 1, "back: joined again");
  feed(joined, view, sessionPacket("race", 5000, { ...meta(81_100, 0), playerCarIndex: undefined }), GHOST_SOURCE);
  assert.equal(joined.joined.size, 0, "it sent the session packet: a host now");
});

const RATE = 60;
const GHOST = 10;
const START_FRAME = 20 * RATE;
/** The game's stream is cut here: the ghost's lap (78 s from 20 s) is over and its slot released. */
const END_US = 115e6;

const sim = new Simulation({
  track: "monza",
  packetFormat: 2025,
  session: "race",
  cars: 6,
  laps: 2,
  seed: 7,
  rateHz: RATE,
});
const game: RawInput[] = [];
for (const d of sim.datagrams()) {
  if (d.timeUs >= END_US) break;
  game.push({ bytes: d.bytes, arrivalMs: d.timeUs / 1000, source: d.source });
}
const imported = sessionOf(importLap({ files: [FASTF1_SUBSET], track: "monza", packetFormat: 2025, rateHz: RATE }), {
  packetFormat: 2025,
  rateHz: RATE,
  name: "Reference lap",
  join: { sessionUID: sim.sessionUID, carIndex: GHOST },
  startFrame: START_FRAME,
  startSessionTimeS: START_FRAME / RATE,
});
const ghostStartMs = (START_FRAME / RATE) * 1000;
const ghost: RawInput[] = [...imported.datagrams()].map((d) => ({
  bytes: d.bytes,
  arrivalMs: ghostStartMs + d.timeUs / 1000,
  source: "192.168.1.50:61000",
}));
const ghostEndMs = ghostStartMs + imported.durationS * 1000;

/** Both streams by arrival, the ghost's datagram first on a tie every other time (the bridge's order is any). */
function interleave(a: readonly RawInput[], b: readonly RawInput[]): RawInput[] {
  const out: RawInput[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    const takeA =
      !y || (x !== undefined && (x.arrivalMs < y.arrivalMs || (x.arrivalMs === y.arrivalMs && out.length % 2 === 0)));
    out.push((takeA ? x : y) as RawInput);
    if (takeA) i++;
    else j++;
  }
  return out;
}
const both = interleave(game, ghost);

function pipelineFor(outputs: DerivedMessage[]): SessionPipeline {
  return new SessionPipeline({
    sessionUID: sim.sessionUID,
    metrics: DEFAULT_METRICS,
    reorderWindowMs: 50,
    carsRateHz: 20,
    onOutput: (m) => outputs.push(m),
  });
}

function run(inputs: readonly RawInput[], checkpointAt?: number) {
  const outputs: DerivedMessage[] = [];
  let pipeline = pipelineFor(outputs);
  inputs.forEach((input, n) => {
    if (n === checkpointAt) {
      const saved = decodeState(encodeState(pipeline.save()));
      pipeline = pipelineFor(outputs);
      pipeline.load(saved as ReturnType<SessionPipeline["save"]>);
    }
    pipeline.push(input);
  });
  pipeline.flush();
  return { outputs, pipeline };
}

const laps = (ms: DerivedMessage[]) => ms.filter((m): m is LapMessage => m.type === "lap");
const traces = (ms: DerivedMessage[]) => ms.filter((m): m is LapTraceMessage => m.type === "trace");
const gameOnly = <T extends { carIndex: number }>(ms: T[]) => ms.filter((m) => m.carIndex !== GHOST);

const alone = run(game);
const joined = run(both);

test("the game's cars' laps and traces are the same as without the ghost", () => {
  const before = laps(alone.outputs);
  assert.ok(before.length >= 6, `the game's cars completed ${before.length} laps`);
  assert.deepEqual(gameOnly(laps(joined.outputs)), before);
  assert.deepEqual(gameOnly(traces(joined.outputs)), traces(alone.outputs));
  assert.equal(joined.pipeline.counters.gaps, alone.pipeline.counters.gaps);
  assert.equal(joined.pipeline.counters.rewinds, 0);
});

test("the ghost's lap: car 10 with the source's lap time, and its trace for the driver view", () => {
  const lap = laps(joined.outputs).filter((l) => l.carIndex === GHOST);
  assert.equal(lap.length, 1);
  assert.ok(Math.abs((lap[0] as LapMessage).timeMs - 77_861) <= 1, `lap time ${lap[0]?.timeMs}`);
  assert.equal(lap[0]?.lap, 1);
  assert.deepEqual(
    lap[0]?.sectorsMs.every((s) => s !== null && s > 0),
    true,
  );
  const trace = traces(joined.outputs).filter((t) => t.carIndex === GHOST);
  assert.equal(trace.length, 1);
  assert.equal(trace[0]?.timeMs, lap[0]?.timeMs);
  assert.equal(trace[0]?.id, lap[0]?.id);
  assert.ok((trace[0]?.distanceM.length ?? 0) > 500);
  assert.equal(lap[0]?.reference, true, "marked a reference lap (kept off the boards)");
  assert.equal(trace[0]?.reference, true);
  assert.ok(
    [...laps(joined.outputs), ...traces(joined.outputs)].every(
      (m) => m.carIndex === GHOST || m.reference === undefined,
    ),
    "the game's own laps are not",
  );
  // A reference lap, not a competitor: the game's session best is the game's own.
  assert.equal(
    laps(joined.outputs).filter((l) => l.sessionBest && l.carIndex !== GHOST).length,
    laps(alone.outputs).filter((l) => l.sessionBest).length,
  );
});

test("every car frame while the ghost drives has the game's cars and the ghost, none of them at 0,0", () => {
  const frames = (ms: DerivedMessage[]) => ms.filter((m): m is CarsMessage => m.type === "cars");
  const gameCars = new Map(frames(alone.outputs).map((f) => [f.sessionTimeMs, f.cars.length]));
  let during = 0;
  for (const f of frames(joined.outputs)) {
    const inLap = f.sessionTimeMs > ghostStartMs + 100 && f.sessionTimeMs < ghostEndMs - 100;
    const g = f.cars.find((c) => c.carIndex === GHOST);
    if (!inLap) {
      if (f.sessionTimeMs > ghostEndMs + RELEASE_AFTER_MS + 100) assert.equal(g, undefined, "released after the lap");
      continue;
    }
    during++;
    assert.ok(g, `the ghost at ${f.sessionTimeMs}`);
    assert.equal(g.reference, true, "the ghost is marked a reference car (the tower keeps it out of the field)");
    assert.ok(
      f.cars.every((c) => c.carIndex === GHOST || c.reference === undefined),
      "the game's cars are not",
    );
    assert.equal(f.cars.length, 7, `6 cars and the ghost at ${f.sessionTimeMs}`);
    for (const c of f.cars) assert.ok(c.x !== 0 || c.z !== 0, `car ${c.carIndex} at 0,0 at ${f.sessionTimeMs}`);
    if (gameCars.has(f.sessionTimeMs)) assert.equal(gameCars.get(f.sessionTimeMs), 6);
  }
  const alsoAlone = frames(alone.outputs).filter(
    (f) => f.sessionTimeMs > ghostStartMs + 100 && f.sessionTimeMs < ghostEndMs - 100,
  );
  assert.ok(during >= alsoAlone.length && during > 1000, `${during} frames during the lap, ${alsoAlone.length} alone`);
});

test("no ghost datagram is a duplicate or late; the ghost's source is joined, the game's hosts", () => {
  assert.equal(joined.pipeline.counters.duplicates, 0);
  assert.equal(joined.pipeline.counters.late, 0);
  assert.equal(joined.pipeline.counters.rejected, 0);
  const { joined: cars } = joined.pipeline.save() as { joined: JoinedCars };
  assert.deepEqual([...cars.hosts], [sim.source]);
  assert.equal(cars.joined.size, 0, "released once its lap was over");
});

test("a checkpoint and restore half-way through the ghost's lap gives the same outputs", () => {
  const middle = both.findIndex((d) => d.arrivalMs > ghostStartMs + 40_000);
  const restored = run(both, middle);
  assert.deepEqual(restored.outputs, joined.outputs);
  assert.deepEqual(restored.pipeline.counters, joined.pipeline.counters);
});

test("a lone source without session packets and nobody's player is never split", () => {
  const outputs: DerivedMessage[] = [];
  const pipeline = pipelineFor(outputs);
  for (const d of ghost) pipeline.push(d);
  pipeline.flush();
  const lap = laps(outputs);
  assert.equal(lap.length, 1);
  assert.ok(Math.abs((lap[0] as LapMessage).timeMs - 77_861) <= 1);
});
