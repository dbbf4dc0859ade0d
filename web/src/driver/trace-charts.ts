// Live traces against lap distance, one uPlot chart per channel, each with the live lap, the driver's best lap and
// the chosen reference lap on the same distance grid. Redrawn at most 10 times a second (setData on 5 charts of
// 3 x ~1,400 points takes a few ms: see bench/web-render.ts).
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { type Channel, type LapOnGrid, STEP_M } from "./lap-grid.ts";

const CHARTS: readonly { channel: Channel; title: string; range: [number, number]; scale?: number }[] = [
  { channel: "speedKmh", title: "Speed km/h", range: [0, 360] },
  { channel: "throttle", title: "Throttle %", range: [0, 100], scale: 100 },
  { channel: "brake", title: "Brake %", range: [0, 100], scale: 100 },
  { channel: "gear", title: "Gear", range: [0, 8] },
  { channel: "steer", title: "Steering", range: [-1, 1] },
];
const COLOURS = { live: "#ffd12e", best: "#49d17d", ref: "#b36bff" };
const REDRAW_MS = 100;

export class TraceCharts {
  readonly element = document.createElement("div");
  private readonly charts: uPlot[] = [];
  private x: number[] = [];
  private lastDraw = 0;
  private timer?: ReturnType<typeof setTimeout>;
  draws = 0;

  constructor(size: number) {
    this.element.className = "traces";
    this.element.dataset.testid = "traces";
    this.resize(size);
    new ResizeObserver(() => this.fit()).observe(this.element);
  }

  resize(size: number): void {
    for (const c of this.charts.splice(0)) c.destroy();
    this.x = Array.from({ length: size }, (_, i) => i * STEP_M);
    const sync = uPlot.sync("laps");
    for (const spec of CHARTS) {
      const opts: uPlot.Options = {
        title: spec.title,
        width: this.width(),
        height: 120,
        cursor: { sync: { key: sync.key } },
        legend: { show: false },
        scales: { x: { time: false }, y: { range: spec.range } },
        axes: [
          { stroke: "#aab", grid: { stroke: "#2a2f3a" } },
          { stroke: "#aab", grid: { stroke: "#2a2f3a" }, size: 40 },
        ],
        series: [
          {},
          { label: "live", stroke: COLOURS.live, width: 2 },
          { label: "best", stroke: COLOURS.best, width: 1 },
          { label: "reference", stroke: COLOURS.ref, width: 1, dash: [4, 3] },
        ],
      };
      const chart = new uPlot(opts, [this.x, [], [], []], this.element);
      chart.root.dataset.channel = spec.channel;
      this.charts.push(chart);
    }
  }

  private width(): number {
    return Math.max(280, this.element.clientWidth || 600);
  }

  private fit(): void {
    for (const c of this.charts) c.setSize({ width: this.width(), height: 120 });
  }

  /** Asks for a redraw; draws now or at the next 100 ms slot. */
  update(live: LapOnGrid, best: LapOnGrid | undefined, ref: LapOnGrid | undefined): void {
    const wait = REDRAW_MS - (performance.now() - this.lastDraw);
    clearTimeout(this.timer);
    if (wait > 0) {
      this.timer = setTimeout(() => this.update(live, best, ref), wait);
      return;
    }
    this.lastDraw = performance.now();
    this.draws++;
    CHARTS.forEach((spec, i) => {
      const col = (lap: LapOnGrid | undefined) => {
        const c = lap?.columns[spec.channel] ?? [];
        const k = spec.scale;
        return k ? c.map((v) => (v === null ? null : v * k)) : c;
      };
      this.charts[i]?.setData([this.x, col(live), col(best), col(ref)]);
    });
    let points = 0;
    for (const v of live.columns.speedKmh) if (v !== null) points++;
    this.element.dataset.points = String(points);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const c of this.charts) c.destroy();
  }
}
