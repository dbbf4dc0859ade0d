import type { PacketMeta } from "../types/base.ts";
import { unless255 } from "../units.ts";
import type { DecodedPacket } from "./decoded.ts";

/** The header of any format (18 to 29 bytes; fields added in 2019, 2020 and 2023). */
export function metaOf(h: DecodedPacket["header"]): PacketMeta {
  return {
    sessionUID: h.sessionUID,
    packetFormat: h.packetFormat,
    gameYear: "gameYear" in h && h.gameYear !== 0 ? h.gameYear : undefined,
    gameVersion: "gameMajorVersion" in h ? { major: h.gameMajorVersion, minor: h.gameMinorVersion } : undefined,
    frame: h.frameIdentifier,
    overallFrame: "overallFrameIdentifier" in h ? h.overallFrameIdentifier : undefined,
    sessionTimeMs: h.sessionTime * 1000,
    playerCarIndex: unless255(h.playerCarIndex),
    secondaryPlayerCarIndex: "secondaryPlayerCarIndex" in h ? unless255(h.secondaryPlayerCarIndex) : undefined,
  };
}
