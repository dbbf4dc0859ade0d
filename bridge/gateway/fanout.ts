import type { CarsMessage, DerivedMessage, SessionMessage } from "../protocol/derived.ts";
import type { CarPosition, PositionsMessage } from "../protocol/web.ts";
import type { Client, DeliveryStats } from "./client.ts";
import { SharedCap } from "./shared-cap.ts";

/** The capped channels a cars message feeds. */
type CarsChannel = "tower" | "positions";
const CARS_CHANNELS: readonly CarsChannel[] = ["tower", "positions"];

/** How often each update was turned into bytes: the encode-once property, counted. */
export interface EncodeStats {
  /** Session updates the gateway serialised itself (positions: one per cars message, whoever listens). */
  encoded: number;
  /** Updates forwarded as the bus delivered them (no serialisation). */
  forwarded: number;
}

/** What the gateway keeps of a session's latest `session` message: the player car for the telemetry channel. */
interface SessionInfo {
  readonly playerCarIndex: number;
}

/**
 * Routes each derived record to the subscribers of its session, encoded once: a record's bytes go as they
 * came from the bus to every subscriber of the channel; positions are made once per cars message.
 */
export class Fanout {
  readonly stats: EncodeStats = { encoded: 0, forwarded: 0 };
  private readonly bySession = new Map<string, Set<Client>>();
  private readonly info = new Map<string, SessionInfo>();
  /** Per session, the shared rate caps of its cars channels, by `<channel>:<intervalMs>`. */
  private readonly caps = new Map<string, Map<string, { readonly channel: CarsChannel; readonly cap: SharedCap }>>();

  constructor(
    private readonly delivery: DeliveryStats,
    private readonly now: () => number = Date.now,
  ) {}

  add(client: Client): void {
    const sub = client.subscription;
    if (sub === undefined) return;
    let set = this.bySession.get(sub.sessionUID);
    if (!set) {
      set = new Set();
      this.bySession.set(sub.sessionUID, set);
    }
    if (set.has(client)) return;
    set.add(client);
    for (const channel of CARS_CHANNELS) {
      if (!sub.channels.has(channel)) continue;
      this.cap(sub.sessionUID, channel, sub.intervalMs[channel]).users++;
    }
  }

  remove(client: Client): void {
    const sub = client.subscription;
    if (sub === undefined) return;
    const set = this.bySession.get(sub.sessionUID);
    if (!set?.delete(client)) return;
    if (set.size === 0) this.bySession.delete(sub.sessionUID);
    const caps = this.caps.get(sub.sessionUID);
    for (const channel of CARS_CHANNELS) {
      const key = `${channel}:${sub.intervalMs[channel]}`;
      const cap = sub.channels.has(channel) ? caps?.get(key)?.cap : undefined;
      if (!cap || --cap.users > 0) continue;
      cap.dispose();
      caps?.delete(key);
    }
    if (caps?.size === 0) this.caps.delete(sub.sessionUID);
  }

  /** Shared rate caps alive (one per session, capped channel and interval in use). */
  get sharedCaps(): number {
    let n = 0;
    for (const caps of this.caps.values()) n += caps.size;
    return n;
  }

  /** Stops every shared cap's timer (the gateway is stopping). */
  close(): void {
    for (const caps of this.caps.values()) for (const { cap } of caps.values()) cap.dispose();
    this.caps.clear();
  }

  /** The session as a snapshot shows it (the live `session` message may be a while away). */
  learn(session: SessionMessage): void {
    if (!this.info.has(session.sessionUID)) this.info.set(session.sessionUID, playerOf(session));
  }

  hasSubscribers(sessionUID: string | null): boolean {
    return sessionUID !== null && this.bySession.has(sessionUID);
  }

  subscribers(): number {
    let n = 0;
    for (const set of this.bySession.values()) n += set.size;
    return n;
  }

  /** Drops what is kept of sessions that left the directory and have nobody watching. */
  forgetExcept(live: ReadonlySet<string>): void {
    for (const uid of this.info.keys()) if (!live.has(uid) && !this.bySession.has(uid)) this.info.delete(uid);
  }

  /** Returns true when the message went to at least one client. */
  deliver(message: DerivedMessage, bytes: Buffer): boolean {
    if (message.type === "monitor") return false;
    if (message.type === "session") this.info.set(message.sessionUID, playerOf(message));
    const clients = this.bySession.get(message.sessionUID);
    if (!clients) return false;
    if (message.type === "cars") return this.deliverCars(message, bytes);
    let sent = false;
    let forwarded = false;
    for (const c of clients) {
      const sub = c.subscription;
      if (!sub) continue;
      switch (message.type) {
        case "session":
          c.offer("session", bytes);
          break;
        case "telemetry": {
          const want = sub.carIndex ?? this.info.get(message.sessionUID)?.playerCarIndex ?? message.carIndex;
          if (!sub.channels.has("telemetry") || want !== message.carIndex) continue;
          c.offer("telemetry", bytes, sub.intervalMs.telemetry);
          break;
        }
        case "lap":
        case "event":
          if (!sub.channels.has("events")) continue;
          c.enqueue(bytes);
          break;
        case "trace":
          if (!sub.channels.has("traces")) continue;
          c.enqueue(bytes);
          break;
      }
      sent = true;
      forwarded = true;
    }
    if (forwarded) this.stats.forwarded++;
    return sent;
  }

  /**
   * The tower gets the cars record's bytes, positions are made once; each through its shared caps, which send to
   * every subscriber of the cap at once.
   */
  private deliverCars(message: CarsMessage, bytes: Buffer): boolean {
    const caps = this.caps.get(message.sessionUID);
    if (!caps) return false;
    let positions: Buffer | undefined;
    let forwarded = false;
    for (const { channel, cap } of caps.values()) {
      if (channel === "tower") {
        cap.offer(bytes);
        forwarded = true;
        continue;
      }
      positions ??= this.positions(message);
      cap.offer(positions);
    }
    if (forwarded) this.stats.forwarded++;
    return caps.size > 0;
  }

  /** The shared cap of a session's channel at an interval, made on first use. */
  private cap(sessionUID: string, channel: CarsChannel, intervalMs: number): SharedCap {
    let caps = this.caps.get(sessionUID);
    if (!caps) {
      caps = new Map();
      this.caps.set(sessionUID, caps);
    }
    const key = `${channel}:${intervalMs}`;
    let entry = caps.get(key);
    if (!entry) {
      const cap = new SharedCap(
        intervalMs,
        this.now,
        (data) => {
          for (const c of this.bySession.get(sessionUID) ?? []) {
            const sub = c.subscription;
            if (sub?.channels.has(channel) && sub.intervalMs[channel] === intervalMs) c.offer(channel, data);
          }
        },
        (users) => {
          this.delivery.throttled += users;
        },
      );
      entry = { channel, cap };
      caps.set(key, entry);
    }
    return entry.cap;
  }

  private positions(cars: CarsMessage): Buffer {
    const list: CarPosition[] = [];
    for (const car of cars.cars) {
      if (typeof car.x !== "number" || typeof car.z !== "number") continue;
      list.push([car.carIndex, car.x, car.y ?? 0, car.z, car.yaw ?? 0, car.speedKmh ?? 0]);
    }
    const message: PositionsMessage = {
      type: "positions",
      sessionUID: cars.sessionUID,
      sessionTimeMs: cars.sessionTimeMs,
      receivedAtUs: cars.receivedAtUs,
      cars: list,
    };
    this.stats.encoded++;
    return Buffer.from(JSON.stringify(message));
  }
}

function playerOf(session: SessionMessage): SessionInfo {
  return { playerCarIndex: session.playerCarIndex };
}
