import { registerStateClass } from "../../engine/state-codec.ts";
import { interpolate } from "../../trace/interpolate.ts";

/**
 * When a car passed each point of its race distance (total distance -> session time), a sample every `stepM`
 * and the newest one, covering the last `spanM`: enough to say when the leader passed where a lapped car is now.
 */
export class DistanceLog {
  private d: number[] = [];
  private t: number[] = [];
  constructor(
    private readonly stepM = 10,
    private readonly spanM = 20_000,
  ) {}

  add(totalDistanceM: number, sessionTimeMs: number): void {
    const count = this.d.length;
    const last = this.d[count - 1];
    if (last !== undefined && totalDistanceM < last) {
      // Went back (a flashback): forget what lies ahead of the car now.
      let n = count;
      while (n > 0 && (this.d[n - 1] as number) > totalDistanceM) n--;
      this.d.length = n;
      this.t.length = n;
    } else if (totalDistanceM === last) {
      return;
    } else if (count >= 2 && totalDistanceM - (this.d[count - 2] as number) < this.stepM) {
      // Within a step of the sample before: move the newest sample up to where the car is now, so that a car
      // a few metres behind (closer than a step) finds the time this car passed it.
      this.d[count - 1] = totalDistanceM;
      this.t[count - 1] = sessionTimeMs;
      return;
    }
    this.d.push(totalDistanceM);
    this.t.push(sessionTimeMs);
    const first = this.d[0] as number;
    if (totalDistanceM - first > this.spanM * 1.25) {
      const cut = this.d.findIndex((x) => totalDistanceM - x <= this.spanM);
      this.d = this.d.slice(cut);
      this.t = this.t.slice(cut);
    }
  }

  /** When the car was at this distance; undefined when it is not covered. */
  timeAt(totalDistanceM: number): number | undefined {
    return interpolate(this.d, this.t, totalDistanceM);
  }

  toJSON() {
    return { $class: "DistanceLog", d: this.d, t: this.t, stepM: this.stepM, spanM: this.spanM };
  }

  static fromJSON(j: ReturnType<DistanceLog["toJSON"]>): DistanceLog {
    const log = new DistanceLog(j.stepM, j.spanM);
    log.d = [...j.d];
    log.t = [...j.t];
    return log;
  }
}

registerStateClass("DistanceLog", (j) => DistanceLog.fromJSON(j as unknown as ReturnType<DistanceLog["toJSON"]>));
