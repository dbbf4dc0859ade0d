import type {
  CarsMessage,
  DerivedMessage,
  EventMessage,
  LapMessage,
  LapTraceMessage,
  SessionMessage,
} from "../../protocol/derived.ts";
import type { LiveStateStore } from "../../state/types.ts";

const MAX_PENDING_LAPS = 10_000;
/** Traces are about 12 KB each: a store outage keeps the newest this many. */
const MAX_PENDING_TRACES = 2000;

/** What a viewer loads first: everything to draw the session at once, then live updates follow. */
export interface SessionSnapshot {
  readonly session?: SessionMessage;
  readonly cars?: CarsMessage;
  readonly events: readonly EventMessage[];
  /** Each car's laps so far (latest record per lap id). */
  readonly laps: readonly LapMessage[];
}

export interface StateWriterOptions {
  readonly store: LiveStateStore;
  /** A session leaves the directory this long after its last datagram. */
  readonly sessionTtlMs: number;
  readonly recentEvents: number;
  readonly onError: (operation: string, error: unknown) => void;
}

interface Live {
  session?: SessionMessage;
  cars?: CarsMessage;
  events: EventMessage[];
  laps: Map<string, LapMessage>;
  dirty: boolean;
}

/**
 * Keeps the live state store current without ever holding processing up: it remembers the latest of
 * everything per session and writes snapshots on `flush()` (called about once a second). A failed write (Redis
 * away) is counted and leaves the session dirty, so the snapshot is written again once the store is back.
 */
export class StateWriter {
  private readonly live = new Map<string, Live>();
  private readonly pendingLaps: LapMessage[] = [];
  /** By lap id: a trace published again (after a flashback) replaces the one not yet written. */
  private readonly pendingTraces = new Map<string, LapTraceMessage>();
  private readonly options: StateWriterOptions;
  private flushing: Promise<void> | undefined;
  errors = 0;

  constructor(options: StateWriterOptions) {
    this.options = options;
  }

  observe(message: DerivedMessage): void {
    if (message.type === "monitor" || message.type === "telemetry") return;
    if (message.type === "trace") {
      this.pendingTraces.delete(message.id);
      this.pendingTraces.set(message.id, message);
      if (this.pendingTraces.size > MAX_PENDING_TRACES) {
        this.pendingTraces.delete(this.pendingTraces.keys().next().value as string);
        this.failed("trace-backlog", new Error("lap trace backlog full: oldest trace dropped"));
      }
      return;
    }
    let live = this.live.get(message.sessionUID);
    if (!live) {
      live = { events: [], laps: new Map(), dirty: true };
      this.live.set(message.sessionUID, live);
    }
    live.dirty = true;
    if (message.type === "session") live.session = message;
    else if (message.type === "cars") live.cars = message;
    else if (message.type === "event") {
      live.events.push(message);
      if (live.events.length > this.options.recentEvents) live.events.shift();
    } else if (message.type === "lap") {
      live.laps.set(message.id, message);
      // A reference lap (a joined ghost) is the session's to show, not a record of who drove here.
      if (message.valid && live.session && !message.reference) {
        this.pendingLaps.push(message);
        // A long store outage keeps the newest laps for the boards, not an unbounded backlog.
        if (this.pendingLaps.length > MAX_PENDING_LAPS) {
          this.pendingLaps.shift();
          this.failed("leaderboard-backlog", new Error("leaderboard backlog full: oldest lap dropped"));
        }
      }
    }
  }

  /** Writes what changed; one flush at a time (a slow store skips ticks rather than piling them up). */
  flush(nowMs: number): Promise<void> {
    this.flushing ??= this.write(nowMs).finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  forget(sessionUID: string): void {
    this.live.delete(sessionUID);
  }

  private async write(nowMs: number): Promise<void> {
    const { store, sessionTtlMs } = this.options;
    for (const [uid, live] of this.live) {
      if (!live.dirty) continue;
      // One session per turn of the event loop: with an in-memory store every await below is already settled,
      // and 20 sessions' snapshots (JSON of every lap so far) in one go held up the datagrams for 15-20 ms.
      await new Promise((resolve) => setImmediate(resolve));
      live.dirty = false;
      const snapshot: SessionSnapshot = {
        session: live.session,
        cars: live.cars,
        events: live.events,
        laps: [...live.laps.values()],
      };
      try {
        await store.heartbeatSession(
          { sessionUID: uid, info: directoryInfo(live.session), updatedAtMs: nowMs },
          sessionTtlMs,
        );
        await store.writeSnapshot(uid, snapshot, sessionTtlMs);
      } catch (error) {
        live.dirty = true;
        this.failed("snapshot", error);
      }
    }
    while (this.pendingLaps.length > 0) {
      const lap = this.pendingLaps[0] as LapMessage;
      const session = this.live.get(lap.sessionUID)?.session;
      try {
        if (session) {
          await store.submitLap(
            { game: session.packetFormat, trackId: session.trackId },
            {
              driver: lap.driver ?? `car ${lap.carIndex}`,
              lapTimeMs: lap.timeMs,
              details: { ...lap, track: session.track },
            },
            // The lap's trace is published right after it, so it is here unless the lap was not watched whole.
            this.pendingTraces.get(lap.id),
          );
        }
        this.pendingLaps.shift();
      } catch (error) {
        this.failed("leaderboard", error);
        // Traces stay pending too: the laps still waiting for the board look theirs up there.
        return;
      }
    }
    for (const [id, trace] of this.pendingTraces) {
      try {
        await store.writeLapTrace(trace.sessionUID, trace, sessionTtlMs);
        // Unless a newer one for the same lap came in meanwhile.
        if (this.pendingTraces.get(id) === trace) this.pendingTraces.delete(id);
      } catch (error) {
        this.failed("trace", error);
        return;
      }
    }
  }

  private failed(operation: string, error: unknown): void {
    this.errors++;
    this.options.onError(operation, error);
  }
}

function directoryInfo(session: SessionMessage | undefined): Record<string, unknown> {
  if (!session) return {};
  return {
    track: session.track,
    trackId: session.trackId,
    sessionType: session.sessionType,
    packetFormat: session.packetFormat,
    gameYear: session.gameYear,
    numActiveCars: session.numActiveCars,
    sources: session.sources,
  };
}
