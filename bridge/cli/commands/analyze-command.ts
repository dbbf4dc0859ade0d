import { openInput } from "../../../simulator/capture/open-input.ts";
import { parseOptions, renderHelp } from "../../config/options.ts";
import { ANALYZE_OPTIONS } from "../../config/processing-config.ts";
import { SlipstreamError } from "../../errors.ts";
import { analysisTable } from "../../processing/analyze/analysis-table.ts";
import { type AnalyzeInput, analyze } from "../../processing/analyze/analyze.ts";
import type { Command } from "../command.ts";

const DESCRIPTION = `Runs the live processing (reorder window, model, every metric) over recorded data and prints each
session's laps: a table, or with --json one document {"sessions":[{sessionUID, packetFormat, trackId,
track, sessionType, cars:[{carIndex, name, laps:[{lap, timeMs, sectorsMs, valid}], bestLapMs,
topSpeedKmh, pitStops}], counts:{packets, rejected, duplicates, late, gaps}}], "unattributed":{...}}.
FILE: a Slipstream capture, pcap or pcapng (UDP port --port), a raw .bin datagram, or .jsonl as
\`slipstream decode\` reads. Laps the data does not show completing are left out. Exit code 0 when every
input was readable, 2 otherwise.`;

/** Every file's datagrams in turn, as one stream; an unreadable file is reported and skipped. */
async function* datagrams(
  files: readonly string[],
  port: number,
  failed: (f: string, e: unknown) => void,
): AsyncGenerator<AnalyzeInput> {
  for (const file of files) {
    try {
      const input = await openInput(file, { port });
      for await (const d of input) yield d;
    } catch (error) {
      failed(file, error);
    }
  }
}

export const analyzeCommand: Command = {
  name: "analyze",
  summary: "Laps, sectors and counts of recorded sessions, by the live processing.",
  help: () => renderHelp("slipstream analyze [options] FILE...", DESCRIPTION, ANALYZE_OPTIONS),
  run: async (argv, ctx) => {
    const { config, positionals } = parseOptions(ANALYZE_OPTIONS, argv, ctx.env);
    if (positionals.length === 0) throw new SlipstreamError("invalid-config", "no FILE given (see --help)");
    let status = 0;
    const failed = (file: string, error: unknown) => {
      ctx.err(`slipstream analyze: cannot read ${file}: ${(error as Error).message}`);
      status = 2;
    };
    const analysis = await analyze(datagrams(positionals, config.port, failed), {
      reorderWindowMs: config.reorderWindowMs,
    });
    ctx.out(config.json ? JSON.stringify(analysis) : analysisTable(analysis));
    return status;
  },
};
