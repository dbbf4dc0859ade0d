// Inbound browser messages are untrusted: a small hand-written check per type of web.ts's ClientMessage (a schema
// library would be a second definition of the same union; this one is checked against it by the type checker).
// Never throws; a refusal names a reason the gateway counts.

import { type ClientMessage, SESSION_CHANNELS, type SessionChannel } from "./web.ts";

export type InboundRejection = "not-json" | "not-object" | "unknown-type" | "bad-field";

export type Validated =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly reason: InboundRejection; readonly detail: string };

type Obj = Record<string, unknown>;

/** A 64-bit unsigned integer in decimal, as the derived messages carry sessionUID. */
const SESSION_UID = /^\d{1,20}$/;
const MAX_TEXT = 256;

class Bad extends Error {}

function int(o: Obj, key: string, min: number, max: number, optional = false): number | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
    throw new Bad(`${key} must be a whole number from ${min} to ${max}`);
  return v;
}

function num(o: Obj, key: string, min: number, max: number, optional = false): number | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max)
    throw new Bad(`${key} must be a number from ${min} to ${max}`);
  return v;
}

function text(o: Obj, key: string, optional = false): string | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== "string" || v.length === 0 || v.length > MAX_TEXT)
    throw new Bad(`${key} must be a string of 1 to ${MAX_TEXT} characters`);
  return v;
}

function sessionUID(o: Obj): string {
  const v = o.sessionUID;
  if (typeof v !== "string" || !SESSION_UID.test(v)) throw new Bad("sessionUID must be a decimal string");
  return v;
}

function channels(o: Obj): SessionChannel[] {
  const v = o.channels;
  if (!Array.isArray(v) || v.length > SESSION_CHANNELS.length) throw new Bad("channels must be a list of channels");
  const out = new Set<SessionChannel>();
  for (const c of v) {
    if (!SESSION_CHANNELS.includes(c as SessionChannel)) throw new Bad(`channels: unknown channel`);
    out.add(c as SessionChannel);
  }
  return [...out];
}

function object(v: unknown, what: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Bad(`${what} must be an object`);
  return v as Obj;
}

const BUILD: Record<ClientMessage["type"], (o: Obj) => ClientMessage> = {
  subscribe: (o) => ({
    type: "subscribe",
    sessionUID: sessionUID(o),
    channels: channels(o),
    carIndex: int(o, "carIndex", 0, 255, true),
    maxRateHz: num(o, "maxRateHz", 0.1, 1000, true),
  }),
  unsubscribe: () => ({ type: "unsubscribe" }),
  monitor: (o) => ({ type: "monitor", token: text(o, "token", true) }),
  trace: (o) => {
    const requestId = int(o, "requestId", 0, Number.MAX_SAFE_INTEGER) as number;
    const s = object(o.source, "source");
    if (s.kind === "session") {
      const source = {
        kind: "session" as const,
        sessionUID: sessionUID(s),
        carIndex: int(s, "carIndex", 0, 255) as number,
        lap: int(s, "lap", 0, 10_000) as number,
      };
      return { type: "trace", requestId, source };
    }
    if (s.kind === "leaderboard") {
      const source = {
        kind: "leaderboard" as const,
        game: int(s, "game", 0, 65_535) as number,
        trackId: int(s, "trackId", -1, 1000) as number,
        driver: text(s, "driver") as string,
      };
      return { type: "trace", requestId, source };
    }
    throw new Bad("source.kind must be session or leaderboard");
  },
  leaderboard: (o) => ({
    type: "leaderboard",
    requestId: int(o, "requestId", 0, Number.MAX_SAFE_INTEGER) as number,
    game: int(o, "game", 0, 65_535) as number,
    trackId: int(o, "trackId", -1, 1000) as number,
    count: int(o, "count", 1, 100, true),
  }),
  latency: (o) => ({
    type: "latency",
    samples: int(o, "samples", 0, 1_000_000) as number,
    p50Ms: num(o, "p50Ms", -60_000, 3_600_000) as number,
    p99Ms: num(o, "p99Ms", -60_000, 3_600_000) as number,
    maxMs: num(o, "maxMs", -60_000, 3_600_000) as number,
  }),
};

/** Parses and checks one text frame. Unknown extra fields are ignored (newer clients), wrong known ones refused. */
export function validateClientMessage(raw: string): Validated {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "not-json", detail: "not JSON" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return { ok: false, reason: "not-object", detail: "not a JSON object" };
  const o = parsed as Obj;
  const build =
    typeof o.type === "string" && Object.hasOwn(BUILD, o.type) ? BUILD[o.type as ClientMessage["type"]] : undefined;
  if (!build) return { ok: false, reason: "unknown-type", detail: "unknown message type" };
  try {
    return { ok: true, message: build(o) };
  } catch (error) {
    if (error instanceof Bad) return { ok: false, reason: "bad-field", detail: `${o.type}: ${error.message}` };
    throw error;
  }
}
