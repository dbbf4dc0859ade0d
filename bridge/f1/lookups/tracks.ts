// Track ids (Session packet m_trackId), the same numbering in every format 2018-2026 (ids only ever added; 42, Madrid, is
// the 2026 Season Pack's).
// Table: tracks.generated.ts, generated from data/tracks/track-ids.json (EA F1 23 and F1 25 appendices).
import { lookup } from "./lookup.ts";
import { TRACKS } from "./tracks.generated.ts";

export { TRACKS };
export type TrackId = keyof typeof TRACKS;

/** m_trackId is an int8; -1 means the track is unknown. */
export const TRACK_ID_UNKNOWN = -1;

export function trackName(trackId: number): string | undefined {
  return lookup(TRACKS, trackId)?.name;
}
