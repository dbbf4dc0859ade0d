/**
 * What a car uses up and heats up, integrated frame by frame from its motion: tyre wear and temperatures, brake
 * temperatures, fuel and the ERS store. First-order models with plausible numbers, tuned so that a race shows the
 * trends the game shows (wear and inner temperatures growing with laps, brakes glowing at the end of straights, the
 * store emptied on straights and refilled under braking), not to reproduce any car.
 */
import { type Compound, FUEL_PER_LAP_KG } from "./plan.ts";

/** Wheel order of every F1 packet: rear left, rear right, front left, front right. */
export type Wheels = [number, number, number, number];

export const ERS_MAX_J = 4_000_000;
const MGUK_W = 120_000;
const MGUH_W = 40_000;
/** Wear in % per lap on an average corner load, per compound. */
const WEAR_PER_LAP: Record<Compound, number> = { soft: 3.2, medium: 1.8, hard: 1.1 };

export interface Consumables {
  wear: Wheels;
  surfaceC: Wheels;
  innerC: Wheels;
  brakesC: Wheels;
  fuelKg: number;
  ersJ: number;
  ersDeployedLapJ: number;
  ersHarvestedKLapJ: number;
  ersHarvestedHLapJ: number;
  deploying: boolean;
}

export function newConsumables(fuelKg: number): Consumables {
  return {
    wear: [0, 0, 0, 0],
    surfaceC: [80, 80, 82, 82],
    innerC: [88, 88, 90, 90],
    brakesC: [350, 350, 380, 380],
    fuelKg,
    ersJ: ERS_MAX_J,
    ersDeployedLapJ: 0,
    ersHarvestedKLapJ: 0,
    ersHarvestedHLapJ: 0,
    deploying: false,
  };
}

export interface Load {
  readonly dt: number;
  /** Metres driven this frame, and the lap's length. */
  readonly metres: number;
  readonly lapM: number;
  readonly v: number;
  readonly gLat: number;
  readonly throttle: number;
  readonly brake: number;
  readonly compound: Compound;
  readonly tyreAgeLaps: number;
}

const relax = (x: number, target: number, dt: number, tauS: number) => x + (target - x) * Math.min(1, dt / tauS);

export function updateConsumables(c: Consumables, l: Load): void {
  const lapShare = l.metres / l.lapM;
  const corner = Math.abs(l.gLat);
  for (let w = 0; w < 4; w++) {
    const front = w >= 2;
    // Fronts wear and heat a little more; the outside of a corner more than the inside is left out (no side).
    const load = (front ? 1.1 : 1) * (0.6 + 0.2 * corner + 0.3 * l.brake);
    c.wear[w] = Math.min(100, (c.wear[w] as number) + WEAR_PER_LAP[l.compound] * lapShare * load);
    const surface = 82 + 5 * corner + 8 * l.brake * (front ? 1 : 0.5) + 3 * l.throttle * (front ? 0 : 1);
    c.surfaceC[w] = relax(c.surfaceC[w] as number, surface, l.dt, 2);
    // The carcass warms with tyre age (a worn tyre runs hotter) and follows the surface slowly.
    const inner = 90 + 0.4 * ((c.surfaceC[w] as number) - 82) + 0.5 * l.tyreAgeLaps;
    c.innerC[w] = relax(c.innerC[w] as number, inner, l.dt, 20);
    // Carbon brakes: ~300 C/s under full braking, cooled by the air flow (peaks near 1,000 C, ~300 C on straights).
    const heat = l.brake * (front ? 330 : 260);
    const brakes = c.brakesC[w] as number;
    c.brakesC[w] = Math.max(200, brakes + (heat - (brakes - 200) * (0.04 + l.v / 500)) * l.dt);
  }
  c.fuelKg = Math.max(0, c.fuelKg - FUEL_PER_LAP_KG * lapShare);
  // ERS: deploy at full throttle on the straights while the lap's 4 MJ allowance lasts; harvest under braking.
  c.deploying = l.throttle > 0.98 && l.v > 30 && c.ersJ > 0 && c.ersDeployedLapJ < ERS_MAX_J;
  if (c.deploying) {
    const j = Math.min(c.ersJ, MGUK_W * l.dt);
    c.ersJ -= j;
    c.ersDeployedLapJ += j;
  }
  const harvestK = MGUK_W * l.brake * l.dt;
  const harvestH = l.throttle > 0.98 ? MGUH_W * l.dt : 0;
  const room = ERS_MAX_J - c.ersJ;
  c.ersJ += Math.min(room, harvestK + harvestH);
  c.ersHarvestedKLapJ += harvestK;
  c.ersHarvestedHLapJ += harvestH;
}

/** At the line: the per-lap ERS counters start again. */
export function newLap(c: Consumables): void {
  c.ersDeployedLapJ = 0;
  c.ersHarvestedKLapJ = 0;
  c.ersHarvestedHLapJ = 0;
}

/** A pit stop: new tyres, warmed by blankets. */
export function newTyres(c: Consumables): void {
  c.wear = [0, 0, 0, 0];
  c.surfaceC = [85, 85, 85, 85];
  c.innerC = [90, 90, 90, 90];
}
