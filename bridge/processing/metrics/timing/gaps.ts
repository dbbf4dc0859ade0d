import { defineMetric } from "../../engine/metric.ts";
import type { LapDataCar } from "../../model/types.ts";
import { DistanceLog } from "./distance-log.ts";

interface GapState {
  logs: Map<number, DistanceLog>;
  bestLaps: Map<number, number>;
}

/**
 * Gap to the leader and interval to the car ahead. In a race: the game's own figures where the format sends
 * them (2023+), else the time since the car ahead passed the point where this car is now. In practice and
 * qualifying: the difference between best laps, as a timing screen shows.
 */
export const gaps = defineMetric<GapState>({
  name: "gaps",
  init: () => ({ logs: new Map(), bestLaps: new Map() }),
  on: {
    lapData(state, p, { view }) {
      const active = view.activeCarIndices();
      const now = p.meta.sessionTimeMs;
      const race = view.session?.sessionKind === "race";
      const byPosition = active
        .filter((i) => {
          const c = p.cars[i];
          return c !== undefined && c.position > 0;
        })
        .sort((a, b) => (p.cars[a] as LapDataCar).position - (p.cars[b] as LapDataCar).position)
        .map((i) => ({ i, c: p.cars[i] as LapDataCar }));
      for (const { i, c } of byPosition) {
        let log = state.logs.get(i);
        if (!log) {
          log = new DistanceLog();
          state.logs.set(i, log);
        }
        log.add(c.totalDistanceM, now);
        const best = view.cars.get(i)?.bestLapMs;
        if (best !== undefined) state.bestLaps.set(i, best);
      }
      const leader = byPosition[0];
      for (let k = 0; k < byPosition.length; k++) {
        const { i, c } = byPosition[k] as (typeof byPosition)[number];
        const ahead = byPosition[k - 1];
        // Every car on every lap data: set on the live state (what emit.car does, without a literal and a merge).
        const car = view.liveCar(i);
        if (!race) {
          const best = state.bestLaps.get(i);
          const leaderBest = leader && state.bestLaps.get(leader.i);
          const aheadBest = ahead && state.bestLaps.get(ahead.i);
          car.gapToLeaderMs = best !== undefined && leaderBest !== undefined ? best - leaderBest : undefined;
          car.intervalMs = best !== undefined && aheadBest !== undefined ? best - aheadBest : undefined;
          continue;
        }
        if (c.deltaToLeaderMs !== undefined && c.deltaToCarInFrontMs !== undefined) {
          car.gapToLeaderMs = c.deltaToLeaderMs;
          car.intervalMs = c.deltaToCarInFrontMs;
          continue;
        }
        car.gapToLeaderMs = k === 0 ? 0 : since(state, leader?.i, c.totalDistanceM, now);
        car.intervalMs = k === 0 ? 0 : since(state, ahead?.i, c.totalDistanceM, now);
      }
    },
  },
});

function since(state: GapState, carAhead: number | undefined, distanceM: number, now: number): number | undefined {
  if (carAhead === undefined) return undefined;
  const passed = state.logs.get(carAhead)?.timeAt(distanceM);
  return passed === undefined ? undefined : Math.round(now - passed);
}
