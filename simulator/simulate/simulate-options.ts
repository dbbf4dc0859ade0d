import { randomInt } from "node:crypto";
import type { Config, OptionSpecs } from "../../bridge/config/options.ts";
import { SlipstreamError } from "../../bridge/errors.ts";
import type { SupportedFormat } from "../../bridge/f1/formats/index.ts";
import { F1_UDP_PORT } from "../capture/input.ts";
import { REPLAY_OPTIONS } from "../replay/replay-options.ts";
import type { SessionKind } from "./plan.ts";
import { maxCars } from "./roster.ts";
import type { SimulationOptions } from "./simulation.ts";
import { findTrack } from "./track.ts";

const FORMATS = ["2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"] as const;

/** `slipstream simulate`. --speed and --seed read as replay's do. */
export const SIMULATE_OPTIONS = {
  track: {
    type: "string",
    flag: "track",
    default: "monza",
    help: "Circuit: a trackId (11) or a name (monza, spa, Silverstone_Reverse...; see the error for the list).",
  },
  cars: {
    type: "integer",
    flag: "cars",
    default: 20,
    min: 1,
    max: 24,
    help: "Cars on track (at most 20 in 2018-2019, 22 in 2020-2025, 24 in 2026; time trial: 1).",
  },
  laps: {
    type: "integer",
    flag: "laps",
    default: 5,
    min: 1,
    max: 99,
    help: "Race: laps to run. Qualifying and time trial: flying laps per car, between an out-lap and an in-lap.",
  },
  session: {
    type: "choice",
    flag: "session",
    default: "race",
    choices: ["race", "qualifying", "time-trial"],
    help: "What to simulate.",
  },
  format: {
    type: "choice",
    flag: "format",
    default: "2025",
    choices: FORMATS,
    help: "UDP format of the datagrams (the game's \"UDP Format\" setting; 2026 is F1 25's 2026 Season Pack).",
  },
  rateHz: {
    type: "choice",
    flag: "rate",
    default: "60",
    choices: ["10", "15", "20", "30", "60"],
    help: "The game's UDP send rate, Hz: motion, lap data, telemetry and status go every frame.",
  },
  pitAfter: {
    type: "integer",
    flag: "pit-after",
    default: 5,
    min: 1,
    max: 99,
    help: "Races longer than this many laps get one pit stop per car.",
  },
  seed: { ...REPLAY_OPTIONS.seed, help: "The same seed, the same session, byte for byte (default: random, printed)." },
  to: {
    type: "string",
    flag: "to",
    default: `127.0.0.1:${F1_UDP_PORT}`,
    help: "UDP destination host:port (or [IPv6]:port), as the game sends; ignored with --out.",
  },
  out: {
    type: "optional-string",
    flag: "out",
    default: undefined,
    help: "Write a capture file (.slipcap) as fast as possible instead of sending live.",
  },
  force: { type: "boolean", flag: "force", default: false, help: "--out: replace the file if it exists." },
  truth: {
    type: "optional-string",
    flag: "truth",
    default: undefined,
    help: "Also write the ground truth (each car's laps, sectors, positions, classification; one per rig) as JSON to this file.",
  },
  speed: {
    ...REPLAY_OPTIONS.speed,
    help: "Live: 1 at the game's pace, N times faster, max as fast as the destination takes them.",
  },
  rigs: {
    type: "integer",
    flag: "rigs",
    default: 1,
    min: 1,
    max: 64,
    help: "Simulate several games at once: each its own session (sessionUID, seed + rig) and source port.",
  },
} as const satisfies OptionSpecs;

export type SimulateConfig = Config<typeof SIMULATE_OPTIONS>;

export interface SimulateSettings {
  readonly rigs: SimulationOptions[];
  readonly speed: number | "max";
  readonly seed: number;
  readonly randomSeed: boolean;
}

/** One SimulationOptions per rig (rig r runs seed + r), checked against the format's limits. */
export function simulateSettings(config: SimulateConfig): SimulateSettings {
  const packetFormat = Number(config.format) as SupportedFormat;
  const session = config.session as SessionKind;
  const cars = session === "time-trial" ? 1 : config.cars;
  if (cars > maxCars(packetFormat)) {
    throw new SlipstreamError(
      "invalid-config",
      `--cars: UDP format ${packetFormat} carries at most ${maxCars(packetFormat)} cars, not ${cars}`,
    );
  }
  const track = String(findTrack(config.track).trackId);
  const seedText = config.seed?.trim();
  const seed = seedText === undefined ? randomInt(2 ** 31) : Number(seedText);
  const rigs = Array.from({ length: config.rigs }, (_, rig) => ({
    track,
    packetFormat,
    session,
    cars,
    laps: config.laps,
    seed: seed + rig,
    rateHz: Number(config.rateHz),
    pitAfterLaps: config.pitAfter,
    rig,
  }));
  return {
    rigs,
    speed: config.speed.trim() === "max" ? "max" : Number(config.speed),
    seed,
    randomSeed: seedText === undefined,
  };
}
