import type { CarsMessage, DerivedMessage, SessionMessage } from "../protocol/derived.ts";
import type { CarPosition, PositionsMessage } from "../protocol/web.ts";
import type { Client } from "./client.ts";

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

  add(client: Client): void {
    const uid = client.subscription?.sessionUID;
    if (uid === undefined) return;
    let set = this.bySession.get(uid);
    if (!set) {
      set = new Set();
      this.bySession.set(uid, set);
    }
    set.add(client);
  }

  remove(client: Client): void {
    const uid = client.subscription?.sessionUID;
    if (uid === undefined) return;
    const set = this.bySession.get(uid);
    set?.delete(client);
    if (set?.size === 0) this.bySession.delete(uid);
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
    let positions: Buffer | undefined;
    let sent = false;
    let forwarded = false;
    for (const c of clients) {
      const sub = c.subscription;
      if (!sub) continue;
      switch (message.type) {
        case "session":
          c.offer("session", bytes);
          break;
        case "cars":
          if (!sub.channels.has("tower") && !sub.channels.has("positions")) continue;
          if (sub.channels.has("tower")) {
            c.offer("tower", bytes, sub.intervalMs.tower);
            forwarded = true;
          }
          if (sub.channels.has("positions")) {
            positions ??= this.positions(message);
            c.offer("positions", positions, sub.intervalMs.positions);
          }
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
      if (message.type !== "cars") forwarded = true;
    }
    if (forwarded) this.stats.forwarded++;
    return sent;
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
