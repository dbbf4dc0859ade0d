// Replay timing at 1x: how far each send lands from its recorded time, for the replayer's scheduler (a timer for
// the bulk of the wait, then event-loop turns against the monotonic clock) and, as the same-run baseline, a naive
// scheduler that sets one setTimeout per entry for its offset from the start. Both send a few seconds of the
// 60 Hz mix to a local UDP socket. Reported: p99 (the value), p50 and max error in ms of both (smaller is better;
// ratio = baseline p99 / ours). The error is measured at the send call, against the recording's time.
import { createSocket } from "node:dgram";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openInput } from "../simulator/capture/open-input.ts";
import { DEFAULT_REPLAY, Replayer } from "../simulator/replay/replayer.ts";
import { UdpSink } from "../simulator/replay/sinks.ts";
import { sixtyHertzTimeline, writeCapture } from "../test/simulator/support/timeline.ts";
import type { BenchResult } from "./measure.ts";

/** The common result line, value = p99 error, plus the other quantiles of both. */
export interface TimingResult extends BenchResult {
  readonly p50: number;
  readonly max: number;
  readonly sends: number;
  readonly baselineP50: number;
  readonly baselineMax: number;
}

const SECONDS = 4;

function stats(errorsNs: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...errorsNs].sort((a, b) => a - b);
  const at = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) / 1e6;
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round((sorted.at(-1) ?? 0) / 1e6) };
}
const round = (ms: number) => Number(ms.toFixed(3));

async function receiver(): Promise<{ port: number; close: () => Promise<void> }> {
  const socket = createSocket("udp4");
  socket.on("message", () => {});
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
  return { port: socket.address().port, close: () => new Promise((r) => socket.close(() => r())) };
}

async function ours(capture: string, port: number): Promise<number[]> {
  const sink = await UdpSink.open({ host: "127.0.0.1", port });
  const errors: number[] = [];
  await new Replayer(() => openInput(capture), sink, {
    ...DEFAULT_REPLAY,
    onSend: (target, actual) => void errors.push(actual - target),
  }).run();
  await sink.close();
  return errors;
}

/** One setTimeout per entry, for its offset from the start: what a first attempt at a replayer does. */
async function naive(timeline: readonly { timeUs: number; bytes: Buffer }[], port: number): Promise<number[]> {
  const socket = createSocket("udp4");
  const errors: number[] = [];
  const t0 = process.hrtime.bigint();
  const first = timeline[0]?.timeUs ?? 0;
  await Promise.all(
    timeline.map(
      (entry) =>
        new Promise<void>((resolve) =>
          setTimeout(
            () => {
              const targetNs = (entry.timeUs - first) * 1000;
              errors.push(Number(process.hrtime.bigint() - t0) - targetNs);
              socket.send(entry.bytes, port, "127.0.0.1", () => resolve());
            },
            (entry.timeUs - first) / 1000,
          ),
        ),
    ),
  );
  socket.close();
  return errors;
}

export async function replayBenchmarks(): Promise<TimingResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "slipstream-bench-replay-"));
  try {
    const timeline = sixtyHertzTimeline(SECONDS);
    const capture = join(dir, "mix.slipcap");
    writeCapture(capture, timeline);
    const sink = await receiver();
    // Alternating rounds, so machine noise hits both alike; the errors of all rounds are pooled.
    const mine: number[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < 2; round++) {
      mine.push(...(await ours(capture, sink.port)));
      theirs.push(...(await naive(timeline, sink.port)));
    }
    await sink.close();
    const a = stats(mine);
    const b = stats(theirs);
    return [
      {
        bench: "replay-1x-send-error-60hz-mix",
        value: a.p99,
        unit: "ms p99 send-time error",
        baseline: "setTimeout-per-entry",
        baselineValue: b.p99,
        // Errors: smaller is better, so the ratio is the baseline's over ours (how many times closer we are).
        ratio: Number((b.p99 / Math.max(a.p99, 0.001)).toFixed(2)),
        p50: a.p50,
        max: a.max,
        sends: mine.length,
        baselineP50: b.p50,
        baselineMax: b.max,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await replayBenchmarks()) process.stdout.write(`${JSON.stringify(result)}\n`);
}
