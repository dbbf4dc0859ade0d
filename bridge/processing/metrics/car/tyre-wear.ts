import { defineMetric } from "../../engine/metric.ts";
import { TyreWearModel } from "../../predict/tyre-wear-model.ts";

interface WearState {
  laps: Map<number, number>;
  models: Map<number, TyreWearModel>;
}

/**
 * Tyre-wear extrapolation inside the stream: at each lap a car completes, its most worn tyre feeds the stint's
 * least-squares line, which gives the laps left to the wear threshold and scores last lap's forecast.
 */
export const tyreWear = defineMetric<WearState>({
  name: "tyre-wear",
  init: () => ({ laps: new Map(), models: new Map() }),
  on: {
    lapData(state, p, { view, emit }) {
      for (const i of view.activeCarIndices()) {
        const lap = p.cars[i]?.lapNumber;
        if (lap === undefined) continue;
        const before = state.laps.get(i);
        state.laps.set(i, lap);
        const wear = view.damage?.cars[i]?.tyresWearPct;
        if (before === undefined || lap <= before || !wear) continue;
        let model = state.models.get(i);
        if (!model) {
          model = new TyreWearModel();
          state.models.set(i, model);
        }
        const f = model.addLap(before, wear);
        emit.car(i, {
          tyreWearPercent: round1(f.wearPercent),
          tyreWearPerLapPercent: f.perLapPercent === undefined ? undefined : round1(f.perLapPercent),
          tyreLapsToThreshold: f.lapsToThreshold === undefined ? undefined : round1(f.lapsToThreshold),
          tyreWearErrorPercent: f.meanAbsErrorPercent === undefined ? undefined : round1(f.meanAbsErrorPercent),
        });
      }
    },
  },
});

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
