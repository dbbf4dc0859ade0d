import type { CarsMessage, EventMessage, LapMessage, SessionMessage } from "../protocol/derived.ts";
import type { LeaderboardRow, SessionSummary, SnapshotMessage } from "../protocol/web.ts";
import type { LeaderboardEntry, LiveStateStore, SessionDirectoryEntry } from "../state/types.ts";

const RECENT_EVENTS = 50;
const LEADERBOARD_ROWS = 10;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function ofType<T>(v: unknown, type: string): T | undefined {
  return isObj(v) && v.type === type ? (v as T) : undefined;
}

function listOf<T>(v: unknown, type: string): T[] {
  return Array.isArray(v) ? v.filter((x) => ofType<T>(x, type) !== undefined) : [];
}

/**
 * What a new subscriber gets first, from the live state store (the processor's SessionSnapshot, the session's
 * recent events, the track's leaderboard). Undefined when the store knows nothing of the session.
 */
export async function loadSnapshot(store: LiveStateStore, sessionUID: string): Promise<SnapshotMessage | undefined> {
  const [stored, recent] = await Promise.all([
    store.readSnapshot(sessionUID),
    store.recentEvents(sessionUID, RECENT_EVENTS),
  ]);
  if (stored === undefined && recent.length === 0) return undefined;
  const snap = isObj(stored) ? stored : {};
  const session = ofType<SessionMessage>(snap.session, "session");
  const events = new Map<string, EventMessage>();
  for (const e of [...listOf<EventMessage>(snap.events, "event"), ...listOf<EventMessage>(recent, "event")]) {
    events.set(String(e.id), e);
  }
  const leaderboard = session
    ? await store.leaderboard({ game: session.packetFormat, trackId: session.trackId }, LEADERBOARD_ROWS)
    : [];
  return {
    type: "snapshot",
    sessionUID,
    session,
    cars: ofType<CarsMessage>(snap.cars, "cars"),
    laps: listOf<LapMessage>(snap.laps, "lap"),
    events: [...events.values()].sort((a, b) => (a.sessionTimeMs ?? 0) - (b.sessionTimeMs ?? 0)),
    leaderboard: leaderboard.map(leaderboardRow),
  };
}

/** A board entry as the browser sees it: the lap's identity from the details the processor stored with it. */
export function leaderboardRow(entry: LeaderboardEntry): LeaderboardRow {
  const d = entry.details;
  const sectors = Array.isArray(d.sectorsMs) ? d.sectorsMs.map((s) => (typeof s === "number" ? s : null)) : undefined;
  return {
    driver: entry.driver,
    lapTimeMs: entry.lapTimeMs,
    sessionUID: typeof d.sessionUID === "string" ? d.sessionUID : undefined,
    carIndex: typeof d.carIndex === "number" ? d.carIndex : undefined,
    lap: typeof d.lap === "number" ? d.lap : undefined,
    sectorsMs: sectors,
  };
}

/** A directory entry as the session list shows it; fields of the wrong type are left out. */
export function sessionSummary(entry: SessionDirectoryEntry): SessionSummary {
  const i = entry.info;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  return {
    sessionUID: entry.sessionUID,
    track: str(i.track),
    trackId: num(i.trackId),
    sessionType: str(i.sessionType),
    packetFormat: num(i.packetFormat),
    sources: Array.isArray(i.sources) ? i.sources.filter((s): s is string => typeof s === "string") : undefined,
    cars: num(i.numActiveCars),
    updatedAtMs: entry.updatedAtMs,
  };
}
