import { BRIDGE_OPTIONS } from "../../config/bridge-config.ts";
import { parseOptions, renderHelp } from "../../config/options.ts";
import type { Command } from "../command.ts";
import { runBridge } from "./bridge-command.ts";

/** The demo's defaults: everything embedded, a faster summary with a line per session. */
const DEMO_OPTIONS = {
  ...BRIDGE_OPTIONS,
  summaryIntervalS: { ...BRIDGE_OPTIONS.summaryIntervalS, default: 2 },
};

export const demoCommand: Command = {
  name: "demo",
  summary: "The live demo on embedded defaults (npm start): the bridge on the in-process bus with a live session view.",
  help: () =>
    renderHelp(
      "slipstream demo [options]",
      "Runs everything Slipstream has so far in one process, with no Kafka or Redis needed: the UDP bridge\non the in-process bus, printing a live summary of the sessions and packets it receives.",
      DEMO_OPTIONS,
    ),
  run: async (argv, ctx) => runBridge(parseOptions(DEMO_OPTIONS, argv, ctx.env).config, ctx, true),
};
