import { createSocket } from "node:dgram";

export interface Received {
  readonly bytes: Buffer;
  /** process.hrtime.bigint() at arrival, in ns. */
  readonly atNs: bigint;
}

export interface UdpReceiver {
  readonly port: number;
  readonly received: Received[];
  close(): Promise<void>;
}

/** A loopback UDP socket that keeps what arrives, with arrival times. */
export async function udpReceiver(): Promise<UdpReceiver> {
  const socket = createSocket({ type: "udp4", recvBufferSize: 8 * 1024 * 1024 });
  const received: Received[] = [];
  socket.on("message", (bytes) => void received.push({ bytes, atNs: process.hrtime.bigint() }));
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
  return {
    port: socket.address().port,
    received,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** The p-quantile (0 to 1) of numbers. */
export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}
