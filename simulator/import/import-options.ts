import type { Check, Config, OptionSpecs } from "../../bridge/config/options.ts";
import { SIMULATE_OPTIONS } from "../simulate/simulate-options.ts";

const wholeNumber: Check = (v) => (/^\d+$/.test(v.trim()) ? undefined : "is not a whole number");
const uid: Check = (v) =>
  /^\d{1,20}$/.test(v.trim()) && BigInt(v.trim()) < 2n ** 64n ? undefined : "is not a sessionUID (a decimal u64)";

/** `slipstream import`. Format, rate, --to, --out, --force and --speed read as simulate's do. */
export const IMPORT_OPTIONS = {
  track: {
    type: "string",
    flag: "track",
    default: "",
    help: "The lap's circuit (required; the data does not name it): a trackId or a name, as simulate's --track.",
  },
  driver: {
    type: "optional-string",
    flag: "driver",
    default: undefined,
    check: wholeNumber,
    help: "OpenF1: the driver_number to import when the files hold several.",
  },
  lap: {
    type: "optional-string",
    flag: "lap",
    default: undefined,
    check: wholeNumber,
    help: "OpenF1: the lap_number to import when the laps file holds several.",
  },
  name: { type: "string", flag: "name", default: "Reference lap", help: "Driver name in the participants packet." },
  format: SIMULATE_OPTIONS.format,
  rateHz: SIMULATE_OPTIONS.rateHz,
  joinSession: {
    type: "optional-string",
    flag: "join-session",
    default: undefined,
    check: uid,
    help: "Join this sessionUID as an extra car (a ghost) instead of making a session of its own.",
  },
  carIndex: {
    type: "integer",
    flag: "car-index",
    default: 21,
    min: 0,
    max: 23,
    help: "--join-session: the car slot the lap drives in (an empty one of the live session).",
  },
  startFrame: {
    type: "integer",
    flag: "start-frame",
    default: 0,
    min: 0,
    max: 2 ** 32 - 1,
    help: "First frameIdentifier (a joined session's current frame: the processor drops frames behind the ones it has).",
  },
  startTime: {
    type: "optional-string",
    flag: "start-session-time",
    default: undefined,
    check: (v) => (Number.isFinite(Number(v)) && Number(v) >= 0 ? undefined : "is not a number of seconds"),
    help: "Session time (s) of the first frame, with --start-frame (default 0).",
  },
  to: SIMULATE_OPTIONS.to,
  out: SIMULATE_OPTIONS.out,
  force: SIMULATE_OPTIONS.force,
  speed: SIMULATE_OPTIONS.speed,
} as const satisfies OptionSpecs;

export type ImportConfig = Config<typeof IMPORT_OPTIONS>;
