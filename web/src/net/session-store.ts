// What the client knows about one session, from the snapshot and the live messages after it. Shared by the fan
// and driver views. Everything from the wire is kept as data; views render it as text.
import type {
  CarState,
  EventMessage,
  LapMessage,
  LapTraceMessage,
  Participant,
  SessionMessage,
  TelemetryMessage,
} from "../../../bridge/protocol/derived.ts";
import type { LeaderboardRow, ServerMessage } from "../../../bridge/protocol/web.ts";

const MAX_EVENTS = 200;
const MAX_LAPS = 2000;
/** Traces are ~100 kB each and every car's come: keep the latest few; older ones are asked for again if needed. */
const MAX_TRACES = 40;

export type StoreChange = "snapshot" | "session" | "cars" | "telemetry" | "lap" | "event" | "trace" | "positions";

export class SessionStore {
  session?: SessionMessage;
  readonly cars = new Map<number, CarState>();
  laps: LapMessage[] = [];
  events: EventMessage[] = [];
  leaderboard: readonly LeaderboardRow[] = [];
  readonly telemetry = new Map<number, TelemetryMessage>();
  readonly traces = new Map<string, LapTraceMessage>();
  snapshots = 0;
  private readonly eventIds = new Set<string>();
  private readonly lapIds = new Set<string>();
  private readonly listeners = new Set<(change: StoreChange, message: ServerMessage, atMs: number) => void>();

  constructor(readonly sessionUID: string) {}

  on(listener: (change: StoreChange, message: ServerMessage, atMs: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  participant(carIndex: number): Participant | undefined {
    return this.session?.participants.find((p) => p.carIndex === carIndex);
  }

  driverName(carIndex: number): string {
    return this.participant(carIndex)?.name || `Car ${carIndex + 1}`;
  }

  /** Cars in running order (position, then index). */
  order(): CarState[] {
    // Reference (ghost) cars after the field: they are not racing it.
    const rank = (c: CarState) => (c.reference ? 1000 : 0) + (c.position ?? 99);
    return [...this.cars.values()].sort((a, b) => rank(a) - rank(b) || a.carIndex - b.carIndex);
  }

  sessionBestMs(): number | undefined {
    let best: number | undefined;
    for (const c of this.cars.values()) {
      // A reference (ghost) car's lap is not the session's to beat.
      if (c.bestLapMs && !c.reference && (!best || c.bestLapMs < best)) best = c.bestLapMs;
    }
    return best;
  }

  apply(message: ServerMessage, atMs: number): void {
    if ("sessionUID" in message && message.sessionUID !== this.sessionUID) return;
    let change: StoreChange | undefined;
    switch (message.type) {
      case "snapshot":
        this.snapshots++;
        this.session = message.session;
        this.cars.clear();
        for (const c of message.cars?.cars ?? []) this.cars.set(c.carIndex, c);
        this.laps = [];
        this.lapIds.clear();
        for (const l of message.laps) this.addLap(l);
        this.events = [];
        this.eventIds.clear();
        for (const e of message.events) this.addEvent(e);
        this.leaderboard = message.leaderboard;
        change = "snapshot";
        break;
      case "session":
        this.session = message;
        change = "session";
        break;
      case "cars":
        for (const c of message.cars) this.cars.set(c.carIndex, c);
        change = "cars";
        break;
      case "telemetry":
        this.telemetry.set(message.carIndex, message);
        change = "telemetry";
        break;
      case "lap":
        if (this.addLap(message)) change = "lap";
        break;
      case "event":
        if (this.addEvent(message)) change = "event";
        break;
      case "trace":
        this.traces.set(message.id, message);
        for (const id of this.traces.keys()) {
          if (this.traces.size <= MAX_TRACES) break;
          this.traces.delete(id);
        }
        change = "trace";
        break;
      case "positions":
        change = "positions";
        break;
    }
    if (change) for (const l of this.listeners) l(change, message, atMs);
  }

  private addLap(lap: LapMessage): boolean {
    if (this.lapIds.has(lap.id)) return false;
    this.lapIds.add(lap.id);
    this.laps.push(lap);
    if (this.laps.length > MAX_LAPS) this.laps.splice(0, this.laps.length - MAX_LAPS);
    return true;
  }

  private addEvent(event: EventMessage): boolean {
    if (this.eventIds.has(event.id)) return false;
    this.eventIds.add(event.id);
    this.events.push(event);
    if (this.events.length > MAX_EVENTS) {
      for (const e of this.events.splice(0, this.events.length - MAX_EVENTS)) this.eventIds.delete(e.id);
    }
    return true;
  }
}
