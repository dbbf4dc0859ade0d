/**
 * Makes recordings/real-data/: one simulated flying lap of Monza (slipstream's own simulator, time trial, seed 1)
 * written as FastF1 and OpenF1 export it, so `slipstream import` has samples that are no copied F1 data.
 * Sampled like the timing feed: car data about every 240 ms, positions about every 220 ms (jittered, seeded);
 * speed, RPM, throttle in whole numbers, brake True/False (FastF1) or 0/100 (OpenF1), throttle 104 ("no data") on
 * two car samples. Game coordinates become "real" ones: mirrored (game Z -> -Y), rotated 37°, in 1/10 m, offset.
 *
 *   npx tsx simulator/import/make-samples.ts [DIR]     (default recordings/real-data)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "../replay/rng.ts";
import { SessionEngine } from "../simulate/engine.ts";
import { planSession } from "../simulate/plan.ts";
import { F1_CAR } from "../simulate/speed-profile.ts";
import { loadTrack } from "../simulate/track.ts";

export const SAMPLE_TRANSFORM = { rotationDeg: 37, unitsPerMetre: 10, offsetX: -1234.5, offsetY: 5678.9 } as const;
const DATE0 = Date.UTC(2024, 8, 1, 13, 0, 0) / 1000;
const DRIVER = 81;

interface Sample {
  t: number;
  kind: "car" | "pos" | "interpolation";
  speed: number;
  rpm: number;
  gear: number;
  throttle: number;
  brake: boolean;
  drs: number;
  x: number;
  y: number;
  z: number;
}

/** Game (X, Z) metres to "real" (X, Y) in 1/10 m: mirror, rotate, scale, offset. */
export function toReal(x: number, z: number): { x: number; y: number } {
  const a = (SAMPLE_TRANSFORM.rotationDeg * Math.PI) / 180;
  const my = -z;
  const k = SAMPLE_TRANSFORM.unitsPerMetre;
  return {
    x: k * (Math.cos(a) * x - Math.sin(a) * my) + SAMPLE_TRANSFORM.offsetX,
    y: k * (Math.sin(a) * x + Math.cos(a) * my) + SAMPLE_TRANSFORM.offsetY,
  };
}

/** The lap's samples: car and position samples from the simulator at feed-like times, from t0 - margin on. */
export function simulatedLap(margin = 0.8) {
  const track = loadTrack("monza", 2025);
  const plan = planSession({ track, car: F1_CAR, session: "time-trial", cars: 1, laps: 1, seed: 1, pitAfterLaps: 99 });
  const lap = plan.cars[0]?.laps.find((l) => l.kind === "flying");
  if (!lap) throw new Error("no flying lap in the plan");
  const rng = seededRandom(7);
  const times: { t: number; kind: Sample["kind"] }[] = [];
  for (let t = lap.t0 - margin; t < lap.t1 + margin; t += 0.2 + 0.08 * rng.next()) times.push({ t, kind: "car" });
  for (let t = lap.t0 - margin + 0.11; t < lap.t1 + margin; t += 0.19 + 0.06 * rng.next())
    times.push({ t, kind: "pos" });
  times.sort((a, b) => a.t - b.t);
  const engine = new SessionEngine(plan);
  const samples: Sample[] = times.map(({ t, kind }) => {
    const car = engine.frame(t).cars[0];
    if (!car) throw new Error("no car");
    const p = toReal(car.x, car.z);
    return {
      t: Math.round((t - lap.t0) * 1000) / 1000,
      kind,
      speed: Math.round(car.motion.v * 3.6),
      rpm: car.controls.rpm,
      gear: car.controls.gear,
      throttle: Math.round(car.controls.throttle * 100),
      brake: car.controls.brake > 0,
      drs: car.drs ? 12 : car.drsAllowed ? 8 : 0,
      x: Math.round(p.x),
      y: Math.round(p.y),
      z: Math.round(car.y * 10 + 1500),
    };
  });
  return { lapTimeMs: lap.timeMs, lapStartS: lap.t0, samples };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
/** pandas' str(Timedelta): `0 days 00:01:21.745000`. */
function timedelta(s: number): string {
  const us = Math.round(s * 1e6);
  const sec = Math.floor(us / 1e6);
  const frac = us % 1e6;
  const hms = `${pad(Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}:${pad(sec % 60)}`;
  return `0 days ${hms}${frac ? `.${pad(frac, 6)}` : ""}`;
}
const isoDate = (s: number, sep: string) => {
  const us = Math.round(s * 1e6);
  return `${new Date(Math.floor(us / 1000)).toISOString().slice(0, 19).replace("T", sep)}.${pad(us % 1e6, 6)}`;
};

/** FastF1's merged rows: car and pos samples in [0, lap], each channel interpolated onto the other's rows, edges. */
function fastF1Rows(lapTimeS: number, samples: Sample[]) {
  const inLap = samples.filter((s) => s.t > 0 && s.t < lapTimeS);
  const lerp = (kind: Sample["kind"], t: number, key: "speed" | "rpm" | "throttle" | "x" | "y" | "z") => {
    const own = samples.filter((s) => s.kind === kind);
    const j = own.findIndex((s) => s.t >= t);
    const b = own[Math.max(0, j)] as Sample;
    const a = own[Math.max(0, j - 1)] as Sample;
    return b.t === a.t ? b[key] : a[key] + ((b[key] - a[key]) * (t - a.t)) / (b.t - a.t);
  };
  const lastCar = (t: number) => samples.filter((s) => s.kind === "car" && s.t <= t).at(-1) as Sample;
  const edges = [0, lapTimeS].map((t) => ({ t, kind: "interpolation" as const }));
  return [edges[0], ...inLap, edges[1]].map((r) => {
    const { t, kind } = r as { t: number; kind: Sample["kind"] };
    const car = kind === "car" ? (r as Sample) : undefined;
    const pos = kind === "pos" ? (r as Sample) : undefined;
    return {
      t,
      kind,
      speed: car?.speed ?? lerp("car", t, "speed"),
      rpm: car?.rpm ?? lerp("car", t, "rpm"),
      throttle: car?.throttle ?? lerp("car", t, "throttle"),
      gear: lastCar(t).gear,
      brake: lastCar(t).brake,
      drs: lastCar(t).drs,
      x: pos?.x ?? lerp("pos", t, "x"),
      y: pos?.y ?? lerp("pos", t, "y"),
      z: pos?.z ?? lerp("pos", t, "z"),
    };
  });
}

function csv(header: string[], rows: (string | number)[][]): string {
  return `${[header, ...rows].map((r) => r.join(",")).join("\n")}\n`;
}

export function writeSamples(dir: string): { lapTimeMs: number; topSpeedKmh: number } {
  const { lapTimeMs, lapStartS, samples } = simulatedLap();
  const lapTimeS = lapTimeMs / 1000;
  // Two car samples with the feed's "no data" throttle.
  const flat = samples.filter((s) => s.kind === "car" && s.t > 20 && s.throttle >= 90).slice(0, 2);
  for (const s of flat) s.throttle = 104;
  const rows = fastF1Rows(lapTimeS, samples);
  let distance = 0;
  const dist = rows.map((r, i) => {
    const prev = rows[i - 1];
    if (prev) distance += ((r.speed + prev.speed) / 2 / 3.6) * (r.t - prev.t);
    return distance;
  });
  const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;
  const full = rows.map((r, i) => [
    i + 2,
    isoDate(DATE0 + lapStartS + r.t, " "),
    timedelta(lapStartS + r.t),
    "",
    "",
    timedelta(r.t),
    round(r.rpm, 1),
    round(r.speed, 1),
    r.gear,
    round(r.throttle, 1),
    r.brake ? "True" : "False",
    r.drs,
    r.kind,
    round(dist[i] as number, 6),
    round((dist[i] as number) / distance, 9),
    "OnTrack",
    round(r.x, 1),
    round(r.y, 1),
    round(r.z, 1),
  ]);
  const header = ["", "Date", "SessionTime", "DriverAhead", "DistanceToDriverAhead", "Time", "RPM", "Speed", "nGear"];
  header.push("Throttle", "Brake", "DRS", "Source", "Distance", "RelativeDistance", "Status", "X", "Y", "Z");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "fastf1-monza-sim-lap.csv"), csv(header, full));
  const subset = ["Time", "Speed", "Throttle", "Brake", "RPM", "nGear", "DRS", "X", "Y"];
  const pick = subset.map((c) => header.indexOf(c));
  writeFileSync(
    join(dir, "fastf1-monza-sim-lap-subset.csv"),
    csv(
      subset,
      full.map((r) => pick.map((k) => r[k] as string | number)),
    ),
  );
  const base = { meeting_key: 9999, session_key: 9999, driver_number: DRIVER };
  const date = (t: number) => `${isoDate(DATE0 + lapStartS + t, "T")}+00:00`;
  const carData = samples
    .filter((s) => s.kind === "car")
    .map((s) => ({
      ...base,
      date: date(s.t),
      rpm: s.rpm,
      speed: s.speed,
      n_gear: s.gear,
      throttle: s.throttle,
      drs: s.drs,
      brake: s.brake ? 100 : 0,
    }));
  const location = samples
    .filter((s) => s.kind === "pos")
    .map((s) => ({ ...base, date: date(s.t), x: s.x, y: s.y, z: s.z }));
  const laps = [{ ...base, lap_number: 7, date_start: date(0), lap_duration: lapTimeS, is_pit_out_lap: false }];
  const json = (name: string, v: unknown) => writeFileSync(join(dir, name), `${JSON.stringify(v, null, 1)}\n`);
  json("openf1-monza-sim-car_data.json", carData);
  json("openf1-monza-sim-location.json", location);
  json("openf1-monza-sim-laps.json", laps);
  const topSpeedKmh = Math.max(...carData.map((c) => c.speed));
  return { lapTimeMs, topSpeedKmh };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "recordings/real-data";
  const r = writeSamples(dir);
  process.stdout.write(`wrote ${dir}: lap ${r.lapTimeMs} ms, top speed ${r.topSpeedKmh} km/h\n`);
}
