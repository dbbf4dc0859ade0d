import { type OpenedInput, openInput } from "../../../simulator/capture/open-input.ts";
import { REPLAY_OPTIONS, type ReplayConfig, replaySettings } from "../../../simulator/replay/replay-options.ts";
import { Replayer, type ReplayProgress } from "../../../simulator/replay/replayer.ts";
import { parseHostPort, type ReplaySink, TopicSink, UdpSink } from "../../../simulator/replay/sinks.ts";
import { KafkaBus } from "../../bus/kafka-bus.ts";
import { parseOptions, renderHelp } from "../../config/options.ts";
import { SlipstreamError } from "../../errors.ts";
import { createLogger } from "../../observability/log.ts";
import { rawTopic } from "../../protocol/raw-topic.ts";
import type { Command } from "../command.ts";
import { bar, formatDuration, startStatusLine } from "./status-line.ts";

async function openSink(config: ReplayConfig): Promise<ReplaySink> {
  if (!config.toTopic) return UdpSink.open(parseHostPort(config.to, "to"));
  if (config.kafkaBrokers.length === 0) {
    throw new SlipstreamError("invalid-config", "--to-topic needs --kafka-brokers (or KAFKA_BROKERS)");
  }
  const bus = new KafkaBus({
    brokers: config.kafkaBrokers,
    clientId: config.kafkaClientId,
    acks: -1,
    idempotent: true,
    requestTimeoutMs: 10_000,
    logger: createLogger("warn"),
  });
  const sink = new TopicSink(bus, {
    topic: rawTopic(config.topicPrefix),
    partitions: config.topicPartitions,
    retentionMs: config.topicRetentionMs,
    rigId: config.rigId,
    defaultSource: "127.0.0.1:0",
  });
  try {
    await sink.start();
  } catch (error) {
    await bus.close();
    throw error;
  }
  return sink;
}

function describe(p: ReplayProgress, startOffsetUs: number): string {
  const loops = Number.isFinite(p.loops) ? `${p.loop}/${p.loops}` : `${p.loop}`;
  const impaired = [
    p.impair.lost > 0 ? `lost ${p.impair.lost}` : "",
    p.impair.duplicated > 0 ? `duplicated ${p.impair.duplicated}` : "",
    p.impair.reordered > 0 ? `reordered ${p.impair.reordered}` : "",
  ].filter(Boolean);
  return [`loop ${loops}`, `at ${formatDuration(startOffsetUs + p.recordingUs)}`, `sent ${p.sends}`, ...impaired].join(
    ", ",
  );
}

export const replayCommand: Command = {
  name: "replay",
  summary: "Send a recording to UDP (as the game would) or into the raw topic, at its own pace or faster.",
  help: () =>
    renderHelp(
      "slipstream replay FILE [options]",
      [
        "Plays FILE (a Slipstream capture, a pcap or pcapng file of UDP --pcap-port, or a .bin/.jsonl of datagrams)",
        "on the recording's own timing, scheduled from a monotonic clock: at --speed 1 a send is within a",
        "millisecond of its recorded time. Entries without times (.bin, .jsonl) go back to back. Sends to UDP",
        "--to, one datagram per entry exactly as recorded, or with --to-topic straight into <prefix>.raw as the",
        "bridge would. --loss, --duplicate, --reorder and --jitter-ms simulate a bad network (seeded by --seed).",
        "Progress goes to stderr (a bar on a terminal). Ctrl-C stops.",
      ].join("\n"),
      REPLAY_OPTIONS,
    ),
  run: async (argv, ctx) => {
    const { config, positionals } = parseOptions(REPLAY_OPTIONS, argv, ctx.env);
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) {
      throw new SlipstreamError("invalid-config", "give exactly one FILE to replay (see slipstream replay --help)");
    }
    const settings = replaySettings(config);
    const options = { port: config.pcapPort };
    // Opened here so a missing or bad file fails before any socket or broker connection.
    let first: OpenedInput | undefined = await openInput(file, options);
    const kind = first.kind;
    let sink: ReplaySink;
    try {
      sink = await openSink(config);
    } catch (error) {
      await first.close();
      throw error;
    }
    const abort = new AbortController();
    void ctx.untilSignal().then(() => abort.abort());
    const replayer = new Replayer(
      async () => {
        const input = first ?? (await openInput(file, options));
        first = undefined;
        return input;
      },
      sink,
      {
        speed: settings.speed,
        loops: settings.loops,
        startOffsetUs: settings.startOffsetUs,
        newSessionPerLoop: config.newSessionPerLoop,
        impairments: settings.impairments,
        seed: settings.seed,
        signal: abort.signal,
      },
    );
    const speed = settings.speed === "max" ? "max speed" : `${settings.speed}x`;
    ctx.out(
      `slipstream replay: ${file} (${kind}) -> ${sink.label} at ${speed}${settings.randomSeed ? `, seed ${settings.seed}` : ""}`,
    );
    const status = startStatusLine(ctx, () => {
      const p = replayer.progress();
      return `${bar(p.fileFraction)} ${describe(p, settings.startOffsetUs)}`;
    });
    let result: Awaited<ReturnType<Replayer["run"]>>;
    try {
      result = await replayer.run();
    } finally {
      await first?.close();
      await sink.close().catch((error: unknown) => {
        status.finish("replay stopped: the destination failed");
        throw error;
      });
    }
    const { counts } = sink;
    const skipped =
      counts.skipped > 0 ? `, ${counts.skipped} not valid F1 telemetry left out (the bridge would refuse them)` : "";
    const failed = counts.failed > 0 ? `, ${counts.failed} sends failed` : "";
    status.finish(
      `replayed ${result.loopsDone} loop${result.loopsDone === 1 ? "" : "s"}${result.stopped ? " (stopped)" : ""}: ${describe(result, settings.startOffsetUs)}${skipped}${failed}`,
    );
    const report = result.report;
    if (report?.truncatedTail) {
      ctx.err(
        `slipstream replay: ${file} ends inside an entry at byte ${report.truncatedTail.offset}: that entry is lost`,
      );
    }
    if (report?.malformedLines) {
      ctx.err(`slipstream replay: ${file}: ${report.malformedLines} lines without datagram bytes skipped`);
    }
    if (report?.frames && report.frames.datagrams === 0) {
      ctx.err(`slipstream replay: ${file} has no UDP datagrams to or from port ${config.pcapPort} (see --pcap-port)`);
    }
    if (sink instanceof UdpSink && sink.firstError) {
      ctx.err(`slipstream replay: sends failed: ${sink.firstError.message}`);
    }
    return counts.failed > 0 ? 1 : 0;
  },
};
