import type { Bridge } from "./bridge.ts";
import { metricTotal as total } from "./bridge-metrics.ts";

const series = (name: string) => (v: { metricName?: string }) => v.metricName === name;

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** Produces the periodic one-line summary: counts since start and rates since the previous line. */
export function createSummary(bridge: Bridge): () => Promise<string> {
  let previous = { at: performance.now(), received: 0, latencySum: 0, latencyCount: 0 };
  return async () => {
    const m = bridge.metrics;
    const now = performance.now();
    const [received, accepted, rejected, produced, dropped, latencySum, latencyCount] = await Promise.all([
      total(m.received),
      total(m.accepted),
      total(m.rejected),
      total(m.produced),
      total(m.dropped),
      total(m.produceLatency, series("slipstream_bridge_produce_latency_seconds_sum")),
      total(m.produceLatency, series("slipstream_bridge_produce_latency_seconds_count")),
    ]);
    const seconds = Math.max((now - previous.at) / 1000, 0.001);
    const rate = (received - previous.received) / seconds;
    const n = latencyCount - previous.latencyCount;
    const latency = n > 0 ? `${(((latencySum - previous.latencySum) / n) * 1000).toFixed(1)} ms` : "-";
    previous = { at: now, received, latencySum, latencyCount };
    const up = (await m.busUp.get()).values[0]?.value !== 0;
    const kernelDrops = bridge.socketDrops;
    return [
      `received ${received} (${rate.toFixed(0)}/s)`,
      `accepted ${accepted}`,
      `rejected ${rejected}`,
      `produced ${produced}`,
      `dropped ${dropped}`,
      ...(kernelDrops === undefined ? [] : [`kernel drops ${kernelDrops}`]),
      `queue ${bytes(bridge.queueBytes)}`,
      `latency ${latency}`,
      `sessions ${bridge.sessions.list().length}`,
      up ? "bus up" : "BUS DOWN",
    ].join(" | ");
  };
}

/** One line per session, for the demo's live view. */
export function describeSessions(bridge: Bridge, nowMs: number): string[] {
  return bridge.sessions.list().map((s) => {
    const age = ((nowMs - s.lastSeenMs) / 1000).toFixed(1);
    const mix = [...s.byPacket.entries()].map(([name, count]) => `${name}:${count}`).join(" ");
    return `  session ${s.sessionUID} F1 ${s.packetFormat} from ${s.source}: ${s.packets} packets, frame ${s.lastFrame}, t=${s.lastSessionTime.toFixed(1)}s, last ${age}s ago [${mix}]`;
  });
}
