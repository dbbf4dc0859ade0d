import type { LapTraceMessage } from "../protocol/derived.ts";
import type { LeaderboardReply, LeaderboardRequest, TraceReply, TraceRequest } from "../protocol/web.ts";
import type { BoardKey, LiveStateStore } from "../state/types.ts";
import { leaderboardRow } from "./snapshot.ts";

/**
 * The store's lap-trace reads (added to LiveStateStore alongside the traces topic); optional here so a store
 * without them answers "no trace" instead of failing.
 */
export type Requests = LiveStateStore & {
  readLapTrace?(sessionUID: string, carIndex: number, lap: number): Promise<unknown>;
  readBoardTrace?(board: BoardKey, driver: string): Promise<unknown>;
};

function asTrace(v: unknown): LapTraceMessage | undefined {
  return typeof v === "object" && v !== null && (v as { type?: unknown }).type === "trace"
    ? (v as LapTraceMessage)
    : undefined;
}

/** Answers a trace or leaderboard request from the live state store. */
export async function answerRequest(
  store: Requests,
  request: TraceRequest | LeaderboardRequest,
): Promise<TraceReply | LeaderboardReply> {
  if (request.type === "leaderboard") {
    const rows = await store.leaderboard({ game: request.game, trackId: request.trackId }, request.count ?? 10);
    return { type: "leaderboard-reply", requestId: request.requestId, rows: rows.map(leaderboardRow) };
  }
  const s = request.source;
  const found =
    s.kind === "session"
      ? await store.readLapTrace?.(s.sessionUID, s.carIndex, s.lap)
      : await store.readBoardTrace?.({ game: s.game, trackId: s.trackId }, s.driver);
  return { type: "trace-reply", requestId: request.requestId, trace: asTrace(found) };
}
