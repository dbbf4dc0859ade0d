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
      if (this.steps.length > 31) this.steps.shift();
    }
  }

  /** A flashback or a restart: the next step starts afresh. */
  reset(): void {
    this.last = undefined;
  }

  private typical(): number | undefined {
    if (this.steps.length < 5) return undefined;
    const sorted = [...this.steps].sort((a, b) => a - b);
    return sorted[sorted.length >> 1];
  }

  toJSON() {
    return { $class: "FrameGapCounter", missing: this.missing, last: this.last, steps: this.steps };
  }

  static fromJSON(json: Record<string, unknown>): FrameGapCounter {
    const counter = new FrameGapCounter();
    counter.missing = json.missing as number;
    counter.last = json.last as number | undefined;
    counter.steps.push(...(json.steps as number[]));
    return counter;
  }
}

registerStateClass("FrameGapCounter", FrameGapCounter.fromJSON);
