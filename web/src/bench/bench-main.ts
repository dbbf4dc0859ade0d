// In-browser benchmarks, driven by bench/web-render.ts through headless chromium (bench.html?mode=...):
//   raf    a bare requestAnimationFrame loop (the frame-interval baseline)
//   empty  the 3D view with the track and no cars (the render-time baseline)
//   cars   the 3D view with N cars fed at H Hz through the same interpolator as live data
//   uplot  uPlot setData of 5 series x 1000 points, against drawing the same polylines on a bare canvas
// The result goes to window.__bench as JSON.
import type { CarPosition } from "../../../bridge/protocol/web.ts";
import { Interpolator } from "../scene/interpolator.ts";
import { ThreeView } from "../scene/three-view.ts";
import { LearnedTrack, loadOutline } from "../scene/track-outline.ts";
import { teamColour } from "../ui/teams.ts";
import { uplotBench } from "./uplot-bench.ts";

const params = new URLSearchParams(location.search);
const mode = params.get("mode") ?? "cars";
const cars = Number(params.get("cars") ?? 22);
const hz = Number(params.get("hz") ?? 20);
const seconds = Number(params.get("seconds") ?? 5);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
};
const summary = (xs: number[]) => ({
  n: xs.length,
  mean: xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length),
  p50: pct(xs, 0.5),
  p99: pct(xs, 0.99),
  max: Math.max(...xs),
});

/** Frame intervals (rAF timestamps) and the time each frame's work took, after a one-second warm-up. */
function frames(work: () => void): Promise<{ interval: ReturnType<typeof summary>; work: ReturnType<typeof summary> }> {
  return new Promise((resolve) => {
    const intervals: number[] = [];
    const works: number[] = [];
    let last = 0;
    const start = performance.now();
    const tick = (ts: number) => {
      const t0 = performance.now();
      work();
      const spent = performance.now() - t0;
      if (t0 - start > 1000) {
        if (last) intervals.push(ts - last);
        works.push(spent);
      }
      last = ts;
      if (t0 - start < 1000 + seconds * 1000) requestAnimationFrame(tick);
      else resolve({ interval: summary(intervals), work: summary(works) });
    };
    requestAnimationFrame(tick);
  });
}

async function render(withCars: boolean) {
  const stage = document.createElement("div");
  stage.style.cssText = "width:1280px;height:720px";
  document.body.append(stage);
  const view = new ThreeView(stage);
  const outline = await loadOutline(2025, 11); // Monza
  if (!outline) throw new Error("no outline");
  view.setOutline(outline, new LearnedTrack());
  const n = withCars ? cars : 0;
  view.setCars(
    Array.from({ length: n }, (_, i) => ({
      carIndex: i,
      colour: teamColour(undefined, i >> 1),
      label: `${i + 1} CAR`,
    })),
  );
  const pts = outline.points;
  const interpolator = new Interpolator();
  let sessionMs = 0;
  const feed = setInterval(() => {
    sessionMs += 1000 / hz;
    const positions: CarPosition[] = [];
    for (let i = 0; i < n; i++) {
      const s = (sessionMs / 1000) * (70 + i) + i * 25; // metres along, ~4 m per outline point
      const k = Math.floor(s / 7) % pts.length;
      const [x, z] = pts[k] as readonly [number, number];
      const [nx, nz] = pts[(k + 1) % pts.length] as readonly [number, number];
      positions.push([i, x, 0, z, Math.atan2(nx - x, nz - z), 250]);
    }
    interpolator.push(
      { type: "positions", sessionUID: "bench", sessionTimeMs: sessionMs, cars: positions },
      performance.timeOrigin + performance.now(),
    );
  }, 1000 / hz);
  const result = await frames(() => view.render(interpolator.poses(performance.timeOrigin + performance.now())));
  clearInterval(feed);
  view.dispose();
  return { ...result, cars: n, hz };
}

async function run(): Promise<unknown> {
  if (mode === "raf") return frames(() => {});
  if (mode === "empty") return render(false);
  if (mode === "cars") return render(true);
  if (mode === "uplot") return uplotBench();
  throw new Error(`unknown mode ${mode}`);
}

run().then(
  (result) => Object.assign(window, { __bench: JSON.stringify({ mode, ...(result as object) }) }),
  (error: unknown) => Object.assign(window, { __bench: JSON.stringify({ mode, error: String(error) }) }),
);
