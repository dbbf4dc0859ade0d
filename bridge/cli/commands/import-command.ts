import type { SupportedFormat } from "../../../bridge/f1/formats/index.ts";
import { importLap, sessionOf } from "../../../simulator/import/import-lap.ts";
import { IMPORT_OPTIONS } from "../../../simulator/import/import-options.ts";
import { parseHostPort } from "../../../simulator/replay/sinks.ts";
import { maxCars } from "../../../simulator/simulate/roster.ts";
import { RigsUdpSink, SimulationSource, writeCapture } from "../../../simulator/simulate/source.ts";
import { parseOptions, renderHelp } from "../../config/options.ts";
import { SlipstreamError } from "../../errors.ts";
import type { Command } from "../command.ts";
import { sendGenerated } from "./send-generated.ts";
import { bar, formatBytes, formatDuration, startStatusLine } from "./status-line.ts";

const DESCRIPTION = `Turns one lap of real car telemetry into game datagrams: FILE is a FastF1 CSV (Lap.get_telemetry()
saved with to_csv, whole or a subset with Time, Speed, X, Y), or OpenF1's car_data, location and laps files
(JSON or CSV, any order). The positions (1/10 m) are fitted onto the game's outline of --track (rotation,
scale, translation, mirroring; refused when the fit is poor); the samples are interpolated to the game's
--rate; lap time and distance are the data's. Plays as its own time-trial session, or with --join-session
as an extra car (--car-index) in a live player's session. Live to UDP --to (--speed), or --out a capture.
Exit code 0 on success, 1 for unreadable data, 2 for bad options or a lap that does not fit the circuit.`;

export const importCommand: Command = {
  name: "import",
  summary: "Real car data (FastF1, OpenF1) as game datagrams: race the real lap, or add it as a ghost car.",
  help: () => renderHelp("slipstream import FILE... --track NAME [options]", DESCRIPTION, IMPORT_OPTIONS),
  run: async (argv, ctx) => {
    const { config, positionals } = parseOptions(IMPORT_OPTIONS, argv, ctx.env);
    if (positionals.length === 0) throw new SlipstreamError("invalid-config", "no FILE given (see --help)");
    if (config.track.trim() === "") {
      throw new SlipstreamError("invalid-config", "--track is required: the data does not say which circuit it is");
    }
    const packetFormat = Number(config.format) as SupportedFormat;
    const rateHz = Number(config.rateHz);
    if (config.joinSession !== undefined && config.carIndex >= maxCars(packetFormat)) {
      throw new SlipstreamError(
        "invalid-config",
        `--car-index: UDP format ${packetFormat} has car slots 0 to ${maxCars(packetFormat) - 1}`,
      );
    }
    const result = importLap({
      files: positionals,
      track: config.track,
      packetFormat,
      rateHz,
      driver: config.driver === undefined ? undefined : Number(config.driver),
      lap: config.lap === undefined ? undefined : Number(config.lap),
    });
    const { lap, fit, track } = result;
    const session = sessionOf(result, {
      packetFormat,
      rateHz,
      name: config.name,
      join:
        config.joinSession === undefined
          ? undefined
          : { sessionUID: config.joinSession.trim(), carIndex: config.carIndex },
      startFrame: config.startFrame,
      startSessionTimeS: config.startTime === undefined ? undefined : Number(config.startTime),
    });
    const deg = ((fit.rotationRad * 180) / Math.PI).toFixed(2);
    ctx.out(
      `slipstream import: ${lap.layout}: lap ${formatDuration(lap.lapTimeS * 1e6)} (${Math.round(lap.lapTimeS * 1000)} ms), top speed ${result.topSpeedKmh.toFixed(1)} km/h`,
    );
    for (const note of lap.notes) ctx.out(`  ${note}`);
    ctx.out(
      `  fit on ${track.name}: RMS ${fit.rmsM.toFixed(2)} m, 95% within ${fit.p95M.toFixed(2)} m, worst ${fit.maxM.toFixed(2)} m; scale ${fit.scale.toFixed(5)} m per unit, rotation ${deg}°${fit.mirrored ? ", mirrored" : ""}`,
    );
    const what = config.joinSession
      ? `car ${config.carIndex} of session ${session.sessionUID}`
      : `time trial session ${session.sessionUID}`;
    const source = new SimulationSource([session]);
    const abort = new AbortController();
    void ctx.untilSignal().then(() => abort.abort());
    const render = () =>
      `${bar(session.progress())} lap ${formatDuration(session.progress() * session.durationS * 1e6)}`;
    if (config.out !== undefined) {
      ctx.out(`  ${result.frames.length} frames at ${rateHz} Hz, format ${packetFormat}, as ${what} -> ${config.out}`);
      const status = startStatusLine(ctx, render);
      const written = await writeCapture(source, config.out, { overwrite: config.force, signal: abort.signal });
      status.finish(
        `wrote ${written.entries} datagrams (${formatBytes(written.bytes)})${written.stopped ? ", stopped" : ""}`,
      );
      return 0;
    }
    const sink = await RigsUdpSink.open(parseHostPort(config.to, "to"), [session.source]);
    const speed = config.speed.trim() === "max" ? "max" : Number(config.speed);
    ctx.out(`  ${result.frames.length} frames at ${rateHz} Hz, format ${packetFormat}, as ${what} -> ${sink.label}`);
    return sendGenerated(ctx, source, sink, { speed, seed: 1, signal: abort.signal, render });
  },
};
