import { writeFileSync } from "node:fs";
import { parseHostPort } from "../../../simulator/replay/sinks.ts";
import { SIMULATE_OPTIONS, simulateSettings } from "../../../simulator/simulate/simulate-options.ts";
import { Simulation } from "../../../simulator/simulate/simulation.ts";
import { RigsUdpSink, SimulationSource, writeCapture } from "../../../simulator/simulate/source.ts";
import { parseOptions, renderHelp } from "../../config/options.ts";
import { SlipstreamError } from "../../errors.ts";
import type { Command } from "../command.ts";
import { sendGenerated } from "./send-generated.ts";
import { bar, formatBytes, formatDuration, startStatusLine } from "./status-line.ts";

export const simulateCommand: Command = {
  name: "simulate",
  summary: "Simulate a race, qualifying or time trial on a real circuit: game datagrams to UDP or a capture file.",
  help: () =>
    renderHelp(
      "slipstream simulate [options]",
      [
        "Drives 1 to 22 cars (24 in format 2026) around a circuit's outline in game coordinates: a speed profile",
        "from its curvature and the car's grip, power and brakes; per-driver pace, lap-to-lap variation, fuel, tyre",
        "wear, a pit stop in longer races; every packet type at the game's rates in the chosen UDP format, each",
        "datagram checked by the decoder. Sends live to UDP --to at the game's pace (--speed), or with --out writes",
        "a capture file as fast as possible. --rigs N runs N sessions at once (distinct sessionUIDs and source",
        "ports). The same --seed gives the same bytes; --truth writes what an analysis must find.",
      ].join("\n"),
      SIMULATE_OPTIONS,
    ),
  run: async (argv, ctx) => {
    const { config, positionals } = parseOptions(SIMULATE_OPTIONS, argv, ctx.env);
    if (positionals.length > 0) {
      throw new SlipstreamError("invalid-config", `unexpected ${JSON.stringify(positionals[0])} (see --help)`);
    }
    const settings = simulateSettings(config);
    const sims = settings.rigs.map((options) => new Simulation(options));
    const source = new SimulationSource(sims);
    const first = sims[0] as Simulation;
    const what = `${first.options.session} at ${first.plan.spec.track.name}, ${first.plan.cars.length} cars, ${first.options.laps} laps, format ${first.options.packetFormat}`;
    const rigs = sims.length > 1 ? `, ${sims.length} rigs` : "";
    const seed = settings.randomSeed ? `, seed ${settings.seed}` : "";
    if (config.truth !== undefined) {
      writeFileSync(
        config.truth,
        `${JSON.stringify(
          sims.map((s) => s.truth),
          null,
          2,
        )}\n`,
      );
    }
    const abort = new AbortController();
    void ctx.untilSignal().then(() => abort.abort());
    const render = () =>
      `${bar(source.progress())} session ${formatDuration(source.progress() * first.durationS * 1e6)}`;
    if (config.out !== undefined) {
      ctx.out(`slipstream simulate: ${what}${rigs} -> ${config.out}${seed}`);
      const status = startStatusLine(ctx, render);
      const result = await writeCapture(source, config.out, { overwrite: config.force, signal: abort.signal });
      status.finish(
        `wrote ${result.entries} datagrams (${formatBytes(result.bytes)}, ${formatDuration(first.durationS * 1e6)} of session)${result.stopped ? ", stopped" : ""}`,
      );
      return 0;
    }
    const sink = await RigsUdpSink.open(
      parseHostPort(config.to, "to"),
      sims.map((s) => s.source),
    );
    const speed = settings.speed === "max" ? "max speed" : `${settings.speed}x`;
    ctx.out(`slipstream simulate: ${what}${rigs} -> ${sink.label} at ${speed}${seed}`);
    return sendGenerated(ctx, source, sink, {
      speed: settings.speed,
      seed: settings.seed,
      signal: abort.signal,
      render,
    });
  },
};
