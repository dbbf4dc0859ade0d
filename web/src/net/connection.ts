// One WebSocket to the gateway, kept open: reconnects with backoff (0.5 s doubling to 10 s, with jitter), treats
// 3 missed heartbeats as a dead link, and re-sends what the views asked for (subscription, monitor) after every
// reconnect, so each reconnect starts with a fresh snapshot.
import type {
  ClientMessage,
  LeaderboardReply,
  ServerMessage,
  SessionsMessage,
  TraceReply,
  WelcomeMessage,
} from "../../../bridge/protocol/web.ts";
import { WEB_SOCKET_PATH } from "../../../bridge/protocol/web.ts";

export type ConnectionStatus = "connecting" | "open" | "closed";
type Listener = (message: ServerMessage, atMs: number) => void;
type Reply = TraceReply | LeaderboardReply;

const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 10_000;
const REQUEST_TIMEOUT_MS = 10_000;

export function gatewayUrl(loc: Location = location): string {
  const scheme = loc.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${loc.host}${WEB_SOCKET_PATH}`;
}

/** Epoch milliseconds with sub-ms precision (receivedAtUs is epoch µs). */
export const epochMs = () => performance.timeOrigin + performance.now();

export class Connection {
  status: ConnectionStatus = "closed";
  welcome?: WelcomeMessage;
  /** The latest session directory, for views that mount after it came. */
  sessions?: SessionsMessage;
  reconnects = 0;
  /** The gateway's clock minus this browser's (from the welcome and heartbeats; 0 until one came). */
  serverClockOffsetMs = 0;
  private ws?: WebSocket;
  private attempt = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private watchdog?: ReturnType<typeof setInterval>;
  private lastHeardMs = 0;
  private stopped = false;
  private nextRequestId = 1;
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();
  private readonly standing = new Map<string, ClientMessage>();
  private readonly pending = new Map<number, (reply: Reply | undefined) => void>();

  constructor(private readonly url: string) {}

  start(): void {
    this.stopped = false;
    this.open();
    this.watchdog = setInterval(() => this.checkAlive(), 1000);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.watchdog);
    this.ws?.close();
  }

  onMessage(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => this.statusListeners.delete(listener);
  }

  /** A request that holds until replaced or dropped (key "session", "monitor"), re-sent after each reconnect. */
  setStanding(key: string, message: ClientMessage | undefined): void {
    if (message) this.standing.set(key, message);
    else this.standing.delete(key);
    if (message) this.send(message);
    else if (key === "session") this.send({ type: "unsubscribe" });
  }

  send(message: ClientMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  /** A trace or leaderboard request; resolves with the reply, or undefined when offline or unanswered. */
  request<T extends Reply>(make: (requestId: number) => ClientMessage): Promise<T | undefined> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      if (!this.send(make(requestId))) return resolve(undefined);
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        resolve(undefined);
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(requestId, (reply) => {
        clearTimeout(timer);
        resolve(reply as T | undefined);
      });
    });
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    for (const l of this.statusListeners) l(status);
  }

  private open(): void {
    this.setStatus("connecting");
    const ws = new WebSocket(this.url);
    this.ws = ws;
    this.lastHeardMs = Date.now();
    ws.onmessage = (event) => this.receive(event.data);
    ws.onclose = () => this.closed(ws);
    ws.onerror = () => ws.close();
  }

  private receive(data: unknown): void {
    const atMs = epochMs();
    this.lastHeardMs = Date.now();
    let message: ServerMessage;
    try {
      message = JSON.parse(String(data)) as ServerMessage;
    } catch {
      return;
    }
    if (typeof message !== "object" || message === null || typeof message.type !== "string") return;
    if (message.type === "welcome") {
      this.welcome = message;
      this.attempt = 0;
      this.setStatus("open");
      for (const m of this.standing.values()) this.send(m);
    }
    if (message.type === "sessions") this.sessions = message;
    if ((message.type === "welcome" || message.type === "heartbeat") && typeof message.atMs === "number") {
      this.serverClockOffsetMs = message.atMs - Date.now();
    }
    if (message.type === "trace-reply" || message.type === "leaderboard-reply") {
      this.pending.get(message.requestId)?.(message);
      this.pending.delete(message.requestId);
    }
    for (const l of this.listeners) l(message, atMs);
  }

  private closed(ws: WebSocket): void {
    if (this.ws !== ws) return;
    this.ws = undefined;
    for (const resolve of this.pending.values()) resolve(undefined);
    this.pending.clear();
    this.setStatus("closed");
    if (this.stopped) return;
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt++);
    this.retryTimer = setTimeout(
      () => {
        this.reconnects++;
        this.open();
      },
      base * (0.75 + Math.random() * 0.5),
    );
  }

  private checkAlive(): void {
    const heartbeatMs = this.welcome?.heartbeatMs ?? 10_000;
    if (this.ws && Date.now() - this.lastHeardMs > 3 * heartbeatMs) this.ws.close();
  }
}
