import { createSocket, type Socket } from "node:dgram";
import { isIP } from "node:net";
import { SlipstreamError } from "../../bridge/errors.ts";
import type { CaptureWriter } from "../capture/writer.ts";
import { type Clock, monotonicClock } from "../replay/clock.ts";
import { RecordStats } from "./record-stats.ts";

export interface UdpRecorderOptions {
  readonly host: string;
  readonly port: number;
  readonly receiveBufferBytes: number;
  /** The clock entry times are read from; its zero is the start of the recording. */
  readonly clock?: Clock;
}

/**
 * Listens on UDP like the bridge and appends every datagram, valid or not, to a capture: the time (µs on the
 * monotonic clock since the recording started), the sender, the bytes. A write failure (disk full) stops
 * recording and is kept in `failure` for the caller to report.
 */
export class UdpRecorder {
  readonly stats = new RecordStats();
  failure: SlipstreamError | undefined;
  private socket: Socket | undefined;
  private readonly clock: Clock;

  constructor(
    private readonly writer: CaptureWriter,
    private readonly options: UdpRecorderOptions,
  ) {
    this.clock = options.clock ?? monotonicClock();
  }

  /** Binds the socket; returns the port (useful with port 0). */
  async start(): Promise<number> {
    const socket = createSocket({
      type: isIP(this.options.host) === 6 ? "udp6" : "udp4",
      recvBufferSize: this.options.receiveBufferBytes,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("error", (error) =>
        reject(
          new SlipstreamError("socket-failed", `cannot listen on UDP ${this.options.host}:${this.options.port}`, {
            cause: error,
          }),
        ),
      );
      socket.bind(this.options.port, this.options.host, () => resolve());
    });
    socket.on("error", () => {});
    socket.on("message", (bytes, remote) => this.receive(bytes, `${remote.address}:${remote.port}`));
    this.socket = socket;
    return socket.address().port;
  }

  private receive(bytes: Buffer, source: string): void {
    if (this.failure) return;
    const timeUs = Math.floor(this.clock.nowNs() / 1000);
    try {
      this.writer.append(timeUs, bytes, source);
    } catch (error) {
      this.failure =
        error instanceof SlipstreamError
          ? error
          : new SlipstreamError("unwritable-file", `cannot record to ${this.writer.path}`, { cause: error });
      return;
    }
    this.stats.count(bytes, timeUs);
  }

  /** Closes the socket; datagrams after this are not recorded. The writer is the caller's to close. */
  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
