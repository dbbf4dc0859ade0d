// uPlot's setData on 5 series x 1000 points (drawn synchronously inside batch), against the least any chart must
// do: the same 5 polylines stroked on a bare canvas of the same size. Medians over many rounds, ms per update.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

const POINTS = 1000;
const SERIES = 5;
const ROUNDS = 300;

function data(phase: number): number[][] {
  const x = Array.from({ length: POINTS }, (_, i) => i * 5);
  const ys = Array.from({ length: SERIES }, (_, s) => x.map((_, i) => 150 + 100 * Math.sin(i / 40 + phase + s)));
  return [x, ...ys];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function uplotBench() {
  const host = document.createElement("div");
  document.body.append(host);
  const opts: uPlot.Options = {
    width: 800,
    height: 200,
    scales: { x: { time: false }, y: { range: [0, 300] } },
    legend: { show: false },
    series: [{}, ...Array.from({ length: SERIES }, (_, s) => ({ stroke: `hsl(${s * 70} 80% 60%)`, width: 1 }))],
  };
  const chart = new uPlot(opts, data(0) as uPlot.AlignedData, host);
  const canvas = document.createElement("canvas");
  canvas.width = chart.ctx.canvas.width;
  canvas.height = chart.ctx.canvas.height;
  document.body.append(canvas);
  const g = canvas.getContext("2d") as CanvasRenderingContext2D;
  const frames = Array.from({ length: 16 }, (_, i) => data(i / 3));
  const uplotMs: number[] = [];
  const canvasMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const d = frames[r % frames.length] as number[][];
    let t = performance.now();
    chart.batch(() => chart.setData(d as uPlot.AlignedData));
    uplotMs.push(performance.now() - t);
    t = performance.now();
    g.clearRect(0, 0, canvas.width, canvas.height);
    const sx = canvas.width / (POINTS * 5);
    const sy = canvas.height / 300;
    for (let s = 1; s <= SERIES; s++) {
      const ys = d[s] as number[];
      g.beginPath();
      for (let i = 0; i < POINTS; i++) g.lineTo((d[0]?.[i] as number) * sx, canvas.height - (ys[i] as number) * sy);
      g.stroke();
    }
    // getImageData forces the canvas to finish drawing, as uPlot's next paint would.
    g.getImageData(0, 0, 1, 1);
    canvasMs.push(performance.now() - t);
    if (r % 50 === 0) await new Promise((r) => setTimeout(r, 0));
  }
  chart.destroy();
  return { points: POINTS, series: SERIES, rounds: ROUNDS, uplotMs: median(uplotMs), canvasMs: median(canvasMs) };
}
