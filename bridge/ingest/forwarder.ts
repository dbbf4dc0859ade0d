import type { Socket } from "node:dgram";
import { SlipstreamError } from "../errors.ts";

export interface ForwardTarget {
  readonly host: string;
  readonly port: number;
}

/** Parses "host:port" (or "[v6]:port") targets for raw forwarding to other telemetry apps. */
export function parseForwardTargets(entries: readonly string[]): ForwardTarget[] {
  return entries.map((entry) => {
    const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match?.[1] || !(port > 0 && port < 65536)) {
      throw new SlipstreamError("invalid-config", `--forward: ${JSON.stringify(entry)} is not host:port`);
    }
    return { host: match[1], port };
  });
}

/** Sends every received datagram, unchanged, to each target: players run other telemetry apps too. */
export function forward(
  socket: Socket,
  targets: readonly ForwardTarget[],
  bytes: Uint8Array,
  done: (error: Error | null) => void,
): void {
  for (const target of targets) socket.send(bytes, target.port, target.host, done);
}
