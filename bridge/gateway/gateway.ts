import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import type { Bus, Subscription as BusSubscription, ConsumedRecord } from "../bus/types.ts";
import { SlipstreamError } from "../errors.ts";
import type { Logger } from "../observability/log.ts";
import { type DerivedKind, type DerivedMessage, derivedTopic } from "../protocol/derived.ts";
import type { ClientMessage, ErrorMessage, SessionChannel, SessionSummary, WelcomeMessage } from "../protocol/web.ts";
import { WEB_PROTOCOL_VERSION, WEB_SOCKET_PATH } from "../protocol/web.ts";
import { validateClientMessage } from "../protocol/web-validate.ts";
import type { LiveStateStore } from "../state/types.ts";
import { CLOSE_GOING_AWAY, Client, type DeliveryStats, type SlowPolicy } from "./client.ts";
import { Fanout } from "./fanout.ts";
import type { LagEntry, LagSource } from "./lag.ts";
import { PipelineMonitor } from "./monitor.ts";
import { originAllowed } from "./origin.ts";
import { answerRequest } from "./requests.ts";
import { loadSnapshot, sessionSummary } from "./snapshot.ts";
import { staticFiles } from "./static-files.ts";

/** How stale a session list's updatedAtMs may get before the list is sent again. */
const SESSIONS_REFRESH_MS = 5000;

/** The derived topics a gateway reads. */
const KINDS: readonly DerivedKind[] = ["sessions", "cars", "telemetry", "laps", "events", "traces", "monitor"];
const INBOUND_PER_SECOND = 20;
const INBOUND_BURST = 50;

export interface GatewayOptions extends SlowPolicy {
  readonly bus: Bus;
  readonly store: LiveStateStore;
  readonly topicPrefix: string;
  readonly gatewayId: string;
  readonly host: string;
  readonly port: number;
  /** The built web client; absent: the WebSocket only (every other path is 404). */
  readonly staticDir?: string;
  /** Per channel, Hz; 0 = every message. */
  readonly rateCapsHz: Readonly<Record<SessionChannel, number>>;
  readonly maxInboundBytes: number;
  /** 0: unlimited. */
  readonly maxConnectionsPerAddress: number;
  readonly allowedOrigins: readonly string[];
  readonly monitorToken?: string;
  readonly heartbeatMs: number;
  readonly topicPartitions: number;
  readonly topicRetentionMs: number;
  /** Consumer lag for the monitor; made from the bus's group name when given as a function. */
  readonly lag?: (ownGroup: string) => LagSource;
  readonly log: Logger;
  readonly directoryPollMs?: number;
  readonly monitorIntervalMs?: number;
  readonly now?: () => number;
}

/**
 * `slipstream gateway`: the web client's files and a WebSocket. Reads the derived topics with a consumer group of
 * its own (every gateway sees every partition, from the latest record), and the live state store for snapshots,
 * the session list, leaderboards and traces. Several gateways side by side show the same thing.
 */
export class Gateway {
  readonly delivery: DeliveryStats = { sent: 0, skipped: 0, throttled: 0, disconnectedSlow: 0, disconnectedDead: 0 };
  readonly fanout: Fanout;
  readonly monitor: PipelineMonitor;
  readonly groupId: string;
  readonly clients = new Set<Client>();
  private readonly options: GatewayOptions;
  private readonly now: () => number;
  private readonly perAddress = new Map<string, number>();
  private readonly wss: WebSocketServer;
  private readonly server: Server;
  private readonly timers: NodeJS.Timeout[] = [];
  private subscription: BusSubscription | undefined;
  private lagSource: LagSource | undefined;
  private lagEntries: LagEntry[] = [];
  private lagPending = false;
  private sessions: SessionSummary[] = [];
  private sessionsKey = "";
  private sessionsBytes: Buffer = Buffer.from(JSON.stringify({ type: "sessions", sessions: [] }));
  private boundPort = 0;

  constructor(options: GatewayOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.fanout = new Fanout(this.delivery, this.now);
    this.groupId = `slipstream-gateway-${options.gatewayId.replace(/[^\w.-]/g, "_")}-${randomUUID().slice(0, 8)}`;
    this.monitor = new PipelineMonitor(options.gatewayId, `${options.topicPrefix}.raw`, this.now);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxInboundBytes, clientTracking: false });
    const files = options.staticDir ? staticFiles(options.staticDir) : undefined;
    this.server = createServer((req, res) => {
      if (files) files(req, res);
      else res.writeHead(404).end();
    });
    this.server.on("upgrade", (req, socket: Socket, head) => this.upgrade(req, socket, head));
  }

  get port(): number {
    return this.boundPort;
  }

  get sessionList(): readonly SessionSummary[] {
    return this.sessions;
  }

  async start(): Promise<number> {
    const { bus, topicPrefix, topicPartitions, topicRetentionMs } = this.options;
    const topics = KINDS.map((k) => derivedTopic(topicPrefix, k));
    await bus.ensureTopics(
      topics.map((topic) => ({ topic, partitions: topicPartitions, retentionMs: topicRetentionMs })),
    );
    await this.pollDirectory();
    let assigned!: () => void;
    const ready = new Promise<void>((resolve) => {
      assigned = resolve;
    });
    this.subscription = await bus.subscribe({
      groupId: this.groupId,
      topics,
      fromBeginning: false,
      ephemeral: true,
      onAssigned: () => assigned(),
      onRecords: (records) => this.onRecords(records),
    });
    // Kafka starts a new group at the latest offsets when it joins: wait for that, so nothing after start is missed.
    const timeout = setTimeout(() => assigned(), 30_000);
    await ready;
    clearTimeout(timeout);
    this.lagSource = this.options.lag?.(this.groupId);
    this.every(this.options.directoryPollMs ?? 1000, () => this.pollDirectory());
    this.every(this.options.monitorIntervalMs ?? 1000, async () => this.publishMonitor());
    this.every(this.options.heartbeatMs, async () => this.beat());
    this.every(100, async () => {
      const now = this.now();
      for (const c of this.clients) c.check(now);
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", (error) =>
        reject(
          new SlipstreamError("socket-failed", `cannot listen on TCP ${this.options.host}:${this.options.port}`, {
            cause: error,
          }),
        ),
      );
      this.server.listen(this.options.port, this.options.host, () => resolve());
    });
    this.boundPort = (this.server.address() as AddressInfo).port;
    return this.boundPort;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.fanout.close();
    for (const c of this.clients) {
      c.dispose();
      c.ws.close(CLOSE_GOING_AWAY, "gateway stopping");
      setTimeout(() => c.ws.terminate(), 500).unref();
    }
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await this.subscription?.stop();
    await this.lagSource?.close();
  }

  private every(ms: number, task: () => Promise<void>): void {
    const timer = setInterval(() => {
      task().catch((error) => this.options.log.warn({ err: error }, "gateway tick failed"));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  // ---------------------------------------------------------------------------------------------- bus side

  private onRecords(records: readonly ConsumedRecord[]): void {
    const monitorTopic = derivedTopic(this.options.topicPrefix, "monitor");
    for (const r of records) {
      this.monitor.countTopic(r.topic);
      // Nobody watches this session: nothing to parse (the session topic is read for the player car).
      if (r.topic !== monitorTopic && !r.topic.endsWith(".sessions") && !this.fanout.hasSubscribers(r.key)) continue;
      const bytes = Buffer.isBuffer(r.value)
        ? r.value
        : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
      let message: DerivedMessage;
      try {
        message = JSON.parse(bytes.toString("utf8"));
        if (typeof message !== "object" || message === null) throw new Error("not an object");
        if (r.topic === monitorTopic) {
          this.monitor.observe(message);
          continue;
        }
        if (typeof message.type !== "string" || typeof (message as { sessionUID?: unknown }).sessionUID !== "string")
          throw new Error("no type or session");
        const receivedAtUs = (message as { receivedAtUs?: unknown }).receivedAtUs;
        if (this.fanout.deliver(message, bytes) && typeof receivedAtUs === "number") this.monitor.sent(receivedAtUs);
      } catch {
        this.monitor.reject("bad-record");
      }
    }
  }

  private async pollDirectory(): Promise<void> {
    const entries = await this.options.store.liveSessions(this.now());
    const sessions = entries.map(sessionSummary);
    this.sessions = sessions;
    // updatedAtMs moves every second: the list goes again when a session comes, goes or changes, and every few
    // seconds while they are live, so a page's "updated Xs ago" stays true without a message per heartbeat.
    const key = JSON.stringify(
      sessions.map((s) => ({ ...s, updatedAtMs: Math.floor(s.updatedAtMs / SESSIONS_REFRESH_MS) })),
    );
    this.fanout.forgetExcept(new Set(sessions.map((s) => s.sessionUID)));
    if (key === this.sessionsKey) return;
    this.sessionsKey = key;
    this.sessionsBytes = Buffer.from(JSON.stringify({ type: "sessions", sessions }));
    for (const c of this.clients) c.offer("sessions", this.sessionsBytes);
  }

  private async publishMonitor(): Promise<void> {
    const watchers = [...this.clients].filter((c) => c.monitor);
    if (watchers.length > 0) this.refreshLag();
    const message = this.monitor.build(
      this.lagEntries,
      this.sessions,
      {
        clients: this.clients.size,
        skipped: this.delivery.skipped,
        disconnectedSlow: this.delivery.disconnectedSlow,
      },
      {
        "gateway.skipped": this.delivery.skipped,
        "gateway.slow-disconnect": this.delivery.disconnectedSlow,
        "gateway.dead-peer": this.delivery.disconnectedDead,
      },
    );
    if (watchers.length === 0) return;
    const bytes = Buffer.from(JSON.stringify(message));
    for (const c of watchers) c.offer("pipeline", bytes);
  }

  /** One lag query at a time; the monitor shows the latest answer. */
  private refreshLag(): void {
    if (!this.lagSource || this.lagPending) return;
    this.lagPending = true;
    this.lagSource
      .lag()
      .then((entries) => {
        this.lagEntries = entries;
      })
      .catch((error) => this.options.log.debug({ err: error }, "consumer lag unavailable"))
      .finally(() => {
        this.lagPending = false;
      });
  }

  private async beat(): Promise<void> {
    const beat = Buffer.from(JSON.stringify({ type: "heartbeat", atMs: this.now() }));
    for (const c of this.clients) {
      if (!c.alive) {
        // No pong since the last ping: a dead peer (its TCP may never say so).
        this.delivery.disconnectedDead++;
        c.dispose();
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
      c.sendNow(beat);
    }
  }

  // ---------------------------------------------------------------------------------------------- client side

  private refuse(socket: Socket, status: number, text: string, reason: string): void {
    this.monitor.reject(reason);
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroySoon?.();
  }

  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on("error", () => {});
    let path: string;
    try {
      path = new URL(req.url ?? "/", "http://gateway").pathname;
    } catch {
      path = "";
    }
    if (path !== WEB_SOCKET_PATH) {
      this.refuse(socket, 404, "Not Found", "bad-path");
      return;
    }
    if (!originAllowed(req.headers.origin, req.headers.host, this.options.allowedOrigins)) {
      this.refuse(socket, 403, "Forbidden", "origin");
      return;
    }
    const address = socket.remoteAddress ?? "unknown";
    const count = this.perAddress.get(address) ?? 0;
    const max = this.options.maxConnectionsPerAddress;
    if (max > 0 && count >= max) {
      this.refuse(socket, 429, "Too Many Requests", "too-many-connections");
      return;
    }
    this.perAddress.set(address, count + 1);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      const n = (this.perAddress.get(address) ?? 1) - 1;
      if (n <= 0) this.perAddress.delete(address);
      else this.perAddress.set(address, n);
    };
    socket.once("close", release);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws, address, release));
  }

  private connected(ws: WebSocket, address: string, release: () => void): void {
    const client = new Client(ws, address, this.options, this.delivery, this.now, INBOUND_BURST);
    this.clients.add(client);
    ws.on("pong", () => {
      client.alive = true;
    });
    ws.on("message", (data, isBinary) => this.inbound(client, data as Buffer, isBinary));
    ws.on("error", (error: Error & { code?: string }) => {
      this.monitor.reject(error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" ? "too-large" : "protocol-error");
    });
    ws.on("close", () => {
      this.fanout.remove(client);
      client.dispose();
      this.clients.delete(client);
      release();
    });
    const welcome: WelcomeMessage = {
      type: "welcome",
      v: WEB_PROTOCOL_VERSION,
      gatewayId: this.options.gatewayId,
      heartbeatMs: this.options.heartbeatMs,
      atMs: this.now(),
      maxInboundBytes: this.options.maxInboundBytes,
      rateCapsHz: this.options.rateCapsHz,
    };
    client.sendNow(JSON.stringify(welcome));
    client.offer("sessions", this.sessionsBytes);
  }

  private error(client: Client, code: ErrorMessage["code"], message: string): void {
    const error: ErrorMessage = { type: "error", code, message };
    client.sendNow(JSON.stringify(error));
  }

  private inbound(client: Client, data: Buffer, isBinary: boolean): void {
    if (client.closed) return;
    const now = this.now();
    client.tokens = Math.min(INBOUND_BURST, client.tokens + ((now - client.tokensAtMs) / 1000) * INBOUND_PER_SECOND);
    client.tokensAtMs = now;
    if (client.tokens < 1) {
      this.monitor.reject("rate-limited");
      this.error(client, "rate-limited", `at most ${INBOUND_PER_SECOND} messages a second`);
      return;
    }
    client.tokens--;
    if (isBinary) {
      this.monitor.reject("binary");
      this.error(client, "bad-message", "binary frames are not part of the protocol: send JSON text");
      return;
    }
    const checked = validateClientMessage(data.toString("utf8"));
    if (!checked.ok) {
      this.monitor.reject(checked.reason);
      this.error(client, "bad-message", checked.detail);
      return;
    }
    try {
      this.handle(client, checked.message);
    } catch (error) {
      this.monitor.reject("internal");
      this.options.log.warn({ err: error }, "gateway: handling a client message failed");
    }
  }

  private handle(client: Client, message: ClientMessage): void {
    switch (message.type) {
      case "subscribe": {
        this.subscribe(client, message);
        return;
      }
      case "unsubscribe":
        this.fanout.remove(client);
        client.generation++;
        client.subscription = undefined;
        client.loading = false;
        client.resetStream();
        return;
      case "monitor": {
        const token = this.options.monitorToken;
        if (token !== undefined && !sameToken(message.token, token)) {
          this.monitor.reject("forbidden");
          this.error(client, "forbidden", "the pipeline monitor needs the gateway's monitor token");
          return;
        }
        client.monitor = true;
        return;
      }
      case "latency":
        this.monitor.latency(message);
        return;
      case "trace":
      case "leaderboard":
        return void answerRequest(this.options.store, message).then(
          (reply) => client.sendNow(JSON.stringify(reply)),
          (error: unknown) => {
            this.options.log.debug({ err: error }, "gateway: request failed");
            this.error(client, "unavailable", "the live state store did not answer");
          },
        );
    }
  }

  private subscribe(client: Client, request: Extract<ClientMessage, { type: "subscribe" }>): void {
    this.fanout.remove(client);
    client.resetStream();
    const generation = ++client.generation;
    const caps = this.options.rateCapsHz;
    const interval = (channel: "positions" | "tower" | "telemetry") => {
      const cap = caps[channel];
      const max = request.maxRateHz;
      const hz = cap === 0 ? (max ?? 0) : Math.min(cap, max ?? cap);
      return hz > 0 ? 1000 / hz : 0;
    };
    client.subscription = {
      sessionUID: request.sessionUID,
      channels: new Set(request.channels),
      carIndex: request.carIndex,
      intervalMs: { positions: interval("positions"), tower: interval("tower"), telemetry: interval("telemetry") },
    };
    // Live messages from now on wait behind the snapshot (ids make what both carry recognisable).
    client.loading = true;
    this.fanout.add(client);
    const uid = request.sessionUID;
    loadSnapshot(this.options.store, uid)
      .then((snapshot) => {
        if (generation !== client.generation) return;
        if (snapshot?.session) this.fanout.learn(snapshot.session);
        if (!snapshot && !this.sessions.some((s) => s.sessionUID === uid)) {
          this.fanout.remove(client);
          client.subscription = undefined;
          client.resetStream();
          return this.error(client, "unknown-session", "no such live session");
        }
        client.sendNow(
          JSON.stringify(snapshot ?? { type: "snapshot", sessionUID: uid, laps: [], events: [], leaderboard: [] }),
        );
      })
      .catch((error: unknown) => {
        if (generation !== client.generation) return;
        this.options.log.debug({ err: error }, "gateway: snapshot unavailable");
        this.error(
          client,
          "unavailable",
          "the live state store did not answer: live updates follow without a snapshot",
        );
      })
      .finally(() => {
        if (generation !== client.generation) return;
        client.loading = false;
        client.pump();
      });
  }
}

/** Compared by content at a fixed cost, so its length and prefix cannot be probed by timing. */
function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
