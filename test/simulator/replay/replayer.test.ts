import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Worker } from "node:worker_threads";
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

/**
 * How late a bare sleeper wakes on this machine while `during` runs (p99, ms): a worker thread doing futex sleeps
 * to targets 8 ms apart. On a busy machine the scheduler alone makes any thread late by milliseconds; the
 * replayer is judged on what it adds to that, measured at the same time.
 */
async function withSchedulerNoise<T>(during: () => Promise<T>): Promise<{ value: T; noiseP99: number }> {
  const worker = new Worker(
    `const { parentPort } = require("node:worker_threads");
     const cell = new Int32Array(new SharedArrayBuffer(4));
     const late = [];
     let stop = false;
     parentPort.on("message", () => { stop = true; });
     let target = performance.now();
     const tick = () => {
       for (let i = 0; i < 10 && !stop; i++) {
         target += 8;
         const left = target - performance.now();
         if (left > 0) Atomics.wait(cell, 0, 0, left);
         late.push(performance.now() - target);
       }
       if (stop) parentPort.postMessage(late); else setImmediate(tick);
     };
     tick();`,
    { eval: true },
  );
  const value = await during();
  worker.postMessage("stop");
  const [late] = (await once(worker, "message")) as [number[]];
  await worker.terminate();
  return { value, noiseP99: quantile(late, 0.99) };
}

test("at 1x every entry is sent once, byte for byte, in order, each within a millisecond of its recorded time (p99)", async () => {
  const attempts: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const { value, noiseP99: noise } = await withSchedulerNoise(() => replayTo({}));
    const { result, received, errorsNs, wakeErrorsNs, ms } = value;
    assert.equal(result.sends, timeline.length);
    assert.equal(received.length, timeline.length);
    received.forEach((r, i) => void assert.deepEqual(r.bytes, timeline[i]?.bytes));
    const span = (timeline.at(-1)?.timeUs ?? 0) / 1000;
    assert.ok(ms >= span, `took ${ms.toFixed(0)} ms for a ${span.toFixed(0)} ms recording`);
    assert.ok(Math.min(...errorsNs) >= 0, "never early");
    const p99 = quantile(errorsNs, 0.99) / 1e6;
    // A late wake-up makes its whole burst late, so the busy-machine comparison with a sleeper is per wake-up.
    const wakeP99 = quantile(wakeErrorsNs, 0.99) / 1e6;
    attempts.push(
      `p99 ${p99.toFixed(3)} ms, per wake-up ${wakeP99.toFixed(3)} ms (a bare sleeper: ${noise.toFixed(3)} ms)`,
    );
    if (p99 < 1 || wakeP99 < noise + 1) return;
  }
  assert.fail(`send-time error above 1 ms at p99 in every attempt: ${attempts.join("; ")}`);
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
