import { registerStateClass } from "./state-codec.ts";

/**
 * Counts missing frames in a stream that the game sends every tick (Lap Data), from its session clock: a step
 * of k typical intervals means k - 1 frames never arrived. The typical interval is the median of recent steps,
 * so a 20, 30 or 60 Hz send rate and a jittery frame rate need no setting. Nothing is filled in.
 */
export class FrameGapCounter {
  missing = 0;
  private last: number | undefined;
  private readonly steps: number[] = [];
  /** The same steps kept sorted (every lap data packet asks for their median: no copy and sort each time). */
  private readonly sorted: number[] = [];

  observe(sessionTimeMs: number): void {
    const last = this.last;
    this.last = sessionTimeMs;
    if (last === undefined) return;
    const step = sessionTimeMs - last;
    if (!(step > 0)) return;
    const typical = this.typical();
    if (typical !== undefined && step > typical * 1.5) this.missing += Math.round(step / typical) - 1;
    else {
      this.steps.push(step);
      this.insertSorted(step);
      if (this.steps.length > 31) {
        const dropped = this.steps.shift() as number;
        this.sorted.splice(this.sorted.indexOf(dropped), 1);
      }
    }
  }

  /** A flashback or a restart: the next step starts afresh. */
  reset(): void {
    this.last = undefined;
  }

  private typical(): number | undefined {
    if (this.sorted.length < 5) return undefined;
    return this.sorted[this.sorted.length >> 1];
  }

  private insertSorted(step: number): void {
    const sorted = this.sorted;
    let i = sorted.length;
    while (i > 0 && (sorted[i - 1] as number) > step) i--;
    sorted.splice(i, 0, step);
  }

  toJSON() {
    return { $class: "FrameGapCounter", missing: this.missing, last: this.last, steps: this.steps };
  }

  static fromJSON(json: Record<string, unknown>): FrameGapCounter {
    const counter = new FrameGapCounter();
    counter.missing = json.missing as number;
    counter.last = json.last as number | undefined;
    for (const step of json.steps as number[]) {
      counter.steps.push(step);
      counter.insertSorted(step);
    }
    return counter;
  }
}

registerStateClass("FrameGapCounter", FrameGapCounter.fromJSON);
