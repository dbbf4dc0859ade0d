// Lap traces on a capture file through the real decoder and pipeline: the sample race (recordings/, made by
// `slipstream simulate` at the game's 10 Hz minimum: the fixtures hold no real capture with whole laps).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { SessionPipeline } from "../../../../bridge/processing/engine/session-pipeline.ts";
import { DEFAULT_METRICS } from "../../../../bridge/processing/metrics/index.ts";
import type { LapMessage, LapTraceMessage, SessionMessage } from "../../../../bridge/protocol/derived.ts";
import { openInput } from "../../../../simulator/capture/open-input.ts";

const SAMPLE = fileURLToPath(new URL("../../../../recordings/sample-race.slipcap.gz", import.meta.url));

test("the sample race: a trace for every lap of every car, a sample every 10 m, ending at the lap time", async () => {
  const laps = new Map<string, LapMessage>();
  const traces = new Map<string, LapTraceMessage>();
  let session: SessionMessage | undefined;
  let pipeline: SessionPipeline | undefined;
  for await (const d of await openInput(SAMPLE)) {
    pipeline ??= new SessionPipeline({
      sessionUID: "sample",
      metrics: DEFAULT_METRICS,
      reorderWindowMs: 50,
      carsRateHz: 20,
      onOutput: (m) => {
        if (m.type === "lap") laps.set(m.id, m);
        else if (m.type === "trace") traces.set(m.id, m);
        else if (m.type === "session") session = m;
      },
    });
    pipeline.push({ bytes: d.bytes, arrivalMs: (d.timeUs ?? 0) / 1000, source: d.source });
  }
  pipeline?.flush();
  const trackM = session?.trackLengthM as number;
  assert.ok(trackM > 4000, `track length ${trackM}`);
  assert.equal(laps.size, 60, "20 cars, 3 laps");
  assert.deepEqual([...traces.keys()].sort(), [...laps.keys()].sort());
  for (const [id, trace] of traces) {
    const lap = laps.get(id) as LapMessage;
    assert.deepEqual(
      [trace.carIndex, trace.lap, trace.timeMs, trace.driver],
      [lap.carIndex, lap.lap, lap.timeMs, lap.driver],
    );
    const d = trace.distanceM;
    for (let i = 1; i < d.length; i++) {
      assert.ok(
        Math.floor((d[i] as number) / 10) > Math.floor((d[i - 1] as number) / 10),
        `${id}: ${d[i - 1]}, ${d[i]}`,
      );
      assert.ok((trace.elapsedMs[i] as number) > (trace.elapsedMs[i - 1] as number), id);
    }
    // At 10 Hz a car covers up to about 9 m between samples: nearly every 10 m step has its sample.
    assert.ok(d.length >= 0.85 * (trackM / 10), `${id}: ${d.length} samples on ${trackM} m`);
    const meanStep = ((d.at(-1) as number) - (d[0] as number)) / (d.length - 1);
    assert.ok(meanStep > 9.5 && meanStep < 11.5, `${id}: mean step ${meanStep}`);
    assert.ok(trackM - (d.at(-1) as number) < 20, `${id}: last sample at ${d.at(-1)} m`);
    const short = trace.timeMs - (trace.elapsedMs.at(-1) as number);
    assert.ok(short >= 0 && short <= 400, `${id}: last sample ${short} ms before the line`);
    assert.ok(Math.max(...trace.speedKmh) > 250 && Math.min(...trace.speedKmh) < 150, id);
    assert.ok(trace.brake.some((b) => b > 0.5) && trace.throttle.some((t) => t > 0.9), id);
    assert.ok(new Set(trace.gear).size >= 4, id);
    assert.ok(
      trace.steer?.some((s) => s !== 0),
      id,
    );
  }
});
