/**
 * A car's whole session as a chain of pieces: stretches of a shared speed profile driven with a time scale (a
 * slower lap is the same lap with its clock stretched: every speed divided by k, so motion stays consistent), and
 * stops. Arc positions are "race arc": metres along the track since the start line at the start of lap 1, so lap j
 * covers [(j - 1) x arcM, j x arcM) and a grid slot is negative.
 */
import { type Profile, stateAtTime, timeAtArc } from "./speed-profile.ts";

export type PieceKind = "grid" | "garage" | "start" | "flying" | "in" | "out" | "box" | "cool" | "to-box";

export interface Piece {
  readonly kind: PieceKind;
  /** Undefined: standing still for the piece's duration. */
  readonly profile: Profile | undefined;
  /** Grid indices of the profile driven, i0 to i1. */
  readonly i0: number;
  readonly i1: number;
  /** Session seconds at the start and end. */
  readonly t0: number;
  readonly t1: number;
  /** Time scale: seconds on this piece per second of the profile. */
  readonly k: number;
  /** Race arc at the start and end. */
  readonly arc0: number;
  readonly arc1: number;
  readonly lap: number;
}

/** A piece driving profile indices i0..i1 from t0 and race arc arc0. */
export function drive(
  kind: PieceKind,
  profile: Profile,
  i0: number,
  i1: number,
  t0: number,
  k: number,
  arc0: number,
  lap: number,
): Piece {
  const t1 = t0 + ((profile.t[i1] as number) - (profile.t[i0] as number)) * k;
  return { kind, profile, i0, i1, t0, t1, k, arc0, arc1: arc0 + (i1 - i0) * profile.step, lap };
}

export function stand(kind: PieceKind, t0: number, t1: number, arc: number, lap: number): Piece {
  return { kind, profile: undefined, i0: 0, i1: 0, t0, t1, k: 1, arc0: arc, arc1: arc, lap };
}

/** Session seconds when the car reaches race arc `arc` on this piece (which must cover it). */
export function timeOnPiece(p: Piece, arc: number): number {
  if (!p.profile) return p.t0;
  const rel = arc - p.arc0 + p.i0 * p.profile.step;
  return p.t0 + (timeAtArc(p.profile, rel) - (p.profile.t[p.i0] as number)) * p.k;
}

/** When the car first reaches race arc `arc` (undefined: beyond its path). */
export function timeAtArc0(pieces: readonly Piece[], arc: number): number | undefined {
  let lo = 0;
  let hi = pieces.length - 1;
  // The first piece whose end is at or beyond arc.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pieces[mid] as Piece).arc1 < arc) lo = mid + 1;
    else hi = mid;
  }
  const p = pieces[lo];
  if (!p || p.arc1 < arc) return undefined;
  return arc <= p.arc0 ? p.t0 : timeOnPiece(p, arc);
}

export interface CarMotion {
  readonly piece: Piece;
  readonly raceArc: number;
  /** Speed m/s, longitudinal acceleration m/s^2, signed curvature 1/m. */
  readonly v: number;
  readonly a: number;
  readonly k: number;
  readonly moving: boolean;
}

/** Follows a car along its pieces as time moves forward (never backwards: the search starts where it stopped). */
export class PathCursor {
  private at = 0;
  private hint = 0;

  constructor(readonly pieces: readonly Piece[]) {}

  motionAt(t: number): CarMotion {
    const ps = this.pieces;
    while (this.at < ps.length - 1 && (ps[this.at] as Piece).t1 <= t) {
      this.at++;
      this.hint = (ps[this.at] as Piece).i0;
    }
    const piece = ps[this.at] as Piece;
    const profile = piece.profile;
    if (!profile || t >= piece.t1) {
      const end = profile ? piece.arc1 : piece.arc0;
      return { piece, raceArc: end, v: 0, a: 0, k: 0, moving: false };
    }
    const tau = (profile.t[piece.i0] as number) + Math.max(0, t - piece.t0) / piece.k;
    const s = stateAtTime(profile, tau, this.hint);
    this.hint = s.index;
    const raceArc = piece.arc0 + s.rel - piece.i0 * profile.step;
    return {
      piece,
      raceArc,
      v: s.v / piece.k,
      a: s.a / (piece.k * piece.k),
      k: s.k,
      moving: true,
    };
  }
}
