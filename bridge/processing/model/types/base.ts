// Pieces every model kind uses; see ../types.ts for the conventions.

/** [rear left, rear right, front left, front right], EA's order in every format. */
export type Wheels<T = number> = [rl: T, rr: T, fl: T, fr: T];

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** Where a packet belongs: read from the header of every format. */
export interface PacketMeta {
  /** The 64-bit session id as a decimal string (the Kafka key). */
  sessionUID: string;
  packetFormat: number;
  /** The game's last two year digits (2023+ headers); absent when 0, which F1 25 sends in its 2023 format. */
  gameYear?: number;
  /** The game's version (2019+ headers). */
  gameVersion?: { major: number; minor: number };
  /** frameIdentifier: goes back after a flashback. */
  frame: number;
  /** overallFrameIdentifier (2023+): never goes back. */
  overallFrame?: number;
  /** sessionTime (float seconds) x 1000, unrounded. */
  sessionTimeMs: number;
  /** The player's car; absent when 255 (spectating, e.g. F1 25's spectator mode). */
  playerCarIndex?: number;
  /** The second split-screen player's car (2020+); absent when 255 (no second player). */
  secondaryPlayerCarIndex?: number;
}

/** What every model packet has: its kind and where it belongs. */
export interface ModelBase<K extends string> {
  kind: K;
  meta: PacketMeta;
}
