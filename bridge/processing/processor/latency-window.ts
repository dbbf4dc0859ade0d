/** The last `size` latencies, for p50/p99/max on the monitor: a sort of a few thousand numbers once a second. */
export class LatencyWindow {
  private readonly values: number[] = [];
  private next = 0;
  constructor(private readonly size = 4096) {}

  add(ms: number): void {
    if (!Number.isFinite(ms)) return;
    if (this.values.length < this.size) this.values.push(ms);
    else this.values[this.next] = ms;
    this.next = (this.next + 1) % this.size;
  }

  percentiles(): { p50: number; p99: number; max: number } {
    if (this.values.length === 0) return { p50: 0, p99: 0, max: 0 };
    const sorted = [...this.values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
    const round = (x: number) => Math.round(x * 10) / 10;
    return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1] as number) };
  }
}
