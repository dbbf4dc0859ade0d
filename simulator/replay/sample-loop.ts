/**
 * The demo's stand-in for a game: a recording replayed in a loop over UDP to the bridge's own port, exactly as a
 * game would send it, with new sessionUIDs every loop so each lap of the loop is a session of its own.
 */
import { randomInt } from "node:crypto";
import { fileURLToPath } from "node:url";
import { openInput } from "../capture/open-input.ts";
import { NO_IMPAIRMENTS } from "./impair.ts";
import { Replayer } from "./replayer.ts";
import { UdpSink } from "./sinks.ts";

/** The shipped sample race (recordings/README.md): about 108 datagrams/s at its peak, at 1x. */
export const SAMPLE_RACE = fileURLToPath(new URL("../../recordings/sample-race.slipcap.gz", import.meta.url));

/** The demo's --sample: "race" the shipped race, "none" nothing, else a recording's path. */
export function demoSampleFile(choice: string): string | undefined {
  const c = choice.trim();
  return c === "none" ? undefined : c === "race" ? SAMPLE_RACE : c;
}

export interface SampleLoop {
  readonly file: string;
  /** Loops started so far (1 while the first plays). */
  loops(): number;
  /** Stops after the send in progress and closes the socket. */
  stop(): Promise<void>;
}

/** Where a bridge listening on `host` is reached from this machine (a wildcard address means loopback). */
export function localTarget(host: string, port: number): { host: string; port: number } {
  if (host === "0.0.0.0" || host === "") return { host: "127.0.0.1", port };
  if (host === "::") return { host: "::1", port };
  return { host, port };
}

/**
 * Starts replaying `file` at `speed` (1: as recorded) to `target` until stopped. The file is opened before this
 * returns, so a missing or unreadable sample fails at start; a failure later goes to `onError` and ends the loop.
 */
export async function startSampleLoop(
  file: string,
  target: { host: string; port: number },
  options: { speed?: number; onError?: (error: unknown) => void } = {},
): Promise<SampleLoop> {
  let first: Awaited<ReturnType<typeof openInput>> | undefined = await openInput(file);
  const sink = await UdpSink.open(target).catch(async (error: unknown) => {
    await first?.close();
    throw error;
  });
  const abort = new AbortController();
  const replayer = new Replayer(
    async () => {
      const input = first ?? (await openInput(file));
      first = undefined;
      return input;
    },
    sink,
    {
      speed: options.speed ?? 1,
      loops: Number.POSITIVE_INFINITY,
      startOffsetUs: 0,
      newSessionPerLoop: true,
      impairments: NO_IMPAIRMENTS,
      seed: randomInt(2 ** 31), // the new sessionUIDs: a different set every run
      signal: abort.signal,
    },
  );
  const running = replayer
    .run()
    .catch((error: unknown) => options.onError?.(error))
    .finally(async () => {
      await first?.close();
      await sink.close();
    });
  return {
    file,
    loops: () => replayer.progress().loop,
    stop: async () => {
      abort.abort();
      await running;
    },
  };
}
