import assert from "node:assert/strict";
import { test } from "node:test";
import { controlsFor } from "../../../simulator/simulate/controls.ts";
import {
  buildProfile,
  cornerSpeed,
  F1_CAR,
  flyingLap,
  G,
  stateAtTime,
  timeAtArc,
} from "../../../simulator/simulate/speed-profile.ts";
import { knownTracks, loadTrack } from "../../../simulator/simulate/track.ts";

test("flying laps are plausible on every circuit: lap time, top and lowest speed, g-forces within an F1 car's", () => {
  for (const { name } of knownTracks()) {
    const track = loadTrack(name);
    const p = flyingLap(track, F1_CAR);
    const lap = p.t[p.t.length - 1] as number;
    const secondsPerKm = lap / (track.arcM / 1000);
    assert.ok(secondsPerKm > 11 && secondsPerKm < 22, `${name}: ${lap} s`);
    const kmh = [...p.v].map((v) => v * 3.6);
    assert.ok(Math.max(...kmh) > 300 && Math.max(...kmh) <= 342, `${name}: top speed ${Math.max(...kmh)}`);
    assert.ok(Math.min(...kmh) > 40 && Math.min(...kmh) < 130, `${name}: slowest corner ${Math.min(...kmh)}`);
    for (let i = 0; i < p.v.length; i++) {
      const v = p.v[i] as number;
      const lateral = (v * v * Math.abs(p.k[i] as number)) / G;
      assert.ok(lateral < 6.5, `${name}: ${lateral} g lateral`);
      assert.ok((p.a[i] as number) / G > -6.5 && (p.a[i] as number) / G < 2.5, `${name}: ${(p.a[i] as number) / G} g`);
    }
    // Periodic: the lap ends at the speed it started with.
    assert.ok(Math.abs((p.v[0] as number) - (p.v[p.v.length - 1] as number)) < 0.01);
  }
});

test("Monza: flat out on the main straight, braking before the first chicane, slowest at its apex", () => {
  const track = loadTrack("monza");
  const p = flyingLap(track, F1_CAR);
  const at = (m: number) => Math.round(m / p.step);
  const speedAt = (m: number) => (p.v[at(m)] as number) * 3.6;
  assert.ok(speedAt(600) > 320, `end of the straight: ${speedAt(600)}`);
  // The chicane's apex (the slowest point in 700-1000 m) is preceded by braking and followed by acceleration.
  let apex = at(700);
  for (let i = at(700); i < at(1000); i++) if ((p.v[i] as number) < (p.v[apex] as number)) apex = i;
  assert.ok((p.v[apex] as number) * 3.6 < 140, `chicane apex ${(p.v[apex] as number) * 3.6} km/h`);
  const braking = controlsFor(F1_CAR, p.v[apex - 40] as number, p.a[apex - 40] as number, p.k[apex - 40] as number);
  assert.ok(braking.brake > 0.5 && braking.throttle === 0, "hard on the brakes 80 m before the apex");
  const out = controlsFor(F1_CAR, p.v[apex + 30] as number, p.a[apex + 30] as number, p.k[apex + 30] as number);
  assert.ok(out.throttle > 0.9 && out.brake === 0, "full throttle out of the chicane");
  assert.ok(out.gear <= 4, `gear ${out.gear} out of the chicane`);
  const straight = controlsFor(F1_CAR, p.v[at(600)] as number, p.a[at(600)] as number, p.k[at(600)] as number);
  assert.equal(straight.gear, 8);
  assert.ok(straight.rpm > 11_000 && straight.rpm <= 13_000);
  // The speed never exceeds what the corner allows.
  for (let i = 0; i < p.v.length; i++) assert.ok((p.v[i] as number) <= cornerSpeed(F1_CAR, p.k[i] as number) + 1e-9);
});

test("a standing start accelerates from 0 and joins the flying lap; time <-> distance are inverses", () => {
  const track = loadTrack("monza");
  const fly = flyingLap(track, F1_CAR);
  const start = buildProfile(track, F1_CAR, { from: -20, steps: track.n + 20, startV: 0, endV: fly.v[0] as number });
  assert.equal(start.v[0], 0);
  assert.ok((start.v[100] as number) > 50, "about 200 m after the start at 180+ km/h");
  assert.ok(Math.abs((start.v[start.v.length - 1] as number) - (fly.v[0] as number)) < 1e-9);
  const lap = fly.t[fly.t.length - 1] as number;
  let hint = 0;
  for (let tau = 0; tau < lap; tau += 0.37) {
    const s = stateAtTime(fly, tau, hint);
    hint = s.index;
    assert.ok(Math.abs(timeAtArc(fly, s.rel) - tau) < 1e-6, `at ${tau} s`);
  }
  // A pit lane cap with a stop: the car comes to rest at the stop and leaves from it.
  const pit = buildProfile(track, F1_CAR, {
    from: 0,
    steps: 200,
    startV: 22.2,
    endV: 22.2,
    cap: (i) => (i === 75 ? 0 : 22.2),
  });
  assert.equal(pit.v[75], 0);
  assert.ok([...pit.v].every((v) => v <= 22.2));
  assert.ok(Number.isFinite(pit.t[200] as number));
});
