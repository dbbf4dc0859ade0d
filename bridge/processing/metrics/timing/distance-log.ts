import { registerStateClass } from "../../engine/state-codec.ts";

/**
 * When a car passed each point of its race distance (total distance -> session time), a sample every `stepM`,
 * covering the last `spanM`: enough to say when the leader passed where a lapped car is now.
 */
export class DistanceLog {
  private d: number[] = [];
  private t: number[] = [];
  constructor(
    private readonly stepM = 10,
    private readonly spanM = 20_000,
  ) {}

  add(totalDistanceM: number, sessionTimeMs: number): void {
    const last = this.d[this.d.length - 1];
    if (last !== undefined && totalDistanceM < last) {
      // Went back (a flashback): forget what lies ahead of the car now.
      let n = this.d.length;
      while (n > 0 && (this.d[n - 1] as number) > totalDistanceM) n--;
      this.d.length = n;
      this.t.length = n;
    } else if (last !== undefined && totalDistanceM - last < this.stepM) return;
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
    const d = this.d;
    const n = d.length;
    if (n === 0 || totalDistanceM < (d[0] as number) || totalDistanceM > (d[n - 1] as number)) return undefined;
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((d[mid] as number) <= totalDistanceM) lo = mid;
      else hi = mid;
    }
    const d0 = d[lo] as number;
    const d1 = d[hi] as number;
    const t0 = this.t[lo] as number;
    return d1 === d0 ? t0 : t0 + (((this.t[hi] as number) - t0) * (totalDistanceM - d0)) / (d1 - d0);
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
