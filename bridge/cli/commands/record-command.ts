import { rmSync } from "node:fs";
import { CaptureWriter } from "../../../simulator/capture/writer.ts";
import { RECORD_OPTIONS, type RecordConfig, topicRange } from "../../../simulator/record/record-options.ts";
import type { RecordStats } from "../../../simulator/record/record-stats.ts";
import { TopicRecorder } from "../../../simulator/record/topic-recorder.ts";
import { UdpRecorder } from "../../../simulator/record/udp-recorder.ts";
import { monotonicClock } from "../../../simulator/replay/clock.ts";
import { parseOptions, renderHelp } from "../../config/options.ts";
import { SlipstreamError } from "../../errors.ts";
import { nowMicros } from "../../protocol/raw-topic.ts";
import type { Command, CommandContext } from "../command.ts";
import { bar, formatBytes, formatDuration, startStatusLine } from "./status-line.ts";

/** How often buffered entries reach the file: what a crash (not Ctrl-C) can lose at most. */
const FLUSH_MS = 250;

/** Closes and deletes a capture that holds nothing because recording could not start. */
function discard(writer: CaptureWriter): void {
  writer.close();
  rmSync(writer.path, { force: true });
}

function describe(stats: RecordStats, elapsedUs: number): string {
  return [
    `${stats.packets} packets`,
    formatBytes(stats.bytes),
    formatDuration(elapsedUs),
    `${stats.sessionsText} session${stats.sessionCount === 1 ? "" : "s"}`,
    ...(stats.invalid > 0 ? [`${stats.invalid} not F1 telemetry`] : []),
  ].join(", ");
}

async function recordUdp(file: string, config: RecordConfig, ctx: CommandContext): Promise<number> {
  const writer = CaptureWriter.create(file, { sources: true, startUnixUs: nowMicros(), overwrite: config.force });
  const clock = monotonicClock();
  const recorder = new UdpRecorder(writer, {
    host: config.udpHost,
    port: config.udpPort,
    receiveBufferBytes: config.receiveBufferBytes,
    clock,
  });
  let port: number;
  try {
    port = await recorder.start();
  } catch (error) {
    discard(writer);
    throw error;
  }
  ctx.out(`slipstream record: UDP ${config.udpHost}:${port} -> ${file} (Ctrl-C stops and closes the file)`);
  const status = startStatusLine(ctx, () => `recording: ${describe(recorder.stats, clock.nowNs() / 1000)}`);
  let failed: () => void = () => {};
  const failure = new Promise<void>((resolve) => {
    failed = resolve;
  });
  const flusher = setInterval(() => {
    try {
      writer.flush();
    } catch (error) {
      recorder.failure ??= error as SlipstreamError;
    }
    if (recorder.failure) failed();
  }, FLUSH_MS);
  const stops: Promise<void>[] = [ctx.untilSignal(), failure];
  let timer: NodeJS.Timeout | undefined;
  if (config.durationS > 0)
    stops.push(new Promise((resolve) => (timer = setTimeout(resolve, config.durationS * 1000))));
  await Promise.race(stops);
  clearInterval(flusher);
  clearTimeout(timer);
  await recorder.stop();
  let closeError: unknown;
  try {
    writer.close();
  } catch (error) {
    closeError = error;
  }
  status.finish(
    `recorded ${describe(recorder.stats, recorder.stats.spanUs)} to ${file} (${formatBytes(writer.bytes)})`,
  );
  if (recorder.failure) throw recorder.failure;
  if (closeError) throw closeError;
  return 0;
}

async function recordTopic(file: string, topic: string, config: RecordConfig, ctx: CommandContext): Promise<number> {
  if (config.kafkaBrokers.length === 0) {
    throw new SlipstreamError("invalid-config", "--from-topic needs --kafka-brokers (or KAFKA_BROKERS)");
  }
  const range = topicRange(config);
  const writer = CaptureWriter.create(file, { sources: true, overwrite: config.force });
  const abort = new AbortController();
  void ctx.untilSignal().then(() => abort.abort());
  const recorder = new TopicRecorder({
    brokers: config.kafkaBrokers,
    clientId: config.kafkaClientId,
    topic,
    range,
    writer,
    signal: abort.signal,
  });
  ctx.out(
    `slipstream record: ${topic} on ${config.kafkaBrokers.join(",")} -> ${file} (Ctrl-C stops and closes the file)`,
  );
  const progress = () => (recorder.total > 0n ? Number(recorder.read) / Number(recorder.total) : 0);
  const status = startStatusLine(
    ctx,
    () =>
      `${bar(progress())} ${recorder.read}/${recorder.total} records: ${describe(recorder.stats, recorder.stats.spanUs)}`,
  );
  const flusher = setInterval(() => writer.flush(), FLUSH_MS);
  try {
    await recorder.run();
  } catch (error) {
    if (recorder.stats.packets === 0) discard(writer);
    throw error;
  } finally {
    clearInterval(flusher);
    writer.close();
  }
  const clamped =
    recorder.clamped > 0 ? ` (${recorder.clamped} records' times went back; kept at the previous time)` : "";
  status.finish(
    `recorded ${describe(recorder.stats, recorder.stats.spanUs)} to ${file} (${formatBytes(writer.bytes)})${abort.signal.aborted ? ", stopped early" : ""}${clamped}`,
  );
  return 0;
}

export const recordCommand: Command = {
  name: "record",
  summary: "Record live UDP telemetry (or a range of the raw topic) to a capture file.",
  help: () =>
    renderHelp(
      "slipstream record FILE [options]",
      [
        "Records F1 game UDP telemetry to FILE, a Slipstream capture (recordings/README.md): every datagram as it",
        "arrived (valid or not), with its receive time in microseconds and its sender. Listens on --udp-host and",
        "--udp-port like the bridge (run one or the other on a port), or with --from-topic copies a range of a",
        "raw topic in receive order. A live progress line goes to stderr. Ctrl-C (or SIGTERM) stops recording",
        "and leaves a complete file; a crash loses at most the last quarter second. Replay it with",
        "`slipstream replay FILE`, decode it with `slipstream decode FILE`.",
      ].join("\n"),
      RECORD_OPTIONS,
    ),
  run: async (argv, ctx) => {
    const { config, positionals } = parseOptions(RECORD_OPTIONS, argv, ctx.env);
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) {
      throw new SlipstreamError("invalid-config", "give exactly one FILE to record to (see slipstream record --help)");
    }
    return config.fromTopic === undefined
      ? recordUdp(file, config, ctx)
      : recordTopic(file, config.fromTopic, config, ctx);
  },
};
