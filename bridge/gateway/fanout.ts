import type { CarsMessage, DerivedMessage, SessionMessage } from "../protocol/derived.ts";
import type { CarPosition, PositionsMessage } from "../protocol/web.ts";
import { CappedSlot } from "./capped-slot.ts";
import type { Client, DeliveryStats } from "./client.ts";

/** The capped channels a cars message feeds. */
type CarsChannel = "tower" | "positions";
const CARS_CHANNELS: readonly CarsChannel[] = ["tower", "positions"];

/** A cap shared by a session's subscribers of one channel at one interval, and how many use it. */
interface SharedCap {
  readonly channel: CarsChannel;
  readonly slot: CappedSlot<Buffer>;
  users: number;
}

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
  /**
   * Per session, the rate caps of its cars channels, by `<channel>:<intervalMs>`: decided once per message for
   * every subscriber at that interval (a cap and a timer per client were most of the gateway's own work at
   * thousands of fans), and what passes goes to them all in one pass, like a broadcast loop. A client's own slot
   * then only holds the newest while its socket is congested.
   */
  private readonly caps = new Map<string, Map<string, SharedCap>>();

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
      const cap = sub.channels.has(channel) ? caps?.get(key) : undefined;
      if (!cap || --cap.users > 0) continue;
      cap.slot.dispose();
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
    for (const caps of this.caps.values()) for (const { slot } of caps.values()) slot.dispose();
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

  /** The tower gets the cars record's bytes, positions are made once; each through its shared caps. */
  private deliverCars(message: CarsMessage, bytes: Buffer): boolean {
    const caps = this.caps.get(message.sessionUID);
    if (!caps) return false;
    let positions: Buffer | undefined;
    let forwarded = false;
    for (const cap of caps.values()) {
      let data = bytes;
      if (cap.channel === "positions") {
        positions ??= this.positions(message);
        data = positions;
      } else forwarded = true;
      // A message replaced while it waited reached none of the cap's subscribers.
      if (cap.slot.offer(data)) this.delivery.throttled += cap.users;
      cap.slot.release();
    }
    if (forwarded) this.stats.forwarded++;
    return true;
  }

  /** The shared cap of a session's channel at an interval, made on first use. */
  private cap(sessionUID: string, channel: CarsChannel, intervalMs: number): SharedCap {
    let caps = this.caps.get(sessionUID);
    if (!caps) {
      caps = new Map();
      this.caps.set(sessionUID, caps);
    }
    const key = `${channel}:${intervalMs}`;
    let cap = caps.get(key);
    if (!cap) {
      const slot = new CappedSlot<Buffer>(intervalMs, this.now, (data) => {
        for (const c of this.bySession.get(sessionUID) ?? []) {
          const sub = c.subscription;
          if (sub?.channels.has(channel) && sub.intervalMs[channel] === intervalMs) c.offer(channel, data);
        }
      });
      cap = { channel, slot, users: 0 };
      caps.set(key, cap);
    }
    return cap;
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
