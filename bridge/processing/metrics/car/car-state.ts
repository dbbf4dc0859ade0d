import { defineMetric } from "../../engine/metric.ts";

/** The games' ERS store holds 4 MJ (EA's documents: "ERS energy store in Joules", max 4,000,000). */
const ERS_STORE_MAX_J = 4_000_000;

/**
 * The car's live inputs and systems as the game sends them, for every car at the fans' rate and in full for
 * the player: speed, pedals, steering, gear, RPM, DRS, position and heading, g-forces, ERS, fuel, tyres,
 * brakes, and 2026's active aero and overtake mode.
 */
export const carState = defineMetric<Record<string, never>>({
  name: "car-state",
  init: () => ({}),
  on: {
    telemetry(_s, p, { view, emit }) {
      for (const i of view.activeCarIndices()) {
        const t = p.cars[i];
        if (!t) continue;
        // Every car on every packet: set on the live state (what emit.car does, without a literal and a merge).
        const car = view.liveCar(i);
        car.speedKmh = t.speedKmh;
        car.throttle = t.throttle;
        car.brake = t.brake;
        car.gear = t.gear;
        car.drs = t.drsOpen;
        if (i === view.playerCarIndex || i === view.secondaryPlayerCarIndex) {
          emit.telemetry(i, {
            tyreSurfaceC: t.tyresSurfaceTempC,
            tyreInnerC: t.tyresInnerTempC,
            brakesC: t.brakesTempC,
          });
        }
      }
    },
    motion(_s, p, { view, emit }) {
      for (const i of view.activeCarIndices()) {
        const m = p.cars[i];
        if (!m) continue;
        const car = view.liveCar(i);
        car.x = m.positionM.x;
        car.y = m.positionM.y;
        car.z = m.positionM.z;
        car.yaw = m.yawRad;
        car.gLat = m.gForceLateral;
        car.gLong = m.gForceLongitudinal;
        if (i === view.playerCarIndex || i === view.secondaryPlayerCarIndex) {
          emit.telemetry(i, { gLat: m.gForceLateral, gLong: m.gForceLongitudinal });
        }
      }
    },
    status(_s, p, { view, emit }) {
      for (const i of view.activeCarIndices()) {
        const s = p.cars[i];
        if (!s) continue;
        // F1 2018 sends no laps of fuel left: the fuel metric derives them, so leave its figure alone here.
        const fuelLapsLeft = s.fuelRemainingLaps;
        const car = view.liveCar(i);
        car.tyre = { compound: s.actualTyreCompound, visual: s.visualTyreCompound, ageLaps: s.tyresAgeLaps };
        car.ersStorePercent = Math.round((s.ersStoreEnergyJ / ERS_STORE_MAX_J) * 1000) / 10;
        if (fuelLapsLeft !== undefined) car.fuelLapsLeft = fuelLapsLeft;
        if (i === view.playerCarIndex || i === view.secondaryPlayerCarIndex) {
          emit.telemetry(i, {
            ersStoreJ: s.ersStoreEnergyJ,
            ersDeployMode: s.ersDeployMode,
            ersDeployedThisLapJ: s.ersDeployedThisLapJ,
            ersHarvestedThisLapJ: s.ersHarvestedThisLapMgukJ + s.ersHarvestedThisLapMguhJ,
            fuelKg: s.fuelInTankKg,
            ...(fuelLapsLeft === undefined ? {} : { fuelLapsLeft }),
          });
        }
      }
    },
    damage(_s, p, { view, emit }) {
      for (const i of [view.playerCarIndex, view.secondaryPlayerCarIndex]) {
        const d = i === undefined ? undefined : p.cars[i];
        if (i === undefined || !d) continue;
        const damagePercent: Record<string, number> = {
          frontLeftWing: d.frontLeftWingDamagePct,
          frontRightWing: d.frontRightWingDamagePct,
          rearWing: d.rearWingDamagePct,
          gearbox: d.gearBoxDamagePct,
          engine: d.engineDamagePct,
        };
        if (d.floorDamagePct !== undefined) damagePercent.floor = d.floorDamagePct;
        if (d.diffuserDamagePct !== undefined) damagePercent.diffuser = d.diffuserDamagePct;
        if (d.sidepodDamagePct !== undefined) damagePercent.sidepod = d.sidepodDamagePct;
        emit.telemetry(i, { tyreWearPercent: d.tyresWearPct, damagePercent });
      }
    },
    telemetry2(_s, p, { view, emit }) {
      for (const i of view.activeCarIndices()) {
        const t = p.cars[i];
        if (!t) continue;
        const fields = {
          activeAero: t.activeAeroMode,
          activeAeroAvailable: t.activeAeroAvailable,
          overtakeAvailable: t.overtakeAvailable,
          overtakeActive: t.overtakeActive,
        };
        emit.car(i, fields);
        if (i === view.playerCarIndex || i === view.secondaryPlayerCarIndex) emit.telemetry(i, fields);
      }
    },
  },
});
