// The web client's rendering in headless chromium (Debian's, --disable-gpu: WebGL runs on SwiftShader, in
// software on the CPU): the 3D view with 22 cars fed at 20 Hz through the live interpolator, 1280x720, against a
// bare requestAnimationFrame loop (frame interval: the display's 60 Hz is the floor) and against the same scene
// without cars (render time per frame). And uPlot's setData of 5 series x 1000 points against stroking the same
// polylines on a bare canvas. The pages are web/dist/bench.html (web/src/bench/); rounds alternate.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { staticFiles } from "../bridge/gateway/static-files.ts";
import { launchChromium } from "../test/web/browser.ts";
import { ensureWebBuilt, WEB_DIST } from "../web/build/ensure-built.ts";
import type { BenchResult } from "./measure.ts";

interface Summary {
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly n: number;
}
interface FramesResult {
  readonly interval: Summary;
  readonly work: Summary;
  readonly error?: string;
}
interface UplotResult {
  readonly uplotMs: number;
  readonly canvasMs: number;
  readonly error?: string;
}

const ROUNDS = 3;
const SECONDS = 4;

async function runPage<T>(browser: Browser, base: string, query: string): Promise<T> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    await page.goto(`${base}bench.html?${query}`);
    await page.waitForFunction("window.__bench !== undefined", undefined, { timeout: 120_000, polling: 200 });
    const result = JSON.parse((await page.evaluate("window.__bench")) as string) as T & { error?: string };
    if (result.error) throw new Error(`bench page ${query}: ${result.error}`);
    return result;
  } finally {
    await page.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const round = (v: number) => Number(v.toFixed(2));

function line(bench: string, value: number, baseline: string, baselineValue: number): BenchResult {
  return {
    bench,
    value: round(value),
    unit: "ms",
    baseline,
    baselineValue: round(baselineValue),
    ratio: round(value / baselineValue),
  };
}

export async function webRenderBenchmarks(): Promise<BenchResult[]> {
  ensureWebBuilt();
  const server = createServer(staticFiles(WEB_DIST));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  try {
    const runs: Record<"raf" | "empty" | "cars", FramesResult[]> = { raf: [], empty: [], cars: [] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const mode of ["raf", "empty", "cars"] as const) {
        runs[mode].push(await runPage<FramesResult>(browser, base, `mode=${mode}&cars=22&hz=20&seconds=${SECONDS}`));
      }
    }
    const m = (mode: keyof typeof runs, pick: (f: FramesResult) => number) => median(runs[mode].map(pick));
    const uplot = await runPage<UplotResult>(browser, base, "mode=uplot");
    const mean = m("cars", (f) => f.interval.mean);
    // The mean interval with the frame rates it gives: 22 cars, and the track alone.
    const meanLine: BenchResult & { fps: number; trackOnlyFps: number } = {
      ...line(
        "web-render 22 cars @20Hz: frame interval mean",
        mean,
        "bare rAF loop mean",
        m("raf", (f) => f.interval.mean),
      ),
      fps: round(1000 / mean),
      trackOnlyFps: round(1000 / m("empty", (f) => f.interval.mean)),
    };
    return [
      meanLine,
      line(
        "web-render 22 cars @20Hz: frame interval p50",
        m("cars", (f) => f.interval.p50),
        "bare rAF loop p50",
        m("raf", (f) => f.interval.p50),
      ),
      line(
        "web-render 22 cars @20Hz: frame interval p99",
        m("cars", (f) => f.interval.p99),
        "bare rAF loop p99",
        m("raf", (f) => f.interval.p99),
      ),
      line(
        "web-render 22 cars @20Hz: render work per frame p50",
        m("cars", (f) => f.work.p50),
        "track only, no cars p50",
        m("empty", (f) => f.work.p50),
      ),
      line(
        "web-render 22 cars @20Hz: render work per frame p99",
        m("cars", (f) => f.work.p99),
        "track only, no cars p99",
        m("empty", (f) => f.work.p99),
      ),
      line(
        "uPlot setData 5 series x 1000 points",
        uplot.uplotMs,
        "the same polylines on a bare canvas",
        uplot.canvasMs,
      ),
    ];
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await webRenderBenchmarks()) process.stdout.write(`${JSON.stringify(result)}\n`);
}
