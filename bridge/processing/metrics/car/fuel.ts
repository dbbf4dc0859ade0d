import { defineMetric } from "../../engine/metric.ts";

interface CarFuel {
  lap: number;
  atLapStartKg: number;
  perLapKg: number | undefined;
}

/**
 * Fuel each lap uses (a moving average, so a safety-car lap does not swing it) and the laps of fuel left where
 * the game does not say (F1 2018 sends no fuelRemainingLaps). A lap that gained fuel (a refuel) is left out.
 */
export const fuel = defineMetric<Map<number, CarFuel>>({
  name: "fuel",
  init: () => new Map(),
  on: {
    lapData(cars, packet, { view, emit }) {
      for (const i of view.activeCarIndices()) {
        const lap = packet.cars[i]?.lapNumber;
        const status = view.status?.cars[i];
        if (lap === undefined || status === undefined) continue;
        const car = cars.get(i);
        if (!car || lap < car.lap || lap > car.lap + 1) {
          cars.set(i, { lap, atLapStartKg: status.fuelInTankKg, perLapKg: car?.perLapKg });
          continue;
        }
        if (lap === car.lap) continue;
        const used = car.atLapStartKg - status.fuelInTankKg;
        if (used > 0) car.perLapKg = car.perLapKg === undefined ? used : 0.7 * car.perLapKg + 0.3 * used;
        car.lap = lap;
        car.atLapStartKg = status.fuelInTankKg;
        if (car.perLapKg === undefined) continue;
        const lapsLeft = status.fuelRemainingLaps ?? Math.round((status.fuelInTankKg / car.perLapKg) * 10) / 10;
        emit.car(i, { fuelPerLapKg: Math.round(car.perLapKg * 1000) / 1000, fuelLapsLeft: lapsLeft });
        if (i === view.playerCarIndex) emit.telemetry(i, { fuelLapsLeft: lapsLeft });
      }
    },
  },
});
