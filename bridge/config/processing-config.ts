import { MAX_REORDER_WINDOW_MS } from "../processing/reorder/reorder-buffer.ts";
import type { OptionSpecs } from "./options.ts";

/** How the processing pipeline orders and throttles: shared by `processor`, `demo` and `analyze`. */
export const PIPELINE_OPTIONS = {
  reorderWindowMs: {
    type: "integer",
    flag: "reorder-window-ms",
    env: "SLIPSTREAM_REORDER_WINDOW_MS",
    default: 50,
    min: 0,
    max: MAX_REORDER_WINDOW_MS,
    help: "Reorder window: a datagram arriving up to this long after one it should precede is put back in order; later ones are counted as late and left out. It is the latency ordering adds (0: off).",
  },
  carsRateHz: {
    type: "integer",
    flag: "cars-rate-hz",
    env: "SLIPSTREAM_CARS_RATE_HZ",
    default: 20,
    min: 1,
    max: 60,
    help: "Car frames for fans per second of session time (the player's car goes at the game's rate).",
  },
} as const satisfies OptionSpecs;

export const ANALYZE_OPTIONS = {
  ...PIPELINE_OPTIONS,
  json: {
    type: "boolean",
    flag: "json",
    default: false,
    help: "Print one JSON document instead of tables.",
  },
  port: {
    type: "integer",
    flag: "port",
    default: 20777,
    min: 1,
    max: 65535,
    help: "pcap and pcapng inputs: the UDP port whose datagrams are read.",
  },
} as const satisfies OptionSpecs;
