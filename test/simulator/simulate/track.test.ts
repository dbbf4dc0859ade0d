import assert from "node:assert/strict";
import { test } from "node:test";
import { findTrack, knownTracks, lapDistanceOf, loadTrack, pointAt } from "../../../simulator/simulate/track.ts";

test("circuits are found by trackId, outline name or game name; an unknown one lists the choices", () => {
  assert.deepEqual(findTrack("11"), { trackId: 11, name: "Monza" });
  assert.deepEqual(findTrack("monza"), { trackId: 11, name: "Monza" });
  assert.equal(findTrack("Sakhir (Bahrain)").trackId, 3);
  assert.equal(findTrack("bahrain").trackId, 3);
  assert.equal(findTrack("Silverstone_Reverse").trackId, 39);
  assert.equal(findTrack("silverstone").trackId, 7, "an exact name wins over a longer one containing it");
  assert.throws(() => findTrack("Nürburgring"), /is not one of Melbourne \(0\)/);
  assert.ok(knownTracks().length >= 25);
});

test("an outline is resampled by arc length into a closed line whose heading turns once around (Suzuka: no turn)", () => {
  for (const { name } of knownTracks()) {
    const t = loadTrack(name);
    assert.ok(Math.abs(t.stepM - 2) < 0.1, `${name}: ~2 m steps`);
    let turn = 0;
    let gap = 0;
    for (let i = 0; i < t.n; i++) {
      turn += (t.curvature[i] as number) * t.stepM;
      const j = (i + 1) % t.n;
      gap = Math.max(gap, Math.hypot((t.x[j] as number) - (t.x[i] as number), (t.z[j] as number) - (t.z[i] as number)));
    }
    // Once around, or not at all for Suzuka's figure of eight.
    const expected = name === "Suzuka" ? 0 : 2 * Math.PI;
    assert.ok(Math.abs(Math.abs(turn) - expected) < 0.05, `${name}: total turn ${turn}`);
    assert.ok(gap < t.stepM * 1.05, `${name}: no jump (largest step ${gap})`);
    // The game's lap length and the averaged line agree within a few percent (Monaco's line is the longest off).
    assert.ok(Math.abs(t.arcM / t.lengthM - 1) < 0.07, `${name}: ${t.arcM} vs ${t.lengthM}`);
  }
});

test("Monza runs clockwise (turning right), its reverse layouts the other way; corner radii are plausible", () => {
  const monza = loadTrack("monza");
  const sum = monza.curvature.reduce((s, k) => s + k, 0);
  assert.ok(sum > 0);
  assert.ok(loadTrack("Silverstone_Reverse").curvature.reduce((s, k) => s + k, 0) < 0);
  const tightest = 1 / Math.max(...monza.curvature.map(Math.abs));
  assert.ok(tightest > 15 && tightest < 60, `Monza's tightest radius ${tightest} m`);
  // The Rettifilo straight (0-770 m) is straight: radius above 500 m all along.
  for (let arc = 0; arc < 600; arc += 10) assert.ok(Math.abs(pointAt(monza, arc).curvature) < 1 / 500);
});

test("sector boundaries come from the segment data, else thirds; lap distance scales the arc to the game's length", () => {
  const monza = loadTrack("monza");
  assert.equal(monza.lengthM, 5798);
  assert.deepEqual([monza.sector2M, monza.sector3M], [1898, 3727]);
  const ricard = loadTrack("Paul_Ricard", 2023);
  assert.equal(ricard.lengthM, Math.round(ricard.arcM));
  assert.deepEqual([ricard.sector2M, ricard.sector3M], [ricard.lengthM / 3, (2 * ricard.lengthM) / 3]);
  assert.equal(lapDistanceOf(monza, monza.arcM), 5798);
  const p = pointAt(monza, 0);
  assert.ok(Math.hypot(p.x - -618.84, p.z - 600.327) < 15, "arc 0 is at the start line");
  assert.ok(Math.abs(Math.hypot(p.tx, p.tz) - 1) < 1e-9);
});
