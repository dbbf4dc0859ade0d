import { createSocket, type Socket } from "node:dgram";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { Bus, BusRecord } from "../../bridge/bus/types.ts";
import { SlipstreamError } from "../../bridge/errors.ts";
import { validateDatagram } from "../../bridge/f1/decode.ts";
import { nowMicros, RAW_HEADERS } from "../../bridge/protocol/raw-topic.ts";

export interface SinkCounts {
  /** Datagrams handed on (to the socket, or taken by the bus). */
  sent: number;
  /** Sends that failed. */
  failed: number;
  /** Not sent because the destination would not take them (the raw topic holds valid datagrams only). */
  skipped: number;
}

/** Where a replay goes: sends happen at the moment `send` is called; `ready` applies backpressure. */
export interface ReplaySink {
  readonly label: string;
  readonly counts: SinkCounts;
  send(bytes: Buffer, source: string | undefined): void;
  /** A promise while the sink is backed up (wait for it before sending more), else undefined. */
  ready(): Promise<void> | undefined;
  /** Waits for what is in flight, then releases the socket or bus. Throws if sends failed for good. */
  close(): Promise<void>;
}

/** Parses "host:port" or "[v6]:port". */
export function parseHostPort(text: string, flag: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (!match?.[1] || !(port > 0 && port < 65536)) {
    throw new SlipstreamError("invalid-config", `--${flag}: ${JSON.stringify(text)} is not host:port`);
  }
  return { host: match[1], port };
}

const IN_FLIGHT_LIMIT = 512;

/**
 * Sends each datagram as one UDP datagram, as the game does. The name is resolved once at start, never per send.
 * The socket binds to loopback when the target is on loopback (nothing listens on other interfaces).
 */
export class UdpSink implements ReplaySink {
  readonly counts: SinkCounts = { sent: 0, failed: 0, skipped: 0 };
  firstError: Error | undefined;
  private inFlight = 0;
  private drained: (() => void) | undefined;

  private constructor(
    readonly label: string,
    private readonly socket: Socket,
    private readonly address: string,
    private readonly port: number,
  ) {}

  static async open(target: { host: string; port: number }): Promise<UdpSink> {
    let address: string;
    try {
      address = isIP(target.host) ? target.host : (await lookup(target.host)).address;
    } catch (error) {
      throw new SlipstreamError("invalid-config", `--to: cannot resolve ${target.host}`, { cause: error });
    }
    const v6 = isIP(address) === 6;
    const socket = createSocket({ type: v6 ? "udp6" : "udp4" });
    const loopback = v6 ? address === "::1" : address.startsWith("127.");
    await new Promise<void>((resolve, reject) => {
      socket.once("error", (error) =>
        reject(new SlipstreamError("socket-failed", `cannot open a UDP socket to ${address}`, { cause: error })),
      );
      socket.bind({ address: loopback ? (v6 ? "::1" : "127.0.0.1") : undefined, port: 0 }, () => resolve());
    });
    socket.on("error", () => {}); // send errors arrive through the callbacks
    const label = `udp ${v6 ? `[${address}]` : address}:${target.port}`;
    return new UdpSink(label, socket, address, target.port);
  }

  send(bytes: Buffer): void {
    this.inFlight++;
    this.socket.send(bytes, this.port, this.address, (error) => {
      this.inFlight--;
      if (error) {
        this.counts.failed++;
        this.firstError ??= error;
      } else this.counts.sent++;
      if (this.inFlight < IN_FLIGHT_LIMIT / 2 && this.drained) {
        const resolve = this.drained;
        this.drained = undefined;
        resolve();
      }
    });
  }

  ready(): Promise<void> | undefined {
    if (this.inFlight < IN_FLIGHT_LIMIT) return undefined;
    return new Promise((resolve) => {
      this.drained = resolve;
    });
  }

  async close(): Promise<void> {
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 1));
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}

export interface TopicSinkOptions {
  readonly topic: string;
  readonly partitions: number;
  readonly retentionMs: number;
  readonly rigId: string | undefined;
  /** The source header of datagrams whose recording has none. */
  readonly defaultSource: string;
  readonly lingerMs?: number;
  readonly maxBatchRecords?: number;
}

const QUEUE_LIMIT = 20_000;

/**
 * Produces straight into the raw topic, as the bridge would have: key = sessionUID, value = the datagram,
 * headers = receive time (now, µs), source (the recorded one) and rig id. Only valid datagrams (the bridge's own
 * check) go in; others are counted as skipped. Batches of up to `maxBatchRecords`, waiting at most `lingerMs`,
 * one write in flight so the topic keeps the replay's order. A failed write stops the replay: close() throws it.
 */
export class TopicSink implements ReplaySink {
  readonly counts: SinkCounts = { sent: 0, failed: 0, skipped: 0 };
  readonly label: string;
  private queue: BusRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private failure: unknown;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly bus: Bus,
    private readonly options: TopicSinkOptions,
  ) {
    this.label = `topic ${options.topic}`;
  }

  async start(): Promise<void> {
    await this.bus.connect();
    await this.bus.ensureTopics([
      { topic: this.options.topic, partitions: this.options.partitions, retentionMs: this.options.retentionMs },
    ]);
  }

  send(bytes: Buffer, source: string | undefined): void {
    const checked = validateDatagram(bytes);
    if (!checked.ok) {
      this.counts.skipped++;
      return;
    }
    const receivedAtUs = nowMicros();
    const headers: Record<string, string> = {
      [RAW_HEADERS.receivedAtUs]: String(receivedAtUs),
      [RAW_HEADERS.source]: source ?? this.options.defaultSource,
    };
    if (this.options.rigId) headers[RAW_HEADERS.rigId] = this.options.rigId;
    this.queue.push({
      key: checked.info.sessionUID,
      value: bytes,
      headers,
      timestampMs: Math.floor(receivedAtUs / 1000),
    });
    if (this.queue.length >= (this.options.maxBatchRecords ?? 500)) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.options.lingerMs ?? 5);
  }

  ready(): Promise<void> | undefined {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.queue.length < QUEUE_LIMIT) return undefined;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing ??= this.drain().finally(() => {
      this.writing = undefined;
    });
  }

  private async drain(): Promise<void> {
    const max = this.options.maxBatchRecords ?? 500;
    while (this.queue.length > 0 && this.failure === undefined) {
      const batch = this.queue.splice(0, max);
      try {
        await this.bus.write(this.options.topic, batch);
        this.counts.sent += batch.length;
      } catch (error) {
        this.counts.failed += batch.length + this.queue.length;
        this.queue = [];
        this.failure = error;
      }
      if (this.queue.length < QUEUE_LIMIT / 2) for (const w of this.waiters.splice(0)) w();
    }
    for (const w of this.waiters.splice(0)) w();
  }

  async close(): Promise<void> {
    this.kick();
    while (this.writing) await this.writing;
    await this.bus.close();
    if (this.failure !== undefined) throw this.failure;
  }
}
