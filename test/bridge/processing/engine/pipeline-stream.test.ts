// Whole laps of real F1 25 datagrams through the pipeline: disorder, duplicates, loss, and a checkpoint.
import assert from "node:assert/strict";
import { test } from "node:test";
import { SessionPipeline } from "../../../../bridge/processing/engine/session-pipeline.ts";
import { decodeState, encodeState } from "../../../../bridge/processing/engine/state-codec.ts";
import { DEFAULT_METRICS } from "../../../../bridge/processing/metrics/index.ts";
import type { DerivedMessage, LapMessage } from "../../../../bridge/protocol/derived.ts";
import { type SyntheticDatagram, syntheticSession } from "../../../support/synthetic-session.ts";

const CARS = [{ speed: 50 }, { speed: 49 }, { speed: (lap: number) => (lap === 2 ? 52 : 48) }];
const STREAM = syntheticSession(CARS, { seconds: 320 });

function pipeline(out: DerivedMessage[], windowMs = 50) {
  return new SessionPipeline({
    sessionUID: "777",
    metrics: DEFAULT_METRICS,
    reorderWindowMs: windowMs,
    carsRateHz: 20,
    onOutput: (m) => out.push(m),
  });
}

function run(stream: readonly SyntheticDatagram[], windowMs = 50) {
  const out: DerivedMessage[] = [];
  const p = pipeline(out, windowMs);
  for (const d of stream) p.push({ bytes: d.bytes, arrivalMs: d.atMs });
  p.flush();
  return { out, p };
}

/** Laps as a consumer keeps them: one per id, the latest. */
function laps(out: readonly DerivedMessage[]): string[] {
  const byId = new Map<string, LapMessage>();
  for (const m of out) if (m.type === "lap") byId.set(m.id, m);
  return [...byId.values()].map((l) => `${l.carIndex}/${l.lap}:${l.timeMs}:${l.sectorsMs.join(",")}:${l.valid}`).sort();
}

function seeded(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const clean = run(STREAM);

test("whole laps through real datagrams: the game's lap times, three laps for every car", () => {
  const l = laps(clean.out);
  assert.equal(l.length, 9);
  assert.ok(l.includes("0/1:100000:33333,33334,33333:true"), l.join(" "));
  assert.equal(clean.p.counters.late + clean.p.counters.duplicates + clean.p.counters.gaps, 0);
});

test("jitter within the window and duplicates: the same laps, disorder sorted, duplicates counted", () => {
  const random = seeded(7);
  const jittered = STREAM.map((d) => ({ ...d, atMs: d.atMs + random() * 30 }));
  const withCopies = jittered.flatMap((d, n) => (n % 10 === 0 ? [d, { ...d, atMs: d.atMs + 5 }] : [d]));
  withCopies.sort((a, b) => a.atMs - b.atMs);
  const shaken = run(withCopies);
  assert.deepEqual(laps(shaken.out), laps(clean.out));
  assert.equal(shaken.p.counters.late, 0);
  assert.equal(shaken.p.counters.duplicates, Math.ceil(STREAM.length / 10));
  assert.ok((shaken.p.reorderStats?.reordered ?? 0) > 100);
});

test("loss: missing lap data is counted as gaps, never filled; laps still come from the game's own times", () => {
  const random = seeded(3);
  const lossy = STREAM.filter(() => random() > 0.05);
  const r = run(lossy);
  assert.ok(r.p.counters.gaps > 500, `gaps ${r.p.counters.gaps}`);
  const kept = new Set(laps(clean.out));
  for (const lap of laps(r.out)) {
    const [key, time] = lap.split(":");
    assert.ok(
      [...kept].some((k) => k.startsWith(`${key}:${time}:`)),
      `lap ${lap} has a time the game never reported`,
    );
  }
});

test("a checkpoint mid-stream, restored in a new pipeline, carries on exactly like an uninterrupted run", () => {
  const half = Math.floor(STREAM.length * 0.55);
  const first: DerivedMessage[] = [];
  const a = pipeline(first);
  for (const d of STREAM.slice(0, half)) a.push({ bytes: d.bytes, arrivalMs: d.atMs });
  const saved = decodeState(encodeState(a.save()));
  const second: DerivedMessage[] = [];
  const b = pipeline(second);
  b.load(saved);
  for (const d of STREAM.slice(half)) b.push({ bytes: d.bytes, arrivalMs: d.atMs });
  b.flush();
  assert.deepEqual(laps([...first, ...second]), laps(clean.out));
  const lastCars = (out: DerivedMessage[]) => JSON.stringify(out.filter((m) => m.type === "cars").at(-1));
  assert.equal(lastCars(second), lastCars(clean.out));
  assert.deepEqual(b.counters, clean.p.counters);
});

test("car frames for fans come at the set rate: 20 per second of 60 Hz frames, every third frame", () => {
  const cars = clean.out.filter((m) => m.type === "cars").map((m) => m.sessionTimeMs);
  const seconds = ((cars.at(-1) ?? 0) - (cars[0] ?? 0)) / 1000;
  const rate = (cars.length - 1) / seconds;
  assert.ok(rate > 19.9 && rate <= 20.01, `${rate.toFixed(2)} car frames a second (the float32 clock made it 15-16)`);
  const steps = new Set(cars.slice(1).map((t, i) => Math.round(t - (cars[i] ?? 0))));
  assert.deepEqual([...steps], [50]);
});
