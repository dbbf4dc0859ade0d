import type { ModelBase, Wheels } from "./base.ts";
import type { ActiveAeroMode, ErsDeployMode, Flag, FuelMix, TractionControl } from "./enums.ts";

export interface TelemetryCar {
  speedKmh: number;
  throttle: number;
  steer: number;
  brake: number;
  clutch: number;
  /** -1 reverse, 0 neutral, 1..8. */
  gear: number;
  engineRpm: number;
  drsOpen: boolean;
  revLightsPct: number;
  /** 2021+: bit 0 the leftmost LED. */
  revLightsBits?: number;
  brakesTempC: Wheels;
  tyresSurfaceTempC: Wheels;
  tyresInnerTempC: Wheels;
  engineTempC: number;
  tyresPressurePsi: Wheels;
  /** 2019+: EA's surface ids (0 tarmac, 1 rumble strip, ...). */
  surfaceTypeIds?: Wheels;
}

export interface TelemetryPacket extends ModelBase<"telemetry"> {
  cars: TelemetryCar[];
  /** 2018-2020 (a BUTN event from 2021): EA's button bit flags. */
  buttonStatus?: number;
  /** 2020+: the open MFD panel (EA's index); absent when 255 (closed). */
  mfdPanelIndex?: number;
  mfdPanelIndexSecondaryPlayer?: number;
  /** 2020+: absent when 0 (no suggestion). */
  suggestedGear?: number;
}

export interface StatusCar {
  tractionControl?: TractionControl;
  antiLockBrakes: boolean;
  fuelMix?: FuelMix;
  frontBrakeBiasPct: number;
  pitLimiterOn: boolean;
  fuelInTankKg: number;
  fuelCapacityKg: number;
  /** 2019+. */
  fuelRemainingLaps?: number;
  maxRpm: number;
  idleRpm: number;
  maxGears: number;
  /** Absent when the game does not know (EA's -1, sent as 255). */
  drsAllowed?: boolean;
  /** 2020+: 0 when DRS is not available. */
  drsActivationDistanceM?: number;
  /**
   * 2018 has one compound field: both ids hold it, in its own numbering (hyper soft..wet), named as in the modern
   * era (a classic-era session, Session.formulaId 1, calls 0-6 dry and 7-8 wet).
   */
  actualTyreCompoundId: number;
  actualTyreCompound?: string;
  visualTyreCompoundId: number;
  visualTyreCompound?: string;
  /** 2020+. */
  tyresAgeLaps?: number;
  fiaFlag?: Flag;
  /** 2023+. */
  enginePowerIceW?: number;
  enginePowerMgukW?: number;
  ersStoreEnergyJ: number;
  ersDeployMode?: ErsDeployMode;
  ersHarvestedThisLapMgukJ: number;
  ersHarvestedThisLapMguhJ: number;
  ersDeployedThisLapJ: number;
  /** 2026. */
  ersHarvestLimitPerLapJ?: number;
  /** 2021+. */
  networkPaused?: boolean;
}

export interface StatusPacket extends ModelBase<"status"> {
  cars: StatusCar[];
}

export interface EngineWear {
  mguhPct: number;
  esPct: number;
  cePct: number;
  icePct: number;
  mgukPct: number;
  tcPct: number;
}

export interface DamageCar {
  /** 2018-2020 whole percent (u8), 2021+ fractional. */
  tyresWearPct: Wheels;
  tyresDamagePct: Wheels;
  frontLeftWingDamagePct: number;
  frontRightWingDamagePct: number;
  rearWingDamagePct: number;
  gearBoxDamagePct: number;
  engineDamagePct: number;
  /** 2018 only. */
  exhaustDamagePct?: number;
  /** 2020+. */
  drsFault?: boolean;
  /** 2021+. */
  brakesDamagePct?: Wheels;
  floorDamagePct?: number;
  diffuserDamagePct?: number;
  sidepodDamagePct?: number;
  engineWear?: EngineWear;
  /** 2022+. */
  ersFault?: boolean;
  engineBlown?: boolean;
  engineSeized?: boolean;
  /** 2025+. */
  tyreBlistersPct?: Wheels;
}

/** For 2018-2020 made from the Car Status packet (same meta), which carried wear and damage until F1 2021. */
export interface DamagePacket extends ModelBase<"damage"> {
  cars: DamageCar[];
}

/** 2026 (Car Telemetry 2): active aero and overtake mode. */
export interface Telemetry2Car {
  activeAeroMode?: ActiveAeroMode;
  activeAeroAvailable: boolean;
  /** 0 when available now. */
  activeAeroActivationDistanceM: number;
  overtakeAvailable: boolean;
  overtakeActive: boolean;
  overtakeActivationDistanceM: number;
  /** Whether the car runs to the 2026 regulations (EA's m_2026Regulations). */
  regulations2026: boolean;
  drivingWrongWay: boolean;
}

export interface Telemetry2Packet extends ModelBase<"telemetry2"> {
  cars: Telemetry2Car[];
}
