import { registerStateClass, reviveAs } from "../engine/state-codec.ts";
import { deltaTo, LapTrace, type ReferenceLap } from "../trace/lap-trace.ts";

/** Where in the lap predictions are scored against what then happened. */
const SCORED_FRACTIONS = [0.25, 0.5, 0.75] as const;
const REFERENCE_LAPS = 3;
const ERROR_WINDOW = 20;

export interface PredictionScore {
  /** The prediction made at half distance, for the lap record. */
  readonly predictedAtHalfMs?: number;
  readonly errorAtHalfMs?: number;
  /** Mean absolute error over the recent scored predictions of this car. */
  readonly meanAbsErrorMs?: number;
}

export interface PredictorState {
  $class: "LapTimePredictor";
  references: { lapTimeMs: number; trace: unknown }[];
  bias: number;
  pending: [number, number][];
  errors: number[];
}

/**
 * Live lap-time prediction for one car, online and in-stream. The remaining time is what the car's recent
 * clean laps needed from this distance to the line, scaled by how the current lap compares with them so far
 * (trusted more as the lap goes on), plus a bias the model learns from its own past errors. With no lap of
 * its own yet, the session's best lap stands in; with nothing at all it extrapolates the lap so far.
 */
export class LapTimePredictor {
  private readonly references: ReferenceLap[] = [];
  private bias = 0;
  private readonly pending = new Map<number, number>();
  private readonly errors: number[] = [];

  predict(distanceM: number, currentLapMs: number, trackLengthM: number, fallback?: ReferenceLap): number | undefined {
    if (!(distanceM > 0) || !(trackLengthM > 0) || distanceM >= trackLengthM) return undefined;
    const refs = this.references.length > 0 ? this.references : fallback ? [fallback] : [];
    const fraction = distanceM / trackLengthM;
    let predicted: number | undefined;
    if (refs.length > 0) {
      let remaining = 0;
      let elapsed = 0;
      let n = 0;
      for (const ref of refs) {
        const at = ref.trace.timeAt(distanceM);
        if (at === undefined) continue;
        remaining += ref.lapTimeMs - at;
        elapsed += at;
        n++;
      }
      if (n > 0 && elapsed > 0) {
        const pace = currentLapMs / (elapsed / n);
        const scale = 1 + (pace - 1) * fraction;
        predicted = currentLapMs + (remaining / n) * scale + this.bias;
      }
    }
    if (predicted === undefined && fraction >= 0.2) predicted = currentLapMs / fraction;
    if (predicted !== undefined) this.remember(fraction, predicted);
    return predicted === undefined ? undefined : Math.round(predicted);
  }

  /** A lap ended: score the predictions made during it, learn the bias, keep it as a reference if clean. */
  completeLap(lap: ReferenceLap, clean: boolean): PredictionScore {
    const half = this.pending.get(0.5);
    for (const f of SCORED_FRACTIONS) {
      const p = this.pending.get(f);
      if (p === undefined) continue;
      const error = p - lap.lapTimeMs;
      this.errors.push(Math.abs(error));
      if (this.errors.length > ERROR_WINDOW) this.errors.shift();
      // Learn only from laps like the references: a slow, invalid lap says nothing about pace.
      if (clean) this.bias -= 0.3 * error;
    }
    this.pending.clear();
    if (clean) {
      this.references.push(lap);
      if (this.references.length > REFERENCE_LAPS) this.references.shift();
    }
    return {
      predictedAtHalfMs: half === undefined ? undefined : Math.round(half),
      errorAtHalfMs: half === undefined ? undefined : Math.round(half - lap.lapTimeMs),
      meanAbsErrorMs: this.meanAbsError(),
    };
  }

  /** The lap was abandoned (pit, flashback, session restart): its predictions are not scored. */
  abandonLap(): void {
    this.pending.clear();
  }

  meanAbsError(): number | undefined {
    if (this.errors.length === 0) return undefined;
    return Math.round(this.errors.reduce((a, b) => a + b, 0) / this.errors.length);
  }

  /** Live delta to the best of the references (for display next to the prediction). */
  deltaToBest(distanceM: number, currentLapMs: number): number | undefined {
    const best = this.references.reduce<ReferenceLap | undefined>(
      (b, r) => (b === undefined || r.lapTimeMs < b.lapTimeMs ? r : b),
      undefined,
    );
    return best ? deltaTo(best, distanceM, currentLapMs) : undefined;
  }

  toJSON(): PredictorState {
    return {
      $class: "LapTimePredictor",
      references: this.references.map((r) => ({ lapTimeMs: r.lapTimeMs, trace: r.trace.toJSON() })),
      bias: this.bias,
      pending: [...this.pending],
      errors: this.errors,
    };
  }

  static fromJSON(state: PredictorState): LapTimePredictor {
    const p = new LapTimePredictor();
    for (const r of state.references) p.references.push({ lapTimeMs: r.lapTimeMs, trace: reviveAs(LapTrace, r.trace) });
    p.bias = state.bias;
    for (const [f, v] of state.pending) p.pending.set(f, v);
    p.errors.push(...state.errors);
    return p;
  }

  private remember(fraction: number, predicted: number): void {
    for (const f of SCORED_FRACTIONS) {
      if (fraction >= f && !this.pending.has(f)) this.pending.set(f, predicted);
    }
  }
}

registerStateClass("LapTimePredictor", (j) => LapTimePredictor.fromJSON(j as unknown as PredictorState));
