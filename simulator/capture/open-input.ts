/**
 * One way in for every recorded input: a Slipstream capture, a pcap or pcapng file (UDP to or from one port), a
 * raw datagram (.bin) or JSON Lines (.jsonl) as `slipstream decode` reads them. Each opens as an async iterable
 * of datagrams in constant memory (a .bin is one datagram). The format is told by magic; .jsonl by its name.
 * Pure input: no processing, no sockets, so `replay`, `decode` and `analyze` share it.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { FileBytes, firstBytes } from "./file-bytes.ts";
import { hasCaptureMagic } from "./format.ts";
import { F1_UDP_PORT, type FrameCounts, type InputDatagram } from "./input.ts";
import { isPcapMagic, PcapReader } from "./pcap.ts";
import { isPcapngMagic, PcapngReader } from "./pcapng.ts";
import { CaptureReader, type TruncatedTail } from "./reader.ts";

export type InputKind = "capture" | "pcap" | "pcapng" | "bin" | "jsonl";

/** Kinds that are recordings of many timed datagrams (as opposed to one raw datagram or JSON Lines). */
export const RECORDING_KINDS: readonly InputKind[] = ["capture", "pcap", "pcapng"];

export interface OpenInputOptions {
  /** pcap/pcapng: the UDP port whose datagrams (to or from it) are read. */
  readonly port?: number;
}

/** What reading skipped or found cut; complete once the iteration has ended. */
export interface InputReport {
  /** The file ends inside an entry, packet or block (a crash, a killed tcpdump): that one was lost. */
  readonly truncatedTail: TruncatedTail | undefined;
  /** pcap/pcapng only: frames read and why frames yielded nothing. */
  readonly frames: FrameCounts | undefined;
  /** .jsonl only: lines that hold no datagram (not JSON, no byte array in "message"), skipped as decode does. */
  readonly malformedLines?: number;
}

export interface OpenedInput extends AsyncIterable<InputDatagram> {
  readonly path: string;
  readonly kind: InputKind;
  /** When recording started, µs since the Unix epoch, where the input knows it (captures with a start time). */
  readonly startUnixUs: number | undefined;
  /** Whether the input's datagrams carry times. */
  readonly timed: boolean;
  /** How much of the file has been read, 0 to 1. */
  progress(): number;
  report(): InputReport;
  /** Releases the file when the iteration was not run to its end. */
  close(): Promise<void>;
}

/** The input's kind, by magic number first, then by name (.jsonl); anything else is one raw datagram. */
export async function detectInputKind(path: string): Promise<InputKind> {
  const first = await firstBytes(path, 8);
  if (hasCaptureMagic(first)) return "capture";
  if (isPcapngMagic(first)) return "pcapng";
  if (isPcapMagic(first)) return "pcap";
  return path.endsWith(".jsonl") ? "jsonl" : "bin";
}

export async function openInput(path: string, options: OpenInputOptions = {}): Promise<OpenedInput> {
  const kind = await detectInputKind(path);
  const port = options.port ?? F1_UDP_PORT;
  switch (kind) {
    case "capture": {
      const reader = await CaptureReader.open(path);
      return wrap(path, kind, reader, {
        startUnixUs: reader.header.startUnixUs,
        timed: true,
        position: () => reader.position,
        report: () => ({ truncatedTail: reader.truncatedTail, frames: undefined }),
      });
    }
    case "pcap":
    case "pcapng": {
      const reader = kind === "pcap" ? await PcapReader.open(path, port) : await PcapngReader.open(path, port);
      return wrap(path, kind, reader, {
        startUnixUs: undefined,
        timed: true,
        position: () => reader.position,
        report: () => ({ truncatedTail: reader.truncatedTail, frames: reader.counts }),
      });
    }
    case "bin":
      return openBin(path);
    case "jsonl":
      return openJsonl(path);
  }
}

interface Reader extends AsyncIterable<InputDatagram> {
  close(): Promise<void>;
}

function wrap(
  path: string,
  kind: InputKind,
  reader: Reader,
  parts: {
    startUnixUs: number | undefined;
    timed: boolean;
    position: () => { offset: number; size: number };
    report: () => InputReport;
  },
): OpenedInput {
  return {
    path,
    kind,
    startUnixUs: parts.startUnixUs,
    timed: parts.timed,
    progress: () => {
      const { offset, size } = parts.position();
      return size === 0 ? 1 : offset / size;
    },
    report: parts.report,
    close: () => reader.close(),
    [Symbol.asyncIterator]: () => reader[Symbol.asyncIterator](),
  };
}

async function openBin(path: string): Promise<OpenedInput> {
  const file = await FileBytes.open(path);
  let done = false;
  async function* one(): AsyncGenerator<InputDatagram> {
    try {
      await file.fill(file.size);
      const bytes = Buffer.from(file.take(file.available));
      done = true;
      yield { bytes };
    } finally {
      await file.close();
    }
  }
  return {
    path,
    kind: "bin",
    startUnixUs: undefined,
    timed: false,
    progress: () => (done ? 1 : 0),
    report: () => ({ truncatedTail: undefined, frames: undefined }),
    close: () => file.close(),
    [Symbol.asyncIterator]: one,
  };
}

/**
 * One JSON Lines row's bytes: "message" as Node's Buffer JSON ({"type":"Buffer","data":[...]}) or a byte array
 * of integers 0 to 255; undefined for a line that holds none (Buffer.from would wrap 300 to 44).
 */
export function jsonlDatagram(line: string): Buffer | undefined {
  let row: { message?: unknown };
  try {
    row = JSON.parse(line);
  } catch {
    return undefined;
  }
  const message = row?.message;
  const data = Array.isArray(message) ? message : (message as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(data) || !data.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) return undefined;
  return Buffer.from(data as number[]);
}

async function openJsonl(path: string): Promise<OpenedInput> {
  // Opened (and closed) once first so a missing file fails here, like the other kinds, not mid-iteration.
  const probe = await FileBytes.open(path);
  const size = probe.size;
  await probe.close();
  const stream = createReadStream(path);
  let malformedLines = 0;
  async function* lines(): AsyncGenerator<InputDatagram> {
    const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    try {
      for await (const line of rl) {
        if (line.trim() === "") continue;
        const bytes = jsonlDatagram(line);
        if (bytes) yield { bytes };
        else malformedLines++;
      }
    } finally {
      rl.close();
      stream.destroy();
    }
  }
  return {
    path,
    kind: "jsonl",
    startUnixUs: undefined,
    timed: false,
    progress: () => (size === 0 ? 1 : stream.bytesRead / size),
    report: () => ({ truncatedTail: undefined, frames: undefined, malformedLines }),
    close: async () => void stream.destroy(),
    [Symbol.asyncIterator]: lines,
  };
}
