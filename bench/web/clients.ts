// WebSocket clients for the web benchmarks, run as a child process (so their work does not take the server's
// CPU) and driven over IPC. Each connection is a minimal RFC 6455 client on a plain TCP socket (handshake, frame
// parser, masked sends, pong): thousands of them cost the client process far less than `ws` clients would, and
// the same client serves the gateway and the bare baseline alike. Latency per message = the time its bytes were
// read from the socket (µs since epoch, high-resolution clock) minus the stamp the message carries
// (`receivedAtUs`: the bridge's receive time, or the fan-out feed's send time). Stamped messages are not parsed
// as JSON: the type and the stamp are found in the bytes. Everything else (welcome, sessions, snapshot) is.
//
// IPC, parent -> child: {cmd:"connect", url, count, sessions?, channels?} (opens `count` more connections; when
// `sessions` is given, connection i subscribes to sessions[i % n] once the gateway lists it), {cmd:"window",
// fromUs, toUs} (forget what was measured; from now on count messages stamped in [fromUs, toUs)), {cmd:"report"},
// {cmd:"exit"}. Child -> parent: {ev:"connected", ...}, {ev:"report", ...}.
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import { epochMicros, LatencyHistogram } from "./latency-histogram.ts";

export type Kind = "positions" | "tower" | "telemetry" | "other";
export const KINDS: readonly Kind[] = ["positions", "tower", "telemetry", "other"];

export interface ConnectCommand {
  readonly cmd: "connect";
  readonly url: string;
  readonly count: number;
  readonly sessions?: readonly string[];
  readonly channels?: readonly string[];
  /** How long to wait for every new connection to be ready (subscribed and snapshot received). */
  readonly timeoutMs?: number;
}

export interface ClientsReport {
  readonly ev: "report";
  readonly kinds: Record<Kind, { pairs: number[]; count: number; maxUs: number }>;
  readonly open: number;
  readonly closed: number;
  /** CPU time of this process since the window was set, ms, and the wall time. */
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly errors: readonly string[];
}

const STAMP = Buffer.from('"receivedAtUs":');
const TYPE = Buffer.from('"type":"');
const POSITIONS = Buffer.from("positions");
const CARS = Buffer.from("cars");
const TELEMETRY = Buffer.from("telemetry");

const histograms: Record<Kind, LatencyHistogram> = {
  positions: new LatencyHistogram(),
  tower: new LatencyHistogram(),
  telemetry: new LatencyHistogram(),
  other: new LatencyHistogram(),
};
let windowFromUs = Number.POSITIVE_INFINITY;
let windowToUs = Number.NEGATIVE_INFINITY;
let windowCpu = process.cpuUsage();
let windowWall = performance.now();
let open = 0;
let closed = 0;
const errors: string[] = [];
const connections: Connection[] = [];

function kindOf(payload: Buffer): Kind {
  const t = payload.indexOf(TYPE);
  if (t < 0) return "other";
  const at = t + TYPE.length;
  if (payload.compare(POSITIONS, 0, POSITIONS.length, at, at + POSITIONS.length) === 0) return "positions";
  if (payload.compare(CARS, 0, CARS.length, at, at + CARS.length) === 0 && payload[at + CARS.length] === 0x22)
    return "tower";
  if (payload.compare(TELEMETRY, 0, TELEMETRY.length, at, at + TELEMETRY.length) === 0) return "telemetry";
  return "other";
}

/** The digits after `"receivedAtUs":`, or -1. */
function stampOf(payload: Buffer): number {
  const i = payload.indexOf(STAMP);
  if (i < 0) return -1;
  let v = 0;
  for (let j = i + STAMP.length; j < payload.length; j++) {
    const c = payload[j] as number;
    if (c < 0x30 || c > 0x39) break;
    v = v * 10 + (c - 0x30);
  }
  return v;
}

/** A masked client frame (RFC 6455 5.3). */
function frame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const len = payload.length;
  const head = len < 126 ? 2 : len < 65536 ? 4 : 10;
  const out = Buffer.alloc(head + 4 + len);
  out[0] = 0x80 | opcode;
  if (len < 126) out[1] = 0x80 | len;
  else if (len < 65536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(len, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(len), 2);
  }
  mask.copy(out, head);
  for (let i = 0; i < len; i++) out[head + 4 + i] = (payload[i] as number) ^ (mask[i & 3] as number);
  return out;
}

class Connection {
  ready = false;
  private upgraded = false;
  private pending: Buffer | undefined;
  private subscribed = false;
  private readonly socket: Socket;

  constructor(
    url: URL,
    private readonly session: string | undefined,
    private readonly channels: readonly string[],
    private readonly onReady: () => void,
  ) {
    this.socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
    this.socket.on("connect", () => {
      const key = randomBytes(16).toString("base64");
      this.socket.write(
        `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    this.socket.on("data", (chunk: Buffer) => this.data(chunk, epochMicros()));
    this.socket.on("error", (error) => {
      if (errors.length < 20) errors.push(String(error));
    });
    this.socket.on("close", () => {
      if (this.upgraded) {
        open--;
        closed++;
      }
    });
  }

  send(text: string): void {
    this.socket.write(frame(1, Buffer.from(text)));
  }

  close(): void {
    this.socket.destroy();
  }

  private data(chunk: Buffer, atUs: number): void {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    if (!this.upgraded) {
      const end = buf.indexOf("\r\n\r\n");
      if (end < 0) {
        this.pending = buf;
        return;
      }
      const head = buf.subarray(0, end).toString("latin1");
      if (!head.startsWith("HTTP/1.1 101")) {
        if (errors.length < 20) errors.push(`handshake: ${head.split("\r\n")[0]}`);
        this.socket.destroy();
        return;
      }
      this.upgraded = true;
      open++;
      if (this.session === undefined) this.markReady();
      buf = buf.subarray(end + 4);
    }
    let at = 0;
    while (buf.length - at >= 2) {
      const b0 = buf[at] as number;
      const b1 = buf[at + 1] as number;
      let len = b1 & 0x7f;
      let head = 2;
      if (len === 126) {
        if (buf.length - at < 4) break;
        len = buf.readUInt16BE(at + 2);
        head = 4;
      } else if (len === 127) {
        if (buf.length - at < 10) break;
        len = Number(buf.readBigUInt64BE(at + 2));
        head = 10;
      }
      if (buf.length - at < head + len) break;
      const payload = buf.subarray(at + head, at + head + len);
      at += head + len;
      const opcode = b0 & 0x0f;
      if (opcode === 1) this.message(payload, atUs);
      else if (opcode === 9) this.socket.write(frame(10, Buffer.from(payload)));
      else if (opcode === 8) this.socket.end();
    }
    if (at < buf.length) this.pending = Buffer.from(buf.subarray(at));
  }

  private message(payload: Buffer, atUs: number): void {
    const stamp = stampOf(payload);
    const kind = kindOf(payload);
    if (stamp > 0 && kind !== "other") {
      if (stamp >= windowFromUs && stamp < windowToUs) histograms[kind].add(atUs - stamp);
      return;
    }
    // A control message: rare, parsed.
    let m: { type?: string; sessions?: { sessionUID: string }[]; code?: string; message?: string };
    try {
      m = JSON.parse(payload.toString("utf8"));
    } catch {
      return;
    }
    if (m.type === "sessions" && this.session !== undefined && !this.subscribed) {
      if (m.sessions?.some((s) => s.sessionUID === this.session)) {
        this.subscribed = true;
        this.send(JSON.stringify({ type: "subscribe", sessionUID: this.session, channels: this.channels }));
      }
    } else if (m.type === "snapshot") {
      this.markReady();
    } else if (m.type === "error") {
      if (errors.length < 20) errors.push(`gateway: ${m.code} ${m.message}`);
      // Unknown session (not live yet in the store): try again with the next session list.
      if (m.code === "unknown-session") this.subscribed = false;
    }
  }

  private markReady(): void {
    if (this.ready) return;
    this.ready = true;
    this.onReady();
  }
}

async function connectMany(command: ConnectCommand): Promise<void> {
  const url = new URL(command.url);
  const sessions = command.sessions ?? [];
  const channels = command.channels ?? [];
  let ready = 0;
  const started = connections.length;
  const target = command.count;
  // At most this many handshakes at once: the server's accept backlog is finite.
  const inFlight = 100;
  const deadline = performance.now() + (command.timeoutMs ?? 60_000);
  let opened = 0;
  await new Promise<void>((resolve) => {
    const more = () => {
      while (opened < target && opened - ready < inFlight) {
        const i = started + opened;
        const session = sessions.length > 0 ? sessions[i % sessions.length] : undefined;
        connections.push(
          new Connection(url, session, channels, () => {
            ready++;
            if (ready >= target) resolve();
            else more();
          }),
        );
        opened++;
      }
    };
    more();
    const timer = setInterval(() => {
      if (performance.now() > deadline || ready >= target) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
  });
  process.send?.({ ev: "connected", ready, requested: target, open, total: connections.length });
}

process.on("message", async (message: { cmd: string } & Record<string, unknown>) => {
  switch (message.cmd) {
    case "connect":
      await connectMany(message as unknown as ConnectCommand);
      return;
    case "window":
      for (const k of KINDS) histograms[k].reset();
      windowFromUs = message.fromUs as number;
      windowToUs = message.toUs as number;
      windowCpu = process.cpuUsage();
      windowWall = performance.now();
      return;
    case "report": {
      const cpu = process.cpuUsage(windowCpu);
      const report: ClientsReport = {
        ev: "report",
        kinds: {
          positions: histograms.positions.toSparse(),
          tower: histograms.tower.toSparse(),
          telemetry: histograms.telemetry.toSparse(),
          other: histograms.other.toSparse(),
        },
        open,
        closed,
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: performance.now() - windowWall,
        errors: errors.splice(0),
      };
      process.send?.(report);
      return;
    }
    case "exit":
      for (const c of connections) c.close();
      process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));
process.send?.({ ev: "started" });
