/**
 * Simulated rigs as a ReplaySource, so `simulate` plays through the replayer's clock and sinks, and as a capture
 * file written as fast as the machine goes.
 */
import type { InputDatagram } from "../capture/input.ts";
import { CaptureWriter } from "../capture/writer.ts";
import type { ReplaySource } from "../replay/replayer.ts";
import { type ReplaySink, type SinkCounts, UdpSink } from "../replay/sinks.ts";
import type { SimDatagram, Simulation } from "./simulation.ts";

/** Every rig's datagrams merged by session time (rig order within the same microsecond). */
export class SimulationSource implements ReplaySource {
  /** Simulations, or anything else that makes datagrams on a session clock (an imported lap). */
  constructor(readonly simulations: readonly Pick<Simulation, "progress" | "datagrams">[]) {}

  progress(): number {
    return Math.min(...this.simulations.map((s) => s.progress()));
  }

  report(): undefined {
    return undefined;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<InputDatagram> {
    yield* this.merged();
  }

  *merged(): Generator<SimDatagram> {
    const streams = this.simulations.map((s) => s.datagrams());
    const heads = streams.map((s) => s.next());
    for (;;) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i] as IteratorResult<SimDatagram>;
        const b = heads[best] as IteratorResult<SimDatagram> | undefined;
        if (!h.done && (!b || b.done || h.value.timeUs < b.value.timeUs)) best = i;
      }
      const head = heads[best];
      if (!head || head.done) return;
      yield head.value;
      heads[best] = (streams[best] as Generator<SimDatagram>).next();
    }
  }
}

/**
 * One UDP socket per rig, so each rig sends from a port of its own as separate games would; datagrams are routed
 * by the source the simulation gives them.
 */
export class RigsUdpSink implements ReplaySink {
  readonly counts: SinkCounts = { sent: 0, failed: 0, skipped: 0 };

  private constructor(
    readonly label: string,
    private readonly sinks: ReadonlyMap<string, UdpSink>,
  ) {}

  static async open(target: { host: string; port: number }, sources: readonly string[]): Promise<RigsUdpSink> {
    const sinks = new Map<string, UdpSink>();
    try {
      for (const source of sources) sinks.set(source, await UdpSink.open(target));
    } catch (error) {
      for (const s of sinks.values()) await s.close();
      throw error;
    }
    const first = sinks.values().next().value as UdpSink;
    const label = sources.length > 1 ? `${first.label} from ${sources.length} sockets` : first.label;
    return new RigsUdpSink(label, sinks);
  }

  get firstError(): Error | undefined {
    return [...this.sinks.values()].find((s) => s.firstError)?.firstError;
  }

  send(bytes: Buffer, source: string | undefined): void {
    const sink = this.sinks.get(source ?? "") ?? (this.sinks.values().next().value as UdpSink);
    sink.send(bytes);
    this.sum();
  }

  ready(): Promise<void> | undefined {
    const waits = [...this.sinks.values()].map((s) => s.ready()).filter((p) => p !== undefined);
    return waits.length > 0 ? Promise.all(waits).then(() => this.sum()) : undefined;
  }

  private sum(): void {
    const all = [...this.sinks.values()];
    this.counts.sent = all.reduce((n, s) => n + s.counts.sent, 0);
    this.counts.failed = all.reduce((n, s) => n + s.counts.failed, 0);
  }

  async close(): Promise<void> {
    for (const s of this.sinks.values()) await s.close();
    this.sum();
  }
}

/**
 * Writes the rigs' datagrams to a capture file (with sources, timed on the session clock) as fast as possible,
 * giving the event loop a turn now and then so progress can be shown and Ctrl-C heard.
 */
export async function writeCapture(
  source: SimulationSource,
  path: string,
  options: { overwrite: boolean; signal?: AbortSignal },
): Promise<{ entries: number; bytes: number; stopped: boolean }> {
  // No wall-clock start (0: unknown): a simulated session has none, and the same seed must give the same file.
  const writer = CaptureWriter.create(path, { sources: true, overwrite: options.overwrite, startUnixUs: 0 });
  let stopped = false;
  try {
    let n = 0;
    for (const d of source.merged()) {
      writer.append(d.timeUs, d.bytes, d.source);
      if (++n % 4096 === 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (options.signal?.aborted) {
          stopped = true;
          break;
        }
      }
    }
  } finally {
    writer.close();
  }
  return { entries: writer.entries, bytes: writer.bytes, stopped };
}
