// A realistic mixed stream for bridge tests: every valid fixture datagram, interleaved with garbage.
import { createSocket } from "node:dgram";
import { decode } from "../../bridge/f1/decode.ts";
import type { RejectionReason } from "../../bridge/f1/rejection.ts";
import { JSONL_YEARS, load2026Fixtures, loadBinFixtures, loadJsonlFixtures } from "./fixtures.ts";

export interface StreamItem {
  readonly bytes: Buffer;
  /** undefined for a valid datagram, else the reason the bridge must count. */
  readonly rejectAs: RejectionReason | undefined;
}

export function validFixtureDatagrams(): Buffer[] {
  const all = [
    ...JSONL_YEARS.flatMap((y) => loadJsonlFixtures(y).map((f) => f.bytes)),
    ...loadBinFixtures().map((f) => f.bytes),
    ...load2026Fixtures().map((f) => f.bytes), // UDP Format 2026 travels like any other format
  ];
  return all.filter((b) => decode(b).ok);
}

/** Valid datagrams in fixture order, with a garbage or truncated datagram after every fifth one. */
export function mixedStream(): StreamItem[] {
  const out: StreamItem[] = [];
  const valid = validFixtureDatagrams();
  valid.forEach((bytes, i) => {
    out.push({ bytes, rejectAs: undefined });
    if (i % 5 !== 4) return;
    switch (((i / 5) % 4) | 0) {
      case 0:
        out.push({ bytes: bytes.subarray(0, bytes.length - 7), rejectAs: "size-mismatch" });
        break;
      case 1:
        out.push({ bytes: Buffer.from("not telemetry at all"), rejectAs: "not-f1-telemetry" });
        break;
      case 2:
        out.push({ bytes: Buffer.from([0xe9]), rejectAs: "truncated" });
        break;
      default: {
        const future = Buffer.from(bytes);
        future.writeUInt16LE(2027, 0);
        out.push({ bytes: future, rejectAs: "unsupported-format" });
      }
    }
  });
  return out;
}

/** Sends datagrams over loopback UDP in small bursts (so the kernel buffer never overflows). */
export async function sendUdp(port: number, datagrams: readonly Buffer[], host = "127.0.0.1"): Promise<void> {
  const socket = createSocket("udp4");
  try {
    for (let i = 0; i < datagrams.length; i++) {
      await new Promise<void>((resolve, reject) =>
        socket.send(datagrams[i] as Buffer, port, host, (e) => (e ? reject(e) : resolve())),
      );
      if (i % 25 === 24) await new Promise((r) => setTimeout(r, 2));
    }
  } finally {
    socket.close();
  }
}

export function countBy<T>(items: readonly T[], key: (t: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
