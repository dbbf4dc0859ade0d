import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openInput } from "../../../simulator/capture/open-input.ts";
import { CaptureWriter } from "../../../simulator/capture/writer.ts";
import { type RecordConfig, topicRange } from "../../../simulator/record/record-options.ts";
import { TopicRecorder } from "../../../simulator/record/topic-recorder.ts";
import { type Config, parseOptions, renderHelp } from "../../config/options.ts";
import { ANALYZE_OPTIONS } from "../../config/processing-config.ts";
import { SlipstreamError } from "../../errors.ts";
import { analysisTable } from "../../processing/analyze/analysis-table.ts";
import { type AnalyzeInput, analyze } from "../../processing/analyze/analyze.ts";
import type { Command, CommandContext } from "../command.ts";

type AnalyzeConfig = Config<typeof ANALYZE_OPTIONS>;

const DESCRIPTION = `Runs the live processing (reorder window, model, every metric) over recorded data and prints each
session's laps: a table, or with --json one document {"sessions":[{sessionUID, packetFormat, trackId,
track, sessionType, cars:[{carIndex, name, laps:[{lap, timeMs, sectorsMs, valid}], bestLapMs,
topSpeedKmh, pitStops}], counts:{packets, rejected, duplicates, late, gaps}}], "unattributed":{...}}.
FILE: a Slipstream capture, pcap or pcapng (UDP port --port), a raw .bin datagram, or .jsonl as
\`slipstream decode\` reads; and/or --kafka-topic with a range of a Kafka topic. Laps the data does not
show completing are left out. Exit code 0 when every
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
    if (positionals.length === 0 && !config.kafkaTopic) {
      throw new SlipstreamError("invalid-config", "no FILE or --kafka-topic given (see --help)");
    }
    // A topic range goes through the recorder's reader into a temporary capture: one way to read a range, and
    // the capture keeps the bridge's receive times for the reorder window.
    const temp = config.kafkaTopic ? await mkdtemp(join(tmpdir(), "slipstream-analyze-")) : undefined;
    const files = [...positionals];
    try {
      if (config.kafkaTopic && temp)
        files.push(await recordRange(config, config.kafkaTopic, join(temp, "range.slipcap")));
      return await analyzeFiles(files, config, ctx);
    } finally {
      if (temp) await rm(temp, { recursive: true, force: true });
    }
  },
};

async function recordRange(config: AnalyzeConfig, topic: string, file: string): Promise<string> {
  if (config.kafkaBrokers.length === 0) {
    throw new SlipstreamError("invalid-config", "--kafka-topic needs --kafka-brokers (or KAFKA_BROKERS)");
  }
  const writer = CaptureWriter.create(file, { sources: true });
  try {
    const range = topicRange(config as unknown as RecordConfig);
    await new TopicRecorder({
      brokers: config.kafkaBrokers,
      clientId: "slipstream-analyze",
      topic,
      range,
      writer,
    }).run();
  } finally {
    writer.close();
  }
  return file;
}

async function analyzeFiles(files: readonly string[], config: AnalyzeConfig, ctx: CommandContext): Promise<number> {
  let status = 0;
  const failed = (file: string, error: unknown) => {
    ctx.err(`slipstream analyze: cannot read ${file}: ${(error as Error).message}`);
    status = 2;
  };
  const analysis = await analyze(datagrams(files, config.port, failed), {
    reorderWindowMs: config.reorderWindowMs,
    reorderHold: config.reorderHold,
  });
  ctx.out(config.json ? JSON.stringify(analysis) : analysisTable(analysis));
  return status;
}
