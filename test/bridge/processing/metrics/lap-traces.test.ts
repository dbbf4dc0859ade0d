import assert from "node:assert/strict";
import { test } from "node:test";
import { runMetric } from "../../../../bridge/processing/engine/run-metric.ts";
import { SessionPipeline } from "../../../../bridge/processing/engine/session-pipeline.ts";
import { decodeState, encodeState } from "../../../../bridge/processing/engine/state-codec.ts";
import { lapTraces } from "../../../../bridge/processing/metrics/driving/lap-traces.ts";
import { DEFAULT_METRICS } from "../../../../bridge/processing/metrics/index.ts";
import type { ModelPacket } from "../../../../bridge/processing/model/types.ts";
import type { DerivedMessage, LapMessage, LapTraceMessage } from "../../../../bridge/protocol/derived.ts";
import { syntheticSession } from "../../../support/synthetic-session.ts";
import { driveLaps, lapCar, lapDataOf, meta, telemetryAt } from "../model-builders.ts";

const TRACK = 5000;

/** Lap data with telemetry after each, as the game sends them; steering and gear follow the lap distance. */
function withTelemetry(laps: ReturnType<typeof driveLaps>): ModelPacket[] {
  return laps.flatMap((p) => {
    const t = telemetryAt(
      p,
      p.cars.map((c) => 100 + (c.lapDistanceM % 100)),
    );
    t.cars.forEach((car, i) => {
      const d = p.cars[i]?.lapDistanceM ?? 0;
      car.steer = d < TRACK / 2 ? -0.25 : 0.5;
      car.gear = 1 + Math.floor(d / 1000);
      car.throttle = 0.75;
    });
    return [p, t];
  });
}

/** One car's lap data from (distance, elapsed) points, each followed by its telemetry. */
function path(points: readonly (readonly [number, number])[], lapNumber = 1, at0 = 0): ModelPacket[] {
  return points.flatMap(([d, t], n) => {
    const lap = lapDataOf(meta(at0 + t, n), [lapCar({ lapNumber, lapDistanceM: d, currentLapMs: t })]);
    return [lap, telemetryAt(lap, [180])];
  });
}

/** (distance, elapsed) every 1/60 s at `mps` from (d0, t0) for `seconds`. */
function steady(d0: number, t0: number, mps: number, seconds: number): [number, number][] {
  return Array.from({ length: Math.round(seconds * 60) }, (_, k) => [
    d0 + (mps * k) / 60,
    t0 + Math.round((k * 1000) / 60),
  ]);
}

function checkShape(trace: Omit<LapTraceMessage, "v" | "type" | "id" | "sessionUID" | "sessionTimeMs">): void {
  const n = trace.distanceM.length;
  for (const channel of [trace.elapsedMs, trace.speedKmh, trace.throttle, trace.brake, trace.gear, trace.steer]) {
    assert.equal(channel?.length, n);
  }
  for (let i = 1; i < n; i++) {
    const [a, b] = [trace.distanceM[i - 1] as number, trace.distanceM[i] as number];
    assert.ok(Math.floor(b / trace.stepM) > Math.floor(a / trace.stepM), `one sample per step: ${a} then ${b}`);
    assert.ok((trace.elapsedMs[i] as number) > (trace.elapsedMs[i - 1] as number));
  }
}

test("one trace per completed lap for every car, a sample every step, ending at the lap time", () => {
  const r = runMetric(lapTraces(10), withTelemetry(driveLaps([{ speed: 50 }, { speed: 49 }], TRACK, 330)));
  assert.deepEqual(
    r.traces.map((t) => [t.carIndex, t.lap, t.timeMs, t.valid]),
    [
      [0, 1, 100_000, true],
      [1, 1, 102_041, true],
      [0, 2, 100_000, true],
      [1, 2, 102_041, true],
      [0, 3, 100_000, true],
      [1, 3, 102_041, true],
    ],
  );
  for (const t of r.traces) {
    checkShape(t);
    assert.equal(t.stepM, 10);
    assert.ok(t.distanceM.length >= 495 && t.distanceM.length <= 501, `${t.distanceM.length} samples`);
    assert.ok((t.distanceM[0] as number) < 1, "from the line");
    assert.ok(t.timeMs - (t.elapsedMs.at(-1) as number) <= 250, `last sample ${t.elapsedMs.at(-1)} of ${t.timeMs}`);
    const at = t.distanceM.findIndex((d) => d >= 3000);
    assert.equal(t.gear[at], 4);
    assert.equal(t.steer?.[at], 0.5);
    assert.equal(t.steer?.[10], -0.25);
    assert.equal(t.throttle[at], 0.75);
    assert.ok(Math.abs((t.speedKmh[at] as number) - (100 + ((t.distanceM[at] as number) % 100))) < 1);
  }
  assert.equal(r.traces[0]?.driver, "Car 1");
  const coarse = runMetric(lapTraces(50), withTelemetry(driveLaps([{ speed: 50 }], TRACK, 105)));
  assert.equal(coarse.traces[0]?.distanceM.length, 100);
});

test("a lap joined mid-way has no trace; the next one, watched from the line, has", () => {
  const laps = driveLaps([{ speed: 50 }], TRACK, 210).filter((p) => p.meta.sessionTimeMs >= 50_000);
  const r = runMetric(lapTraces(), withTelemetry(laps));
  assert.deepEqual(
    r.traces.map((t) => t.lap),
    [2],
  );
});

test("a flashback within the lap cuts the undone samples: the lap goes on from where the game went back", () => {
  const first = steady(0, 0, 50, 30); // to 1500 m at 30 s
  const replay = steady(1480, 29_600, 40, 100); // 20 m back (too little to tell from the distance), slower
  const r = runMetric(lapTraces(), path(first));
  r.rewind(29_600).feed(path(replay, 1, 1_000_000));
  const lapEnd = lapDataOf(meta(2_000_000, 1), [lapCar({ lapNumber: 2, lapDistanceM: 1, lastLapMs: 112_000 })]);
  r.feed([lapEnd]);
  const trace = r.traces[0] as (typeof r.traces)[number];
  checkShape(trace);
  const at1490 = trace.distanceM.findIndex((d) => d >= 1490);
  assert.equal(trace.distanceM[at1490], 1490);
  assert.equal(trace.elapsedMs[at1490], 29_850, "the replayed timeline (40 m/s from 1480 m at 29.6 s)");
  assert.equal(trace.elapsedMs[trace.distanceM.indexOf(1470)], 29_400, "before the flashback point: kept");

  // A bigger one without the pipeline's word: the lap distance going back is enough.
  const r2 = runMetric(lapTraces(), path(first));
  r2.feed(path(steady(1000, 20_000, 40, 120), 1, 1_000_000)).feed([lapEnd]);
  const t2 = r2.traces[0] as (typeof r2.traces)[number];
  checkShape(t2);
  assert.equal(t2.elapsedMs[t2.distanceM.indexOf(1200)], 25_000);
});

test("a flashback back over the line reopens the finished lap, cut, and its trace is published again", () => {
  const first = driveLaps([{ speed: 50 }], TRACK, 120);
  const replayed = driveLaps([{ speed: 45 }], TRACK, 240).filter((p) => p.meta.sessionTimeMs >= 90_000);
  const r = runMetric(lapTraces(), withTelemetry([...first, ...replayed]));
  assert.deepEqual(
    r.traces.map((t) => [t.lap, t.timeMs]),
    [
      [1, 100_000],
      [1, 111_111],
      [2, 111_111],
    ],
  );
  const again = r.traces[1] as (typeof r.traces)[number];
  checkShape(again);
  assert.equal(again.elapsedMs[again.distanceM.indexOf(1000)], 20_000, "before the flashback: the first run's");
  const late = again.distanceM.findIndex((d) => d >= 4500);
  assert.ok(Math.abs((again.elapsedMs[late] as number) - (again.distanceM[late] as number) / 0.045) <= 20);
  assert.ok(again.timeMs - (again.elapsedMs.at(-1) as number) <= 250);
});

test("a checkpoint anywhere (mid-lap, just after the line) restores to the same traces", () => {
  const packets = withTelemetry(driveLaps([{ speed: 50 }, { speed: 47 }], TRACK, 250));
  const whole = runMetric(lapTraces(), packets);
  for (const cut of [1000, 12_001, 12_010, 20_000]) {
    const before = runMetric(lapTraces(), packets.slice(0, cut));
    const text = encodeState(before.state);
    const after = runMetric(lapTraces());
    after.state = decodeState(text);
    after.view.observe(packets[cut - 2] as ModelPacket); // the view is the pipeline's to restore, not the metric's
    after.feed(packets.slice(cut));
    assert.deepEqual([...before.traces, ...after.traces], whole.traces, `cut at ${cut}`);
    assert.equal(encodeState(decodeState(text)), text, "the state round-trips exactly");
  }
  assert.equal(whole.traces.length, 4);
});

test("real F1 25 datagrams through the pipeline: every lap's trace takes the lap's id", () => {
  const out: DerivedMessage[] = [];
  const pipeline = new SessionPipeline({
    sessionUID: "777",
    metrics: DEFAULT_METRICS,
    reorderWindowMs: 50,
    carsRateHz: 20,
    onOutput: (m) => out.push(m),
  });
  for (const d of syntheticSession([{ speed: 50 }, { speed: 49 }], { seconds: 210 })) {
    pipeline.push({ bytes: d.bytes, arrivalMs: d.atMs });
  }
  pipeline.flush();
  const laps = out.filter((m): m is LapMessage => m.type === "lap");
  const traces = out.filter((m): m is LapTraceMessage => m.type === "trace");
  assert.deepEqual(
    traces.map((t) => [t.id, t.timeMs, t.valid, t.driver]),
    laps.map((l) => [l.id, l.timeMs, l.valid, l.driver]),
  );
  assert.equal(traces.length, 4);
  assert.equal(traces[0]?.speedKmh[100], 180);
  assert.equal(traces[0]?.gear[100], 7);
});
