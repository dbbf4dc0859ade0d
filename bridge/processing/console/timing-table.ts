import type { SessionPipeline } from "../engine/session-pipeline.ts";
import { formatLapTime } from "../metrics/format-time.ts";

const time = (ms: number | undefined) => (ms === undefined ? "-" : formatLapTime(ms));
const gap = (ms: number | undefined) => (ms === undefined ? "" : ms === 0 ? "" : `+${(ms / 1000).toFixed(3)}`);

/** A compact live timing table of one session for the console (the web client shows the full tower). */
export function timingTable(pipeline: SessionPipeline, maxRows = 24): string[] {
  const view = pipeline.view;
  const s = view.session;
  const c = pipeline.counters;
  const head = `${s?.track ?? "track ?"} ${s?.sessionType ?? ""} ${view.packetFormat} session ${view.sessionUID}: ${c.packets} packets, ${c.late} late, ${c.duplicates} dup, ${c.gaps} missing`;
  const cars = view
    .activeCarIndices()
    .map((i) => view.cars.get(i))
    .filter((car) => car?.position !== undefined)
    .sort((a, b) => (a?.position ?? 99) - (b?.position ?? 99))
    .slice(0, maxRows);
  // Names from the wire go to a terminal: keep them printable so no escape sequence gets through.
  const name = (i: number) =>
    view
      .driverName(i)
      .replace(/[^\p{L}\p{N} .'-]/gu, "?")
      .slice(0, 16);
  const rows = cars.map((car) => {
    if (!car) return "";
    return [
      String(car.position).padStart(2),
      name(car.carIndex).padEnd(16),
      `L${car.lap ?? "-"}`.padEnd(4),
      time(car.lastLapMs).padStart(9),
      time(car.bestLapMs).padStart(9),
      gap(car.gapToLeaderMs).padStart(9),
      (car.tyre?.visual ?? "").padEnd(6),
      car.pit && car.pit !== "none" ? "PIT" : "",
    ]
      .join(" ")
      .trimEnd();
  });
  return [head, ...rows];
}
