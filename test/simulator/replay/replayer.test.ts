import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { validateDatagram } from "../../../bridge/f1/decode.ts";
import { openInput } from "../../../simulator/capture/open-input.ts";
import { NO_IMPAIRMENTS } from "../../../simulator/replay/impair.ts";
import { DEFAULT_REPLAY, Replayer, type ReplayOptions } from "../../../simulator/replay/replayer.ts";
import { UdpSink } from "../../../simulator/replay/sinks.ts";
import { waitUntil } from "../../support/wait.ts";
import { sixtyHertzTimeline, writeCapture } from "../support/timeline.ts";
import { quantile, udpReceiver } from "../support/udp-receiver.ts";

const dir = mkdtempSync(join(tmpdir(), "slipstream-replay-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const timeline = sixtyHertzTimeline(1.5);
const capture = join(dir, "mix.slipcap");
writeCapture(capture, timeline);

async function replayTo(options: Partial<ReplayOptions>, expected?: number) {
  const receiver = await udpReceiver();
  const sink = await UdpSink.open({ host: "127.0.0.1", port: receiver.port });
  const errorsNs: number[] = [];
  /** Errors of the sends that wait (the first of a frame's burst; the others follow it at once). */
  const wakeErrorsNs: number[] = [];
  let previousTarget = Number.NEGATIVE_INFINITY;
  const replayer = new Replayer(() => openInput(capture), sink, {
    ...DEFAULT_REPLAY,
    onSend: (target, actual) => {
      errorsNs.push(actual - target);
      if (target - previousTarget > 1e6) wakeErrorsNs.push(actual - target);
      previousTarget = target;
    },
    ...options,
  });
  const t0 = performance.now();
  const result = await replayer.run();
  const ms = performance.now() - t0;
  await sink.close();
  const count = expected ?? result.sends;
  await waitUntil(() => receiver.received.length >= count, 5000, `${count} datagrams`);
  await new Promise((r) => setTimeout(r, 50));
  await receiver.close();
  return { result, received: receiver.received, errorsNs, wakeErrorsNs, ms };
}

// The 1 ms p99 figure is a speed claim: it is measured by `npm run bench` (bench/replay-timing.ts, against a
// setTimeout baseline in the same run), not asserted here, where a shared machine's scheduler made it flaky.
// This test keeps what a broken scheduler would fail: pacing, order, bytes, never early, no drift.
test("at 1x every entry is sent once, byte for byte, in order, never early, paced to the recording without drift", async () => {
  const { result, received, errorsNs, ms } = await replayTo({});
  assert.equal(result.sends, timeline.length);
  assert.equal(received.length, timeline.length);
  received.forEach((r, i) => void assert.deepEqual(r.bytes, timeline[i]?.bytes));
  const span = (timeline.at(-1)?.timeUs ?? 0) / 1000;
  assert.ok(ms >= span, `took ${ms.toFixed(0)} ms for a ${span.toFixed(0)} ms recording`);
  assert.ok(Math.min(...errorsNs) >= 0, "never early");
  // Errors do not accumulate: scheduled from the monotonic clock, the last entry is as punctual as the rest.
  const p99 = quantile(errorsNs, 0.99) / 1e6;
  const last = (errorsNs.at(-1) ?? 0) / 1e6;
  assert.ok(p99 < 20 && last < 20, `p99 ${p99.toFixed(3)} ms, last entry ${last.toFixed(3)} ms late`);
});

test("--speed 10 plays ten times faster and --speed max as fast as it can, the same bytes", async () => {
  const span = (timeline.at(-1)?.timeUs ?? 0) / 1000;
  const fast = await replayTo({ speed: 10 });
  assert.equal(fast.received.length, timeline.length);
  assert.ok(fast.ms >= span / 10 && fast.ms < span / 2, `took ${fast.ms.toFixed(0)} ms at 10x`);
  const max = await replayTo({ speed: "max" });
  assert.deepEqual(
    max.received.map((r) => r.bytes),
    timeline.map((t) => t.bytes),
  );
  assert.ok(max.ms < span / 3, `took ${max.ms.toFixed(0)} ms at max`);
});

test("loss, duplicates and reordering with a fixed seed: the receiver gets what the counts say, and the same again with the same seed", async () => {
  const impairments = { ...NO_IMPAIRMENTS, loss: 0.1, duplicate: 0.05, reorder: 0.05 };
  const runs = [];
  for (const seed of [7, 7]) runs.push(await replayTo({ speed: "max", seed, impairments }));
  const [first, second] = runs as [(typeof runs)[0], (typeof runs)[0]];
  const { impair } = first.result;
  assert.equal(impair.entries, timeline.length);
  assert.ok(impair.lost > 0 && impair.duplicated > 0 && impair.reordered > 0, JSON.stringify(impair));
  assert.equal(first.received.length, timeline.length - impair.lost + impair.duplicated);
  assert.deepEqual(second.result.impair, impair);
  assert.deepEqual(
    second.received.map((r) => r.bytes),
    first.received.map((r) => r.bytes),
  );
  const other = await replayTo({ speed: "max", seed: 8, impairments });
  assert.notDeepEqual(other.result.impair, impair);
});

test("jitter delays sends by up to its amount of wall time and nothing is lost", async () => {
  const { received, errorsNs, result } = await replayTo({
    speed: 5,
    seed: 3,
    impairments: { ...NO_IMPAIRMENTS, jitterUs: 4000 },
  });
  assert.equal(received.length, timeline.length);
  const sorted = (xs: Buffer[]) => [...xs].map((b) => b.toString("hex")).sort();
  assert.deepEqual(sorted(received.map((r) => r.bytes)), sorted(timeline.map((t) => t.bytes)));
  assert.equal(result.sends, timeline.length);
  assert.ok(Math.min(...errorsNs) >= 0, "never before its jittered time");
});

test("loops with new sessions per loop: each loop its own sessionUIDs; a start offset skips the start of every loop", async () => {
  const perLoop = timeline.filter((t) => t.timeUs >= 500_000);
  const { received, result } = await replayTo({
    speed: "max",
    loops: 3,
    startOffsetUs: 500_000,
    newSessionPerLoop: true,
    seed: 11,
  });
  assert.equal(result.loopsDone, 3);
  assert.equal(received.length, perLoop.length * 3);
  const uids = received.map((r) => {
    const v = validateDatagram(r.bytes);
    return v.ok ? v.info.sessionUID : "";
  });
  const original = new Set(
    perLoop.map((t) => (validateDatagram(t.bytes) as { info: { sessionUID: string } }).info.sessionUID),
  );
  const loops = [0, 1, 2].map((i) => new Set(uids.slice(i * perLoop.length, (i + 1) * perLoop.length)));
  for (const set of loops) {
    assert.equal(set.size, original.size);
    for (const u of set) assert.ok(!original.has(u));
  }
  assert.equal(new Set([...(loops[0] ?? []), ...(loops[1] ?? []), ...(loops[2] ?? [])]).size, original.size * 3);
});

test("an abort stops the replay promptly and says so", async () => {
  const abort = new AbortController();
  setTimeout(() => abort.abort(), 200);
  const { result, ms } = await replayTo({ signal: abort.signal, loops: Number.POSITIVE_INFINITY });
  assert.equal(result.stopped, true);
  assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
  assert.ok(result.sends > 0 && result.sends < timeline.length);
});
