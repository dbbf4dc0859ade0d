import { NO_IMPAIRMENTS } from "../../../simulator/replay/impair.ts";
import { Replayer, type ReplaySource } from "../../../simulator/replay/replayer.ts";
import type { RigsUdpSink } from "../../../simulator/simulate/source.ts";
import type { CommandContext } from "../command.ts";
import { startStatusLine } from "./status-line.ts";

/**
 * `simulate` and `import` live to UDP: generated datagrams played once at `speed` (x real time, or "max") with a
 * status line, the sink closed after. Exit code 1 when any send failed.
 */
export async function sendGenerated(
  ctx: CommandContext,
  source: ReplaySource,
  sink: RigsUdpSink,
  options: { speed: number | "max"; seed: number; signal: AbortSignal; render: () => string },
): Promise<number> {
  const replayer = new Replayer(async () => source, sink, {
    speed: options.speed,
    loops: 1,
    startOffsetUs: 0,
    newSessionPerLoop: false,
    impairments: NO_IMPAIRMENTS,
    seed: options.seed,
    signal: options.signal,
  });
  const status = startStatusLine(ctx, options.render);
  let stopped = false;
  try {
    stopped = (await replayer.run()).stopped;
  } finally {
    await sink.close();
  }
  const failed = sink.counts.failed > 0 ? `, ${sink.counts.failed} sends failed (${sink.firstError?.message})` : "";
  status.finish(`sent ${sink.counts.sent} datagrams${stopped ? " (stopped)" : ""}${failed}`);
  return sink.counts.failed > 0 ? 1 : 0;
}
