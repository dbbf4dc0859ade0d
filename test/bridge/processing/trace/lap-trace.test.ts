import assert from "node:assert/strict";
import { test } from "node:test";
import { deltaTo, LapTrace } from "../../../../bridge/processing/trace/lap-trace.ts";

test("interpolates time by distance and answers nothing outside what it covers", () => {
  const t = new LapTrace(1);
  t.add(0, 0);
  t.add(100, 2000);
  t.add(300, 5000);
  assert.equal(t.timeAt(50), 1000);
  assert.equal(t.timeAt(200), 3500);
  assert.equal(t.timeAt(300), 5000);
  assert.equal(t.timeAt(301), undefined);
  assert.equal(t.timeAt(-1), undefined);
});

test("keeps one sample per step and ignores samples that do not move forward", () => {
  const t = new LapTrace(5);
  for (let d = 0; d <= 100; d++) t.add(d, d * 10);
  assert.equal(t.length, 21);
  t.add(50, 99_999);
  t.add(Number.NaN, 1);
  t.add(-3, 1);
  assert.equal(t.length, 21);
  assert.equal(t.timeAt(50), 500);
});

test("delta to a reference: negative when ahead; survives a JSON round trip", () => {
  const t = new LapTrace(1);
  for (let d = 0; d <= 1000; d += 10) t.add(d, d * 20);
  const ref = { lapTimeMs: 20_000, trace: LapTrace.fromJSON(JSON.parse(JSON.stringify(t))) };
  assert.equal(deltaTo(ref, 500, 9_800), -200);
  assert.equal(deltaTo(ref, 500, 10_300), 300);
  assert.equal(deltaTo(ref, 2000, 1), undefined);
});

test("truncate forgets the samples from a distance on (a flashback within the lap)", () => {
  const t = new LapTrace(1);
  for (let d = 0; d <= 100; d += 10) t.add(d, d * 10);
  t.truncate(50);
  assert.equal(t.lastDistanceM, 40);
  assert.equal(t.timeAt(45), undefined);
  t.add(45, 460);
  assert.equal(t.timeAt(45), 460);
});
