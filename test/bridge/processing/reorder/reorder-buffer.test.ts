import assert from "node:assert/strict";
import { test } from "node:test";
import { ReorderBuffer, type ReorderItem } from "../../../../bridge/processing/reorder/reorder-buffer.ts";

/** Frame n at 60 Hz; value = frame, fingerprint = frame unless given. */
function item(frame: number, arrivalMs: number, fingerprint = frame, sessionTimeMs = frame * 16.667) {
  return { value: frame, frame, sessionTimeMs, arrivalMs, fingerprint } satisfies ReorderItem<number>;
}

function buffer(windowMs: number, monotonicFrames = true) {
  const out: number[] = [];
  const late: number[] = [];
  const rewinds: number[] = [];
  const b = new ReorderBuffer<number>({
    windowMs,
    monotonicFrames,
    onEmit: (v) => out.push(v),
    onLate: (v) => late.push(v),
    onRewind: (v) => rewinds.push(v),
  });
  return { b, out, late, rewinds };
}

test("sorts datagrams that arrive within the window and emits each once its window has passed", () => {
  const { b, out } = buffer(50);
  b.push(item(1, 0));
  b.push(item(3, 5));
  b.push(item(2, 10)); // 5 ms after frame 3 that follows it: put back in place
  assert.deepEqual(out, []);
  b.poll(49);
  assert.deepEqual(out, []);
  b.poll(50);
  assert.deepEqual(out, [1]);
  b.poll(60);
  assert.deepEqual(out, [1, 2, 3], "frame 2 arrived early enough to go before frame 3");
  assert.equal(b.stats.reordered, 1);
  assert.equal(b.size, 0);
});

test("a new arrival advances the clock: the stream drains itself without polling", () => {
  const { b, out } = buffer(20);
  for (let f = 0; f < 10; f++) b.push(item(f, f * 16.667));
  assert.deepEqual(out, [0, 1, 2, 3, 4, 5, 6, 7], "each emitted once 20 ms of arrivals passed it");
});

test("nextReleaseMs: when the datagram waiting longest has waited its window, by the arrival clock", () => {
  const { b, out } = buffer(50);
  assert.equal(b.nextReleaseMs(), undefined, "nothing held");
  b.push(item(2, 10));
  b.push(item(1, 12)); // sorted first, but frame 2 has waited longer: its window decides
  assert.equal(b.nextReleaseMs(), 60);
  b.poll(59.9);
  assert.deepEqual(out, []);
  b.poll(60);
  assert.deepEqual(out, [1, 2], "frame 1 goes with frame 2, in order");
  assert.equal(b.nextReleaseMs(), undefined);
  b.push(item(3, 70));
  assert.equal(b.nextReleaseMs(), 120);
});

test("window 0 emits on arrival, and a datagram behind the emitted stream is late, counted, never merged", () => {
  const { b, out, late } = buffer(0);
  b.push(item(1, 0));
  b.push(item(3, 1));
  b.push(item(2, 2));
  assert.deepEqual(out, [1, 3]);
  assert.deepEqual(late, [2]);
  assert.equal(b.stats.late, 1);
});

test("a datagram later than the window goes to the late side path", () => {
  const { b, out, late } = buffer(30);
  b.push(item(1, 0));
  b.push(item(3, 10));
  b.poll(100);
  b.push(item(2, 100)); // 90 ms after frame 3: beyond the window
  b.flush();
  assert.deepEqual(out, [1, 3]);
  assert.deepEqual(late, [2]);
});

test("duplicates are dropped and counted, held or already emitted; same frame with other bytes is kept", () => {
  const { b, out } = buffer(30);
  b.push(item(1, 0));
  b.push(item(1, 1)); // duplicate while held
  b.push(item(1, 2, 99)); // same frame, another packet of it
  b.poll(100);
  b.push(item(1, 101)); // duplicate after emission: not late data
  b.flush();
  assert.deepEqual(out, [1, 1]);
  assert.equal(b.stats.duplicates, 2);
  assert.equal(b.stats.late, 0);
});

test("equal frame and session time keep arrival order", () => {
  const out: string[] = [];
  const b = new ReorderBuffer<string>({ windowMs: 10, monotonicFrames: true, onEmit: (v) => out.push(v) });
  for (const [i, v] of ["motion", "lap", "telemetry"].entries()) {
    b.push({ value: v, frame: 7, sessionTimeMs: 100, arrivalMs: i, fingerprint: i });
  }
  b.flush();
  assert.deepEqual(out, ["motion", "lap", "telemetry"]);
});

test("old formats: a confirmed jump back in session time is a rewind (flashback), not late data", () => {
  const { b, out, late, rewinds } = buffer(0, false);
  for (let f = 100; f < 110; f++) b.push(item(f, f));
  // The game rewinds to frame 40: three datagrams confirm the new timeline.
  for (let f = 40; f < 45; f++) b.push(item(f, 200 + f));
  assert.deepEqual(out.slice(10), [40, 41, 42, 43, 44]);
  assert.deepEqual(rewinds, [40]);
  assert.deepEqual(late, []);
  assert.equal(b.stats.rewinds, 1);
});

test("old formats: one stray datagram far behind is late, not a rewind", () => {
  const { b, out, late, rewinds } = buffer(0, false);
  for (let f = 100; f < 105; f++) b.push(item(f, f));
  b.push(item(20, 106));
  for (let f = 105; f < 108; f++) b.push(item(f, f + 2));
  assert.deepEqual(out, [100, 101, 102, 103, 104, 105, 106, 107]);
  assert.deepEqual(late, [20]);
  assert.deepEqual(rewinds, []);
});

test("formats with an overall frame never rewind: behind is late", () => {
  const { b, late, rewinds } = buffer(0, true);
  for (let f = 100; f < 105; f++) b.push(item(f, f));
  for (let f = 20; f < 25; f++) b.push(item(f, 200 + f));
  assert.equal(late.length, 5);
  assert.deepEqual(rewinds, []);
});

test("bounded: beyond maxHeld the oldest is released early and counted", () => {
  const out: number[] = [];
  const b = new ReorderBuffer<number>({
    windowMs: 60_000,
    monotonicFrames: true,
    maxHeld: 3,
    onEmit: (v) => out.push(v),
  });
  for (let f = 0; f < 5; f++) b.push(item(f, 0));
  assert.deepEqual(out, [0, 1]);
  assert.equal(b.stats.forced, 2);
  assert.equal(b.stats.maxHeld, 4);
});

test("the window is validated: negative or over a minute is refused", () => {
  assert.throws(() => buffer(-1), /0\.\.60000/);
  assert.throws(() => buffer(60_001), /0\.\.60000/);
  assert.doesNotThrow(() => buffer(60_000));
});

test("a shuffled stream within the window comes out sorted, with nothing lost", () => {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const { b, out, late } = buffer(40);
  const n = 2000;
  const arrivals = Array.from({ length: n }, (_, f) => ({ f, at: f * 5 + random() * 35 }));
  arrivals.sort((x, y) => x.at - y.at);
  for (const a of arrivals) b.push(item(a.f, a.at));
  b.flush();
  assert.equal(late.length, 0);
  assert.deepEqual(
    out,
    Array.from({ length: n }, (_, f) => f),
  );
  assert.ok(b.stats.reordered > 100, `expected many reorders, got ${b.stats.reordered}`);
});

function adaptiveBuffer(windowMs: number) {
  const out: number[] = [];
  const late: number[] = [];
  const b = new ReorderBuffer<number>({
    windowMs,
    monotonicFrames: true,
    adaptive: true,
    onEmit: (v) => out.push(v),
    onLate: (v) => late.push(v),
  });
  return { b, out, late };
}

test("adaptive hold: the whole window while it learns, then a clean stream is emitted on arrival", () => {
  const { b, out } = adaptiveBuffer(50);
  let f = 0;
  // 2 s at 60 Hz in order: held the whole window while learning.
  for (; f < 120; f++) b.push(item(f, f * 16.667));
  assert.ok(out.length < f, "still holding the last window's datagrams while learning");
  assert.equal(b.stats.holdMs, 50);
  b.push(item(f, f * 16.667));
  f++;
  assert.equal(b.stats.holdMs, 0, "nothing out of order seen: no hold");
  assert.deepEqual(
    out,
    Array.from({ length: f }, (_, k) => k),
    "everything out, in order, on arrival",
  );
  assert.equal(b.size, 0);
  assert.equal(b.nextReleaseMs(), undefined);
  // Emitted datagrams are not kept reachable (a leak of every datagram once it went on arrival).
  for (; f < 10_000; f++) b.push(item(f, f * 16.667));
  const internals = b as unknown as { held: unknown[]; arrivals: unknown[] };
  assert.equal(internals.held.length + internals.arrivals.length, 0);
});

test("adaptive hold: it holds as long as the disorder seen (x1.5 + 1 ms), up to the window, and fades", () => {
  const { b, out, late } = adaptiveBuffer(50);
  // Learning: frame 11 comes 8 ms after frame 12, which it should precede; the window puts it in place.
  for (let f = 0; f <= 10; f++) b.push(item(f, f * 10));
  b.push(item(12, 110));
  b.push(item(11, 118));
  for (let f = 13; f < 300; f++) b.push(item(f, f * 10));
  assert.equal(late.length, 0);
  assert.deepEqual(out.slice(0, 14), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  const hold = b.stats.holdMs;
  assert.ok(hold > 12 && hold <= 13, `8 ms of disorder, faded a little over ~2 s: hold ${hold}`);
  // Disorder within the hold is still put in place without the whole window.
  b.push(item(301, 3010));
  b.push(item(300, 3015));
  b.poll(3040);
  assert.deepEqual(out.slice(-3), [299, 300, 301], "frame 300 came 5 ms after 301: within the hold, in place");
  assert.equal(late.length, 0);
  // A long quiet stretch: the disorder fades (30 s half-life) and the hold goes back to 0.
  for (let f = 302; f < 302 + 30_000; f++) b.push(item(f, f * 10));
  assert.equal(b.stats.holdMs, 0);
  assert.equal(b.stats.lateAdaptive, 0);
});

test("adaptive hold: a datagram more out of order than seen lately is late (counted), and the hold grows", () => {
  const { b, out, late } = adaptiveBuffer(50);
  for (let f = 0; f < 300; f++) b.push(item(f, f * 10));
  assert.equal(b.stats.holdMs, 0);
  b.push(item(301, 3010));
  b.push(item(300, 3030)); // 20 ms after 301, which went on arrival: the whole window would have kept it
  assert.deepEqual(late, [300]);
  assert.equal(b.stats.late, 1);
  assert.equal(b.stats.lateAdaptive, 1);
  b.push(item(302, 3040));
  assert.ok(b.stats.holdMs >= 30 && b.stats.holdMs <= 31, `hold grew to cover 20 ms: ${b.stats.holdMs}`);
  // The same disorder again is now put in place.
  b.push(item(304, 3050));
  b.push(item(303, 3070));
  b.poll(3200);
  assert.deepEqual(out.slice(-4), [301, 302, 303, 304]);
  assert.equal(b.stats.late, 1, "no new late datagram");
  // Beyond the window is late whatever the hold, and not counted as the adaptive hold's cost.
  b.push(item(400, 4000));
  b.poll(4100);
  b.push(item(399, 4110));
  assert.deepEqual(late, [300, 399]);
  assert.equal(b.stats.lateAdaptive, 1);
  assert.ok(b.stats.holdMs <= 50, "never more than the window");
});

test("fixed hold (the default) always waits the whole window", () => {
  const { b, out } = buffer(50);
  for (let f = 0; f < 300; f++) b.push(item(f, f * 10));
  assert.equal(b.stats.holdMs, 50);
  assert.equal(b.size, 5, "the last 50 ms of arrivals still held");
  assert.equal(out.length, 295);
});

test("a restored snapshot still knows what it emitted, from its encoded bytes or from an older checkpoint's array", async () => {
  const { decodeState, encodeState } = await import("../../../../bridge/processing/engine/state-codec.ts");
  const { b } = buffer(0, false);
  for (let f = 1; f <= 5; f++) b.push(item(f, f));
  const snapshot = b.snapshot((v) => v);
  assert.ok(snapshot.recent instanceof Uint8Array, "the keys travel as bytes");
  const saved = decodeState(encodeState(snapshot)) as typeof snapshot;
  const legacy = { ...saved, recent: [...new Float64Array(Uint8Array.from(saved.recent as Uint8Array).buffer)] };
  for (const from of [saved, legacy]) {
    const restored = buffer(0, false);
    restored.b.restore(from, (v) => v);
    restored.b.push(item(3, 10)); // emitted before the snapshot: a duplicate
    restored.b.push(item(6, 11));
    assert.deepEqual(restored.out, [6]);
    assert.equal(restored.b.stats.duplicates, (snapshot.stats.duplicates ?? 0) + 1);
  }
});
