// The browser's end of the end-to-end latency: UDP receive at the bridge (receivedAtUs) to onmessage here,
// summarised into a LatencyReport about every 2 s. Clocks of two machines differ: the figure is honest only
// when gateway and browser share a clock (same machine, or NTP), as the monitor says.
import type { ServerMessage } from "../../../bridge/protocol/web.ts";
import type { Connection } from "./connection.ts";

const REPORT_EVERY_MS = 2000;
const MAX_SAMPLES = 5000;

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

export class LatencyMeter {
  private samples: number[] = [];
  private timer?: ReturnType<typeof setInterval>;

  constructor(private readonly connection: Connection) {}

  start(): () => void {
    const off = this.connection.onMessage((m, atMs) => this.record(m, atMs));
    this.timer = setInterval(() => this.report(), REPORT_EVERY_MS);
    return () => {
      off();
      clearInterval(this.timer);
    };
  }

  record(message: ServerMessage, atMs: number): void {
    const us = (message as { receivedAtUs?: unknown }).receivedAtUs;
    if (typeof us !== "number" || !Number.isFinite(us)) return;
    if (this.samples.length < MAX_SAMPLES) this.samples.push(atMs - us / 1000);
  }

  report(): void {
    if (this.samples.length === 0) return;
    const sorted = this.samples.sort((a, b) => a - b);
    this.samples = [];
    const round = (v: number) => Math.round(v * 10) / 10;
    this.connection.send({
      type: "latency",
      samples: sorted.length,
      p50Ms: round(percentile(sorted, 0.5)),
      p99Ms: round(percentile(sorted, 0.99)),
      maxMs: round(sorted[sorted.length - 1] as number),
    });
  }
}
