import assert from "node:assert/strict";
import { test } from "node:test";
import { parseFastF1 } from "../../../simulator/import/fastf1.ts";
import type { Fit } from "../../../simulator/import/fit.ts";
import { HermitePath, resampleLap } from "../../../simulator/import/resample.ts";
import { COLUMNS, csvOf, type Row, syntheticRows, table } from "./support.ts";

/** The identity in metres (scale 1) so positions read back as written. */
const IDENTITY: Fit = { scale: 1, rotationRad: 0, mirrored: false, tx: 0, tz: 0, rmsM: 0, p95M: 0, maxM: 0 };

function lapOf(rows: Row[]) {
  return parseFastF1(table(csvOf(rows, COLUMNS)));
}

test("frames at the game's rate from the lap start to the first frame at or past its end", () => {
  const rows = [...syntheticRows(30), { ...(syntheticRows(30).at(-1) as Row), t: 30.01 }];
  const frames = resampleLap(lapOf(rows), IDENTITY, 60);
  assert.equal(frames.length, Math.ceil(30.01 * 60) + 1);
  assert.equal(frames[0]?.t, 0);
  assert.ok((frames.at(-1)?.t as number) >= 30.01 && (frames.at(-2)?.t as number) < 30.01);
  assert.equal(resampleLap(lapOf(syntheticRows(30)), IDENTITY, 20).length, 30 * 20 + 1);
});

test("linear channels: equal to the samples at sample times, between their neighbours elsewhere", () => {
  const rows = syntheticRows().map((r, i) => ({ ...r, Speed: i % 2 === 0 ? 200 : 300, RPM: 9000 + 100 * i }));
  const frames = resampleLap(lapOf(rows), IDENTITY, 60);
  for (const f of frames) {
    const k = Math.min(Math.floor(f.t / 0.25), rows.length - 2);
    const [a, b] = [rows[k] as Row, rows[k + 1] as Row];
    const lo = Math.min(Number(a.Speed), Number(b.Speed));
    const hi = Math.max(Number(a.Speed), Number(b.Speed));
    assert.ok(f.speedKmh >= lo - 1e-9 && f.speedKmh <= hi + 1e-9, `speed ${f.speedKmh} at ${f.t}`);
  }
  // t = 0.25 s is frame 15 at 60 Hz: exactly the second sample.
  assert.equal(frames[15]?.speedKmh, 300);
  assert.ok(Math.abs((frames[15]?.rpm as number) - 9100) < 1e-9);
  // Halfway between samples: the mean.
  assert.ok(Math.abs((frames[30 + 7]?.speedKmh as number) - (200 + (300 - 200) * ((37 / 60 - 0.5) / 0.25))) < 1e-9);
});

test("gear and DRS step at the sample, never blended", () => {
  const rows = syntheticRows().map((r) => ({ ...r, nGear: r.t < 10 ? 3 : 4, DRS: r.t < 12 ? 8 : 12 }));
  const frames = resampleLap(lapOf(rows), IDENTITY, 60);
  assert.ok(frames.every((f) => f.gear === 3 || f.gear === 4));
  assert.equal(frames.find((f) => f.gear === 4)?.t, 10);
  assert.equal(frames.find((f) => f.drs)?.t, 12);
});

test("positions pass through every sample and the heading follows the path", () => {
  const rows = syntheticRows();
  const frames = resampleLap(lapOf(rows), IDENTITY, 60);
  for (const k of [0, 8, 40, 120]) {
    const f = frames[k * 15];
    const r = rows[k] as Row;
    assert.ok(Math.abs((f?.x as number) - Number(r.X)) < 1e-9 && Math.abs((f?.z as number) - Number(r.Y)) < 1e-9);
  }
  // X = 10 t, Y = t²: the heading (dx, dz) = (10, 2t), normalised.
  const f = frames[600] as (typeof frames)[number];
  const len = Math.hypot(10, 2 * 10);
  assert.ok(Math.abs(f.fx - 10 / len) < 0.01 && Math.abs(f.fz - 20 / len) < 0.01, `${f.fx}, ${f.fz}`);
  // Turning towards +Z from +X is positive curvature (to the right in the game's frame).
  assert.ok(f.curvature > 0);
});

test("the Hermite path reproduces a circle from 4 Hz samples within centimetres", () => {
  const r = 100;
  const w = 0.5; // rad/s: 50 m/s
  const t = Array.from({ length: 41 }, (_, i) => i * 0.25);
  const path = new HermitePath(
    t,
    t.map((s) => r * Math.cos(w * s)),
    t.map((s) => r * Math.sin(w * s)),
  );
  let worst = 0;
  for (let s = 0.25; s <= 9.75; s += 1 / 60) {
    const p = path.at(s);
    worst = Math.max(worst, Math.abs(Math.hypot(p.x, p.z) - r));
  }
  // Linear interpolation would cut the chord by r(1 - cos(w·0.125)) = 0.2 m.
  assert.ok(worst < 0.02, `worst radial error ${worst} m`);
});
