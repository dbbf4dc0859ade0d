import { f32, struct, u8, u16, u32, u64 } from "../schema.ts";

/** F1 2018. */
export const header2018 = struct({
  packetFormat: u16,
  packetVersion: u8,
  packetId: u8,
  sessionUID: u64,
  sessionTime: f32,
  frameIdentifier: u32,
  playerCarIndex: u8,
});

/** F1 2019: adds the game version. */
export const header2019 = struct({
  packetFormat: u16,
  gameMajorVersion: u8,
  gameMinorVersion: u8,
  packetVersion: u8,
  packetId: u8,
  sessionUID: u64,
  sessionTime: f32,
  frameIdentifier: u32,
  playerCarIndex: u8,
});

/** F1 2020 to F1 22: adds the second player of split screen. */
export const header2020 = struct({
  ...header2019.fields,
  secondaryPlayerCarIndex: u8,
});

/** F1 23 to F1 25 (and UDP Format 2026): adds gameYear and overallFrameIdentifier (which does not rewind on flashbacks). */
export const header2023 = struct({
  packetFormat: u16,
  gameYear: u8,
  gameMajorVersion: u8,
  gameMinorVersion: u8,
  packetVersion: u8,
  packetId: u8,
  sessionUID: u64,
  sessionTime: f32,
  frameIdentifier: u32,
  overallFrameIdentifier: u32,
  playerCarIndex: u8,
  secondaryPlayerCarIndex: u8,
});
