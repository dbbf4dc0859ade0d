// Car Status (id 7). Until F1 2021 it also carried tyre wear and damage, which F1 2021 moved to Car Damage: for
// 2018-2020 those become a damage model packet here.
import { actualTyreCompoundName, visualTyreCompoundName } from "../../../f1/lookups/index.ts";
import * as code from "../enums.ts";
import type { PacketMeta } from "../types/base.ts";
import type { DamageCar, DamagePacket, StatusCar, StatusPacket } from "../types/car.ts";
import { flagOn, knownFlag, wheels } from "../units.ts";
import type { Decoded, Item } from "./decoded.ts";

type Car = Item<Decoded<"carStatus">["data"]["carStatusData"]>;
type CarWithDamage = Extract<Car, { tyresWear: unknown }>;

export function status(p: Decoded<"carStatus">, meta: PacketMeta): [StatusPacket] | [StatusPacket, DamagePacket] {
  const f = p.packetFormat;
  const cars: readonly Car[] = p.data.carStatusData;
  const packet: StatusPacket = { kind: "status", meta, cars: cars.map((c) => statusCar(c, f)) };
  const withDamage = cars.filter((c): c is CarWithDamage => "tyresWear" in c);
  if (withDamage.length !== cars.length) return [packet];
  return [packet, { kind: "damage", meta, cars: withDamage.map(damageFromStatus) }];
}

/** 2018 has one compound field, in its own numbering; 2019-2020 spell the visual one tyreVisualCompound. */
function compounds(c: Car): [actual: number, visual: number] {
  if ("tyreCompound" in c) return [c.tyreCompound, c.tyreCompound];
  if ("tyreVisualCompound" in c) return [c.actualTyreCompound, c.tyreVisualCompound];
  return [c.actualTyreCompound, c.visualTyreCompound];
}

function statusCar(c: Car, f: number): StatusCar {
  const [actual, visual] = compounds(c);
  return {
    tractionControl: code.tractionControl(c.tractionControl),
    antiLockBrakes: flagOn(c.antiLockBrakes),
    fuelMix: code.fuelMix(c.fuelMix),
    frontBrakeBiasPct: c.frontBrakeBias,
    pitLimiterOn: flagOn(c.pitLimiterStatus),
    fuelInTankKg: c.fuelInTank,
    fuelCapacityKg: c.fuelCapacity,
    fuelRemainingLaps: "fuelRemainingLaps" in c ? c.fuelRemainingLaps : undefined,
    maxRpm: c.maxRPM,
    idleRpm: c.idleRPM,
    maxGears: c.maxGears,
    drsAllowed: knownFlag(c.drsAllowed),
    drsActivationDistanceM: "drsActivationDistance" in c ? c.drsActivationDistance : undefined,
    actualTyreCompoundId: actual,
    actualTyreCompound: actualTyreCompoundName(f, actual),
    visualTyreCompoundId: visual,
    visualTyreCompound: visualTyreCompoundName(f, visual),
    tyresAgeLaps: "tyresAgeLaps" in c ? c.tyresAgeLaps : undefined,
    fiaFlag: code.flag(c.vehicleFiaFlags),
    enginePowerIceW: "enginePowerICE" in c ? c.enginePowerICE : undefined,
    enginePowerMgukW: "enginePowerMGUK" in c ? c.enginePowerMGUK : undefined,
    ersStoreEnergyJ: c.ersStoreEnergy,
    ersDeployMode: code.ersDeployMode(f, c.ersDeployMode),
    ersHarvestedThisLapMgukJ: c.ersHarvestedThisLapMGUK,
    ersHarvestedThisLapMguhJ: c.ersHarvestedThisLapMGUH,
    ersDeployedThisLapJ: c.ersDeployedThisLap,
    ersHarvestLimitPerLapJ: "ersHarvestLimitPerLap" in c ? c.ersHarvestLimitPerLap : undefined,
    networkPaused: "networkPaused" in c ? flagOn(c.networkPaused) : undefined,
  };
}

function damageFromStatus(c: CarWithDamage): DamageCar {
  return {
    tyresWearPct: wheels(c.tyresWear),
    tyresDamagePct: wheels(c.tyresDamage),
    frontLeftWingDamagePct: c.frontLeftWingDamage,
    frontRightWingDamagePct: c.frontRightWingDamage,
    rearWingDamagePct: c.rearWingDamage,
    gearBoxDamagePct: c.gearBoxDamage,
    engineDamagePct: c.engineDamage,
    exhaustDamagePct: "exhaustDamage" in c ? c.exhaustDamage : undefined,
    drsFault: "drsFault" in c ? flagOn(c.drsFault) : undefined,
  };
}
