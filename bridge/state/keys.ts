import type { BoardKey } from "./types.ts";

/**
 * The Redis key schema, every key under one configurable prefix (default `slipstream`):
 *   <p>:sessions                      ZSET   sessionUID -> expiry (ms since epoch); the live-session directory
 *   <p>:session:<uid>:info            STRING JSON directory entry (PX = session ttl)
 *   <p>:session:<uid>:snapshot        STRING JSON snapshot for a new viewer (PX = session ttl)
 *   <p>:session:<uid>:events          LIST   newest first, JSON events, capped (PX = session ttl)
 *   <p>:session:<uid>:traces          HASH   "<carIndex>/<lap>" -> JSON lap trace (PX = session ttl, renewed with
 *                                            every snapshot write)
 *   <p>:session:<uid>:trace-order     LIST   the traces' fields, oldest first: the per-session bound (same PX)
 *   <p>:board:<game>:<trackId>        ZSET   driver -> best lap ms; a Lua script (SUBMIT_LAP in redis-store.ts)
 *                                            replaces it, with the lap and trace below, only when strictly faster
 *   <p>:board:<game>:<trackId>:lap    HASH   driver -> JSON details of that best lap
 *   <p>:board:<game>:<trackId>:trace  HASH   driver -> JSON trace of that best lap (absent if it had none)
 *   <p>:checkpoint:<name>             STRING JSON {offset, state}
 */
export function stateKeys(prefix: string) {
  return {
    sessions: `${prefix}:sessions`,
    info: (uid: string) => `${prefix}:session:${uid}:info`,
    snapshot: (uid: string) => `${prefix}:session:${uid}:snapshot`,
    events: (uid: string) => `${prefix}:session:${uid}:events`,
    traces: (uid: string) => `${prefix}:session:${uid}:traces`,
    traceOrder: (uid: string) => `${prefix}:session:${uid}:trace-order`,
    board: (b: BoardKey) => `${prefix}:board:${b.game}:${b.trackId}`,
    boardLaps: (b: BoardKey) => `${prefix}:board:${b.game}:${b.trackId}:lap`,
    boardTraces: (b: BoardKey) => `${prefix}:board:${b.game}:${b.trackId}:trace`,
    checkpoint: (name: string) => `${prefix}:checkpoint:${name}`,
  };
}

/** A trace's field in the session's traces hash. */
export function traceField(carIndex: number, lap: number): string {
  return `${carIndex}/${lap}`;
}

export type StateKeys = ReturnType<typeof stateKeys>;
