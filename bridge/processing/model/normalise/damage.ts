// Car Damage (id 10, 2021+). 2018-2020 damage comes from Car Status (status.ts).
import type { PacketMeta } from "../types/base.ts";
import type { DamageCar, DamagePacket } from "../types/car.ts";
import { flagOn, wheels } from "../units.ts";
import type { Decoded, Item } from "./decoded.ts";

type Car = Item<Decoded<"carDamage">["data"]["carDamageData"]>;

export function damage(p: Decoded<"carDamage">, meta: PacketMeta): DamagePacket {
  const cars: readonly Car[] = p.data.carDamageData;
  return { kind: "damage", meta, cars: cars.map(damageCar) };
}

function damageCar(c: Car): DamageCar {
  const since2022 = "ersFault" in c ? c : undefined;
  return {
    tyresWearPct: wheels(c.tyresWear),
    tyresDamagePct: wheels(c.tyresDamage),
    frontLeftWingDamagePct: c.frontLeftWingDamage,
    frontRightWingDamagePct: c.frontRightWingDamage,
    rearWingDamagePct: c.rearWingDamage,
    gearBoxDamagePct: c.gearBoxDamage,
    engineDamagePct: c.engineDamage,
    drsFault: flagOn(c.drsFault),
    brakesDamagePct: wheels(c.brakesDamage),
    floorDamagePct: c.floorDamage,
    diffuserDamagePct: c.diffuserDamage,
    sidepodDamagePct: c.sidepodDamage,
    engineWear: {
      mguhPct: c.engineMGUHWear,
      esPct: c.engineESWear,
      cePct: c.engineCEWear,
      icePct: c.engineICEWear,
      mgukPct: c.engineMGUKWear,
      tcPct: c.engineTCWear,
    },
    ersFault: since2022 && flagOn(since2022.ersFault),
    engineBlown: since2022 && flagOn(since2022.engineBlown),
    engineSeized: since2022 && flagOn(since2022.engineSeized),
    tyreBlistersPct: "tyreBlisters" in c ? wheels(c.tyreBlisters) : undefined,
  };
}
