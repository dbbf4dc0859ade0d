import type { LeaderboardReply, LeaderboardRequest, TraceReply, TraceRequest } from "../protocol/web.ts";
import type { LiveStateStore } from "../state/types.ts";
import { leaderboardRow } from "./snapshot.ts";

/** The part of the live state store that answers requests. */
export type Requests = Pick<LiveStateStore, "leaderboard" | "readLapTrace" | "readBoardTrace">;

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
  const trace =
    s.kind === "session"
      ? await store.readLapTrace(s.sessionUID, s.carIndex, s.lap)
      : await store.readBoardTrace({ game: s.game, trackId: s.trackId }, s.driver);
  return { type: "trace-reply", requestId: request.requestId, trace };
}
