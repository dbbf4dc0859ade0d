import assert from "node:assert/strict";
import { test } from "node:test";
import { applyFit, fitToOutline, MAX_RMS_M } from "../../../simulator/import/fit.ts";
import { importLap } from "../../../simulator/import/import-lap.ts";
import { seededRandom } from "../../../simulator/replay/rng.ts";
import { loadTrack, type Track } from "../../../simulator/simulate/track.ts";
import { FASTF1_FULL, refusal } from "./support.ts";

const monza = loadTrack("monza", 2025);

/** Points along an outline put into a "real" frame: game = s·R(θ)·(x, m·y) + t inverted, plus optional noise. */
function realPoints(
  track: Track,
  o: { deg: number; scale: number; mirrored: boolean; noiseM?: number; shift?: number },
) {
  const rng = seededRandom(3);
  const a = (o.deg * Math.PI) / 180;
  const [tx, tz] = [812.5, -301.25];
  const n = 300;
  const px: number[] = [];
  const py: number[] = [];
  const fractions: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = Math.floor(((k / n + (o.shift ?? 0)) % 1) * track.n);
    const noise = () => (rng.next() - 0.5) * 2 * (o.noiseM ?? 0);
    const gx = (track.x[i] as number) + noise() - tx;
    const gz = (track.z[i] as number) + noise() - tz;
    // Inverse rotation and scale, then the mirror.
    const x = (Math.cos(a) * gx + Math.sin(a) * gz) / o.scale;
    const y = (-Math.sin(a) * gx + Math.cos(a) * gz) / o.scale;
    px.push(x);
    py.push(o.mirrored ? -y : y);
    fractions.push(k / n);
  }
  return { px, py, fractions, tx, tz };
}

for (const mirrored of [true, false]) {
  test(`a known rotation, scale and translation are recovered (${mirrored ? "mirrored" : "not mirrored"})`, () => {
    const p = realPoints(monza, { deg: -128, scale: 0.1, mirrored });
    const fit = fitToOutline(monza, p.px, p.py, p.fractions);
    assert.equal(fit.mirrored, mirrored);
    assert.ok(
      Math.abs((fit.rotationRad * 180) / Math.PI - -128) < 0.01,
      `rotation ${(fit.rotationRad * 180) / Math.PI}`,
    );
    assert.ok(Math.abs(fit.scale / 0.1 - 1) < 1e-5, `scale ${fit.scale}`);
    assert.ok(Math.abs(fit.tx - p.tx) < 0.05 && Math.abs(fit.tz - p.tz) < 0.05, `${fit.tx}, ${fit.tz}`);
    assert.ok(fit.rmsM < 0.05, `rms ${fit.rmsM}`);
    const back = applyFit(fit, p.px[10] as number, p.py[10] as number);
    const i = Math.floor((10 / 300) * monza.n);
    assert.ok(Math.hypot(back.x - (monza.x[i] as number), back.z - (monza.z[i] as number)) < 0.05);
  });
}

test("noise of a racing line (±3 m) and a lap starting 2% late still fit, with the residual reported", () => {
  const p = realPoints(monza, { deg: 61, scale: 0.1003, mirrored: true, noiseM: 3, shift: 0.02 });
  const fit = fitToOutline(monza, p.px, p.py, p.fractions);
  assert.ok(Math.abs((fit.rotationRad * 180) / Math.PI - 61) < 0.2);
  assert.ok(Math.abs(fit.scale / 0.1003 - 1) < 0.002);
  // Uniform noise of ±3 m per axis: about 1.7 m RMS off the line, some of it along the line (not counted).
  assert.ok(fit.rmsM > 0.5 && fit.rmsM < 2, `rms ${fit.rmsM}`);
  assert.ok(fit.maxM >= fit.p95M && fit.p95M >= fit.rmsM * 0.9);
});

test("a poor fit is refused: another circuit's lap, positions in metres instead of 1/10 m", () => {
  const silverstone = loadTrack("silverstone", 2025);
  const p = realPoints(monza, { deg: 10, scale: 0.1, mirrored: true });
  const e = refusal(() => fitToOutline(silverstone, p.px, p.py, p.fractions));
  assert.equal(e.code, "invalid-config");
  assert.match(e.message, /do not fit Silverstone's outline \(RMS \d+\.\d m/);
  const rms = Number(/RMS (\d+\.\d)/.exec(e.message)?.[1]);
  assert.ok(rms > MAX_RMS_M, `${rms}`);
  const metres = realPoints(monza, { deg: 10, scale: 1, mirrored: true });
  const m = refusal(() => fitToOutline(monza, metres.px, metres.py, metres.fractions));
  assert.match(m.message, /scale 1\.0000 m per unit/);
});

test("an unknown circuit is refused with the list; a lap of the wrong length names both", () => {
  const e = refusal(() => importLap({ files: [FASTF1_FULL], track: "Nordschleife", packetFormat: 2025, rateHz: 60 }));
  assert.equal(e.code, "invalid-config");
  assert.match(e.message, /"Nordschleife" is not one of .*Monza \(11\)/);
  const spa = refusal(() => importLap({ files: [FASTF1_FULL], track: "spa", packetFormat: 2025, rateHz: 60 }));
  assert.match(spa.message, /the lap covers 5765 m but Spa is \d+ m: not one whole lap/);
  // Same length, other shape: Silverstone (5.89 km) is within 10% of Monza's 5.79 km, so the fit decides.
  const silverstone = refusal(() =>
    importLap({ files: [FASTF1_FULL], track: "silverstone", packetFormat: 2025, rateHz: 60 }),
  );
  assert.match(silverstone.message, /do not fit Silverstone's outline/);
});
