import { defineMetric } from "../../engine/metric.ts";
import { formatLapTime } from "../format-time.ts";

interface CarPit {
  inLane: boolean;
  enteredAtMs: number;
  stops: number;
  lastLaneMs?: number;
  /** The most the game's pit-lane and pit-stop timers showed during this visit (EA: valid while active). */
  laneTimerMs?: number;
  stopTimerMs?: number;
}

/**
 * Pit stops: an event when a car enters and leaves the pit lane, the time it spent there (the game's pit-lane
 * timer where the format has one, 2021+, else measured on the session clock), and the stop count (the game's
 * where it reports one, 2021+, else counted here).
 */
export const pitStops = defineMetric<Map<number, CarPit>>({
  name: "pit-stops",
  init: () => new Map(),
  on: {
    lapData(state, p, { view, emit }) {
      const now = p.meta.sessionTimeMs;
      for (const i of view.activeCarIndices()) {
        const c = p.cars[i];
        if (!c || c.pitStatus === undefined) continue;
        const car = state.get(i);
        const inLane = c.pitStatus !== "none";
        if (!car) {
          state.set(i, { inLane, enteredAtMs: now, stops: 0 });
          continue;
        }
        if (inLane && !car.inLane) {
          car.inLane = true;
          car.enteredAtMs = now;
          car.laneTimerMs = undefined;
          car.stopTimerMs = undefined;
          emit.event({ code: "PITIN", carIndex: i, text: `${view.driverName(i)} enters the pit lane` });
        }
        if (car.inLane) {
          // Read on the exit packet too: the timers may hold their value there, or already be back at 0.
          car.laneTimerMs = maxTimer(car.laneTimerMs, c.pitLaneTimeMs);
          car.stopTimerMs = maxTimer(car.stopTimerMs, c.pitStopTimerMs);
        }
        if (!inLane && car.inLane) {
          car.inLane = false;
          car.stops++;
          const laneMs = car.laneTimerMs ?? Math.round(now - car.enteredAtMs);
          car.lastLaneMs = laneMs;
          emit.event({
            code: "PITOUT",
            carIndex: i,
            text: `${view.driverName(i)} leaves the pits after ${formatLapTime(laneMs)} in the pit lane`,
            details: { pitLaneMs: laneMs, stopMs: car.stopTimerMs ?? null },
          });
        }
        view.liveCar(i).pitStops = c.numPitStops ?? car.stops;
      }
    },
  },
});

/** A timer that counts up during a visit: its largest value, 0 meaning it did not run. */
function maxTimer(seen: number | undefined, ms: number | undefined): number | undefined {
  if (ms === undefined || ms <= 0) return seen;
  return seen === undefined ? ms : Math.max(seen, ms);
}
