// Replay with loss, jitter, duplication and reordering: the analysis equals the clean run's except for counted
// losses. The sample race goes through the replayer's impairments, is re-recorded as a receiver would see it
// (each send at its scheduled time), and analyzed by the processor's own pipeline (reorder window, dedupe).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { validateDatagram } from "../../../bridge/f1/decode.ts";
import { type AnalyzedSession, type AnalyzeInput, analyze } from "../../../bridge/processing/analyze/analyze.ts";
import { openInput } from "../../../simulator/capture/open-input.ts";
import { type Impairments, NO_IMPAIRMENTS } from "../../../simulator/replay/impair.ts";
import { DEFAULT_REPLAY, Replayer, type ReplayResult } from "../../../simulator/replay/replayer.ts";
import type { ReplaySink, SinkCounts } from "../../../simulator/replay/sinks.ts";

const SAMPLE = fileURLToPath(new URL("../../../recordings/sample-race.slipcap.gz", import.meta.url));

/** What the receiver got, in order, each at the time its send was scheduled (µs). */
interface Received {
  inputs: AnalyzeInput[];
  result: ReplayResult;
}

/**
 * Replays the sample with `impairments` at 1x on a clock far ahead of every send time, so nothing waits: sends
 * keep their scheduled times (recording time plus jitter) and their order, deterministically, in a second.
 */
async function replay(impairments: Impairments, seed: number): Promise<Received> {
  const inputs: AnalyzeInput[] = [];
  const counts: SinkCounts = { sent: 0, failed: 0, skipped: 0 };
  const sink: ReplaySink = {
    label: "memory",
    counts,
    send: (bytes, source) => void inputs.push({ bytes, source }),
    ready: () => undefined,
    close: async () => {},
  };
  let calls = 0;
  const clock = { nowNs: () => (calls++ === 0 ? 0 : 1e15) }; // the start, then "long after every send"
  const result = await new Replayer(() => openInput(SAMPLE), sink, {
    ...DEFAULT_REPLAY,
    impairments,
    seed,
    clock,
    onSend: (targetNs) => {
      const last = inputs.at(-1) as AnalyzeInput;
      inputs[inputs.length - 1] = { ...last, timeUs: Math.round(targetNs / 1000) };
    },
  }).run();
  return { inputs, result };
}

async function analyzed(received: Received, reorderWindowMs: number): Promise<AnalyzedSession> {
  async function* each() {
    yield* received.inputs;
  }
  const { sessions } = await analyze(each(), { reorderWindowMs });
  assert.equal(sessions.length, 1);
  return sessions[0] as AnalyzedSession;
}

/** Each car's lap table: lap, time, sectors, validity; and its final position. */
const lapTables = (s: AnalyzedSession) =>
  s.cars.map((c) => ({
    car: c.carIndex,
    position: c.position,
    laps: c.laps.map((l) => [l.lap, l.timeMs, l.sectorsMs, l.valid]),
  }));

const isLapData = (bytes: Uint8Array) => {
  const v = validateDatagram(bytes);
  return v.ok && v.info.name === "lapData";
};

const cleanRun = replay(NO_IMPAIRMENTS, 1).then(async (r) => ({ received: r, session: await analyzed(r, 200) }));

test("the clean replay analyzes as the race: 20 cars, 3 laps each, nothing missing", async () => {
  const { session, received } = await cleanRun;
  assert.equal(received.result.impair.lost + received.result.impair.duplicated + received.result.impair.reordered, 0);
  assert.equal(session.cars.length, 20);
  assert.ok(session.cars.every((c) => c.laps.length === 3 && c.position !== undefined));
  assert.deepEqual(session.counts, { packets: received.inputs.length, rejected: 0, duplicates: 0, late: 0, gaps: 0 });
});

test("duplicates, reordering and jitter within the reorder window: the same analysis, every copy counted", async () => {
  const { session: clean } = await cleanRun;
  // 150 ms of jitter at 10 Hz moves datagrams past the next frame's; the window (200 ms) still takes them back.
  const received = await replay({ loss: 0, duplicate: 0.05, reorder: 0.05, jitterUs: 150_000 }, 42);
  const { impair } = received.result;
  assert.ok(impair.duplicated > 500 && impair.reordered > 500, JSON.stringify(impair));
  const overtaken = received.inputs.filter(
    (x, i) => i > 0 && (x.timeUs as number) < (received.inputs[i - 1]?.timeUs ?? 0),
  );
  assert.equal(overtaken.length, 0, "the receiver sees sends in time order");
  const session = await analyzed(received, 200);
  assert.deepEqual(lapTables(session), lapTables(clean));
  assert.equal(session.counts.duplicates, impair.duplicated);
  assert.equal(session.counts.late, 0);
  assert.equal(session.counts.gaps, 0);
});

test("with loss too: the same laps, and every lost Lap Data frame counted as missing", async () => {
  const { session: clean, received: cleanReceived } = await cleanRun;
  const received = await replay({ loss: 0.05, duplicate: 0.05, reorder: 0.05, jitterUs: 150_000 }, 7);
  const { impair } = received.result;
  // Which datagrams never arrived, by content (no two in the recording are alike: checked against the count).
  const arrived = new Set(received.inputs.map((x) => Buffer.from(x.bytes).toString("base64")));
  const lapData = cleanReceived.inputs.filter((x) => isLapData(x.bytes));
  const lostLapData = lapData.flatMap((x, i) => (arrived.has(Buffer.from(x.bytes).toString("base64")) ? [] : [i]));
  const lostCount = cleanReceived.inputs.filter((x) => !arrived.has(Buffer.from(x.bytes).toString("base64"))).length;
  assert.equal(lostCount, impair.lost);
  assert.ok(lostLapData.length > 50, `${lostLapData.length} Lap Data datagrams lost`);
  // The gap counter learns the interval from its first 5 steps and sees a gap only at the next frame: it cannot
  // count a loss among the first 6 Lap Data or of the last. This seed loses none of those (the 1% seed 7 lost the
  // 4th, and the count was one short, as designed).
  assert.ok(lostLapData.every((i) => i >= 6 && i < lapData.length - 1));
  const session = await analyzed(received, 200);
  // Lap Data comes every frame: each lost one is a frame the pipeline reports missing.
  assert.equal(session.counts.gaps, lostLapData.length);
  assert.equal(session.counts.duplicates, impair.duplicated);
  assert.equal(session.counts.late, 0);
  assert.deepEqual(lapTables(session), lapTables(clean));
});
