import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import { isIPv6 } from "node:net";
import { hostname } from "node:os";
import type { Bus, BusRecord } from "../bus/types.ts";
import { SlipstreamError } from "../errors.ts";
import { validateDatagram } from "../f1/decode.ts";
import type { Logger } from "../observability/log.ts";
import { derivedTopic } from "../protocol/derived.ts";
import { nowMicros, RAW_HEADERS, rawTopic } from "../protocol/raw-topic.ts";
import { type BridgeMetrics, type BridgeRejectionReason, createBridgeMetrics } from "./bridge-metrics.ts";
import { BridgeMonitor } from "./bridge-monitor.ts";
import { Forwarder, type ForwardTarget } from "./forwarder.ts";
import { ProduceLoop } from "./produce-loop.ts";
import { RateLimiter } from "./rate-limiter.ts";
import { type DropPolicy, SendQueue } from "./send-queue.ts";
import { SessionTable } from "./session-table.ts";
import { SocketDrops } from "./socket-drops.ts";
import { SourceAllowlist } from "./source-allowlist.ts";
import { restoreSpool, type Spool } from "./spool.ts";

export interface BridgeOptions {
  readonly udpHost: string;
  readonly udpPort: number;
  readonly receiveBufferBytes: number;
  readonly topicPrefix: string;
  readonly topicPartitions: number;
  readonly topicRetentionMs: number;
  readonly rigId: string | undefined;
  readonly lingerMs: number;
  readonly maxBatchRecords: number;
  readonly maxBatchBytes: number;
  readonly queueMaxBytes: number;
  readonly dropPolicy: DropPolicy;
  readonly ratePerSource: number;
  readonly allow: readonly string[];
  readonly forwardTo: readonly ForwardTarget[];
  /** Keeps the send queue on disk too, so a restart loses nothing accepted (see spool.ts). */
  readonly spoolDir?: string | undefined;
  /** Names this bridge on the pipeline monitor (default: host name and process id). */
  readonly bridgeId?: string | undefined;
  /** Reports to `<prefix>.monitor` this often; 0 or absent: none. */
  readonly monitorIntervalMs?: number;
}

/** What became of one datagram. */
export type ReceiveOutcome = "accepted" | "queue-full" | BridgeRejectionReason;

/** Unsupported formats are logged once per (source, format); this many pairs are remembered. */
const MAX_WARNED_SOURCES = 1024;

/**
 * UDP datagrams in, raw records out: gate (allowlist, rate), forward, validate header and size, stamp the
 * receive time, queue (bounded) and produce in order to `<prefix>.raw`.
 */
export class Bridge {
  readonly metrics: BridgeMetrics;
  readonly sessions = new SessionTable();
  /** The reports to the pipeline monitor, when they are on. */
  readonly monitor: BridgeMonitor | undefined;
  private readonly queue: SendQueue;
  private readonly loop: ProduceLoop;
  private readonly limiter: RateLimiter;
  private readonly allowlist: SourceAllowlist;
  private readonly forwarder: Forwarder;
  private readonly warned = new Set<string>();
  private readonly topic: string;
  private socket: Socket | undefined;
  private settingUp: Promise<void> = Promise.resolve();
  private stopping: Promise<void> | undefined;
  private kernelDrops: SocketDrops | undefined;
  private spool: Spool | undefined;
  /** Reasons the bus refused records for good, each logged once. */
  private readonly refusals = new Set<string>();

  constructor(
    private readonly options: BridgeOptions,
    private readonly bus: Bus,
    private readonly log: Logger,
  ) {
    this.metrics = createBridgeMetrics();
    this.topic = rawTopic(options.topicPrefix);
    this.limiter = new RateLimiter(options.ratePerSource);
    this.allowlist = new SourceAllowlist(options.allow);
    this.forwarder = new Forwarder(options.forwardTo, {
      log,
      onResult: (target, error) => (error ? this.metrics.forwardErrors : this.metrics.forwarded).inc({ target }),
    });
    for (const target of this.forwarder.labels) {
      this.metrics.forwarded.inc({ target }, 0);
      this.metrics.forwardErrors.inc({ target }, 0);
    }
    this.queue = new SendQueue(options.queueMaxBytes, options.dropPolicy, () => this.drop("evicted-oldest"));
    this.metrics.queueLimitBytes.set(options.queueMaxBytes);
    this.loop = new ProduceLoop(
      this.queue,
      bus,
      {
        topic: this.topic,
        lingerMs: options.lingerMs,
        maxBatchRecords: options.maxBatchRecords,
        maxBatchBytes: options.maxBatchBytes,
        retryInitialMs: 100,
        retryMaxMs: 5000,
      },
      {
        onWritten: (batch, now) => {
          this.metrics.produced.inc(batch.length);
          for (const item of batch) this.metrics.produceLatency.observe((now - item.queuedAt) / 1000);
          this.metrics.busUp.set(1);
          this.updateQueueGauges();
        },
        onWriteError: (error, batch, retryInMs, reason) => {
          this.metrics.produceErrors.inc({ reason });
          // A batch split because the bus refuses it whole says nothing about the bus being down.
          if (retryInMs === 0) return;
          this.metrics.busUp.set(0);
          this.log.warn(
            { err: error, reason, records: batch.length, retryInMs, queueBytes: this.queue.bytes },
            "bus write failed; retrying",
          );
        },
        onGiveUp: (records, reason, error) => {
          this.metrics.dropped.inc({ reason }, records.length);
          this.updateQueueGauges();
          if (this.refusals.has(reason)) return;
          this.refusals.add(reason);
          this.log.error({ err: error, reason }, "the bus refuses a record for good; dropped (logged once per reason)");
        },
        onRecovered: () => this.log.info({ queueBytes: this.queue.bytes }, "bus writes recovered; sending the backlog"),
      },
    );
    if (options.monitorIntervalMs) {
      this.monitor = new BridgeMonitor({
        bridgeId: options.bridgeId ?? `${hostname()}-${process.pid}`,
        // Set up by the monitor itself: the raw topic never waits for it.
        topic: {
          topic: derivedTopic(options.topicPrefix, "monitor"),
          partitions: options.topicPartitions,
          retentionMs: options.topicRetentionMs,
        },
        intervalMs: options.monitorIntervalMs,
        bus,
        log,
        metrics: this.metrics,
        sessions: this.sessions,
        socketDrops: () => this.socketDrops,
      });
    }
  }

  get topicName(): string {
    return this.topic;
  }

  /**
   * Binds the socket and starts producing. Kafka need not be up: datagrams queue (within the limit) while
   * the topic set-up is retried in the background, and flow once it succeeds. Returns the bound UDP port.
   */
  async start(): Promise<number> {
    // Before the socket: what an earlier run left unacknowledged goes out first.
    if (this.options.spoolDir && !this.spool) {
      const { spool, restored, refused } = restoreSpool(this.options.spoolDir, this.queue, this.log);
      this.spool = spool;
      this.metrics.restored.inc(restored);
      this.metrics.dropped.inc({ reason: "queue-full" }, refused);
      this.updateQueueGauges();
    }
    const type = isIPv6(this.options.udpHost) ? "udp6" : "udp4";
    const socket = createSocket({
      type,
      recvBufferSize: this.options.receiveBufferBytes,
    });
    this.socket = socket;
    socket.on("message", (bytes, remote) => this.receive(bytes, remote));
    await new Promise<void>((resolve, reject) => {
      socket.once("error", (error) =>
        reject(
          new SlipstreamError("socket-failed", `cannot listen on UDP ${this.options.udpHost}:${this.options.udpPort}`, {
            cause: error,
          }),
        ),
      );
      socket.bind(this.options.udpPort, this.options.udpHost, () => resolve());
    });
    socket.on("error", (error) => this.log.error({ err: error }, "UDP socket error"));
    const { address, port } = socket.address();
    // Checked once bound: until then the port may be 0 and the host a name.
    await this.forwarder.start({ host: address, port }).catch(async (error: unknown) => {
      this.socket = undefined;
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      throw error;
    });
    this.kernelDrops = SocketDrops.find(port, type);
    this.kernelDrops?.register(this.metrics.registry);
    this.log.info(
      { udp: `${this.options.udpHost}:${port}`, topic: this.topic, bus: this.bus.kind },
      "bridge listening",
    );
    const firstTry = this.setUpTopic();
    this.settingUp = firstTry.then((ok) => (ok ? undefined : this.retrySetUp()));
    await firstTry;
    return port;
  }

  private async setUpTopic(): Promise<boolean> {
    try {
      await this.bus.ensureTopics([
        { topic: this.topic, partitions: this.options.topicPartitions, retentionMs: this.options.topicRetentionMs },
      ]);
      this.loop.start();
      this.monitor?.start();
      this.metrics.busUp.set(1);
      return true;
    } catch (error) {
      this.metrics.busUp.set(0);
      this.log.warn({ err: error, queueBytes: this.queue.bytes }, "bus not ready; queueing and retrying");
      return false;
    }
  }

  private async retrySetUp(): Promise<void> {
    let delay = 250;
    while (this.socket) {
      await new Promise((r) => setTimeout(r, delay));
      if (!this.socket || (await this.setUpTopic())) return;
      delay = Math.min(delay * 2, 5000);
    }
  }

  /** One datagram from the socket. Public so tests and the replayer can drive it without UDP. */
  receive(bytes: Buffer, remote: Pick<RemoteInfo, "address" | "port" | "family">): ReceiveOutcome {
    const receivedAtUs = nowMicros();
    this.metrics.received.inc();
    this.metrics.receivedBytes.inc(bytes.byteLength);
    const source = `${remote.address}:${remote.port}`;
    if (!this.allowlist.allows(remote.address, remote.family as "IPv4" | "IPv6"))
      return this.reject("source-not-allowed");
    if (!this.limiter.allow(remote.address, receivedAtUs / 1000)) return this.reject("rate-limited");
    // After the gates: what a refused or flooding source sends goes nowhere, so even a loop stays bounded.
    this.forwarder.send(bytes);
    const checked = validateDatagram(bytes);
    if (!checked.ok) {
      if (checked.rejection.reason === "unsupported-format") this.warnOnce(remote.address, checked.rejection);
      return this.reject(checked.rejection.reason);
    }
    const headers: Record<string, string> = {
      [RAW_HEADERS.receivedAtUs]: String(receivedAtUs),
      [RAW_HEADERS.source]: source,
    };
    if (this.options.rigId) headers[RAW_HEADERS.rigId] = this.options.rigId;
    const record: BusRecord = {
      key: checked.info.sessionUID,
      value: bytes,
      headers,
      timestampMs: Math.floor(receivedAtUs / 1000),
    };
    if (!this.queue.push(record, performance.now())) return this.drop("queue-full");
    this.metrics.accepted.inc();
    this.sessions.record(checked.info, source, receivedAtUs / 1000);
    this.updateQueueGauges();
    this.loop.notify();
    return "accepted";
  }

  get queueBytes(): number {
    return this.queue.bytes;
  }

  /** Datagrams the kernel dropped for want of buffer space; undefined where it cannot be read (not Linux). */
  get socketDrops(): number | undefined {
    return this.kernelDrops?.read();
  }

  /** Closes the socket, then gives the queue until the deadline to drain. Later calls wait for the first. */
  stop(deadlineMs = 5000): Promise<void> {
    this.stopping ??= this.shutDown(deadlineMs);
    return this.stopping;
  }

  private async shutDown(deadlineMs: number): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    this.monitor?.stop();
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
    await this.forwarder.stop();
    await this.settingUp;
    const left = await this.loop.stop(deadlineMs);
    if (left > 0 && this.spool) this.log.info({ records: left }, "stopped; the spool keeps the unwritten records");
    else if (left > 0) {
      this.metrics.dropped.inc({ reason: "shutdown" }, left);
      this.log.warn({ records: left }, "stopped with records not yet written to the bus");
    }
    this.spool?.close();
  }

  private reject(reason: BridgeRejectionReason): BridgeRejectionReason {
    this.metrics.rejected.inc({ reason });
    return reason;
  }

  private drop<R extends "queue-full" | "evicted-oldest">(reason: R): R {
    this.metrics.dropped.inc({ reason });
    return reason;
  }

  private updateQueueGauges(): void {
    this.metrics.queueBytes.set(this.queue.bytes);
    this.metrics.queueRecords.set(this.queue.length);
  }

  private warnOnce(address: string, rejection: { detail: string; packetFormat?: number }): void {
    const key = `${address}|${rejection.packetFormat}`;
    if (this.warned.has(key) || this.warned.size >= MAX_WARNED_SOURCES) return;
    this.warned.add(key);
    this.log.warn({ source: address, packetFormat: rejection.packetFormat }, rejection.detail);
  }
}
