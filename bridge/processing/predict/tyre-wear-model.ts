export interface WearForecast {
  /** Wear of the most worn tyre now, percent. */
  readonly wearPercent: number;
  /** Wear per lap in this stint (least squares), percent. */
  readonly perLapPercent?: number;
  /** Laps until the most worn tyre reaches the threshold, from now. */
  readonly lapsToThreshold?: number;
  /** Mean absolute error of the one-lap-ahead wear forecasts made in this session, percent. */
  readonly meanAbsErrorPercent?: number;
}

export interface WearModelState {
  $class: "TyreWearModel";
  laps: number[];
  wear: number[];
  forecastNext: number | undefined;
  errors: number[];
  threshold: number;
}

import { registerStateClass } from "../engine/state-codec.ts";

/**
 * Tyre-wear extrapolation for one car: per stint, a least-squares line through (lap, most-worn tyre %), and
 * from it the laps left until a threshold. Each lap it scores the forecast it made one lap earlier. A pit
 * stop (wear dropping) starts a new stint.
 */
export class TyreWearModel {
  private laps: number[] = [];
  private wear: number[] = [];
  private forecastNext: number | undefined;
  private readonly errors: number[] = [];
  private readonly threshold: number;

  constructor(thresholdPercent = 70) {
    this.threshold = thresholdPercent;
  }

  /** Called when a lap completes, with the wear of each tyre at that moment. */
  addLap(lap: number, tyresWearPercent: readonly number[]): WearForecast {
    const worst = Math.max(...tyresWearPercent.filter(Number.isFinite));
    if (!Number.isFinite(worst)) return { wearPercent: Number.NaN };
    const lastWear = this.wear[this.wear.length - 1];
    if (lastWear !== undefined && worst < lastWear - 1) {
      this.laps = [];
      this.wear = [];
      this.forecastNext = undefined;
    }
    if (this.forecastNext !== undefined) {
      this.errors.push(Math.abs(this.forecastNext - worst));
      if (this.errors.length > 20) this.errors.shift();
    }
    this.laps.push(lap);
    this.wear.push(worst);
    const slope = this.slope();
    this.forecastNext = slope === undefined ? undefined : worst + slope;
    const errors = this.errors;
    return {
      wearPercent: worst,
      perLapPercent: slope,
      lapsToThreshold: slope !== undefined && slope > 0 ? Math.max(0, (this.threshold - worst) / slope) : undefined,
      meanAbsErrorPercent: errors.length === 0 ? undefined : errors.reduce((a, b) => a + b, 0) / errors.length,
    };
  }

  toJSON(): WearModelState {
    return {
      $class: "TyreWearModel",
      laps: this.laps,
      wear: this.wear,
      forecastNext: this.forecastNext,
      errors: this.errors,
      threshold: this.threshold,
    };
  }

  static fromJSON(state: WearModelState): TyreWearModel {
    const m = new TyreWearModel(state.threshold);
    m.laps = [...state.laps];
    m.wear = [...state.wear];
    m.forecastNext = state.forecastNext;
    m.errors.push(...state.errors);
    return m;
  }

  private slope(): number | undefined {
    const n = this.laps.length;
    if (n < 2) return undefined;
    const mx = this.laps.reduce((a, b) => a + b, 0) / n;
    const my = this.wear.reduce((a, b) => a + b, 0) / n;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      const dx = (this.laps[i] as number) - mx;
      sxy += dx * ((this.wear[i] as number) - my);
      sxx += dx * dx;
    }
    return sxx === 0 ? undefined : sxy / sxx;
  }
}

registerStateClass("TyreWearModel", (j) => TyreWearModel.fromJSON(j as unknown as WearModelState));
