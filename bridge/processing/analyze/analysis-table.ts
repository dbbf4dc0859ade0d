import { formatLapTime } from "../metrics/format-time.ts";
import type { Analysis } from "./analyze.ts";

/** The readable form of an analysis: one block per session, one row per car in finishing order. */
export function analysisTable(analysis: Analysis): string {
  const blocks: string[] = [];
  for (const s of analysis.sessions) {
    const c = s.counts;
    const head = `Session ${s.sessionUID}: ${s.track ?? `track ${s.trackId ?? "?"}`}, ${s.sessionType ?? "session"}, format ${s.packetFormat}`;
    const counts = `${c.packets} packets, ${c.rejected} rejected, ${c.duplicates} duplicates, ${c.late} late, ${c.gaps} missing frames`;
    const rows = [["Pos", "Car", "Driver", "Laps", "Best", "Top km/h", "Pits"]];
    const cars = [...s.cars].sort((a, b) => (a.position ?? 99) - (b.position ?? 99) || a.carIndex - b.carIndex);
    for (const car of cars) {
      rows.push([
        car.position === undefined ? "-" : String(car.position),
        String(car.carIndex),
        car.name,
        String(car.laps.length),
        car.bestLapMs === undefined ? "-" : formatLapTime(car.bestLapMs),
        car.topSpeedKmh === undefined ? "-" : car.topSpeedKmh.toFixed(0),
        car.pitStops === undefined ? "-" : String(car.pitStops),
      ]);
    }
    const widths = rows[0]?.map((_, k) => Math.max(...rows.map((r) => (r[k] ?? "").length))) ?? [];
    const lines = rows.map((r) =>
      r
        .map((cell, k) => cell.padEnd(widths[k] ?? 0))
        .join("  ")
        .trimEnd(),
    );
    blocks.push([head, counts, "", ...lines].join("\n"));
  }
  const other = Object.entries(analysis.unattributed);
  if (other.length > 0) blocks.push(`Not F1 session datagrams: ${other.map(([r, n]) => `${n} ${r}`).join(", ")}`);
  return blocks.length > 0 ? blocks.join("\n\n") : "No sessions found.";
}
