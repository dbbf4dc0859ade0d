/** Packet ids are the same in every format; a format supports a prefix-free subset of them. */
export const PACKET_NAMES = [
  "motion",
  "session",
  "lapData",
  "event",
  "participants",
  "carSetups",
  "carTelemetry",
  "carStatus",
  "finalClassification",
  "lobbyInfo",
  "carDamage",
  "sessionHistory",
  "tyreSets",
  "motionEx",
  "timeTrial",
  "lapPositions",
  // UDP Format 2026 only (F1 25's 2026 Season Pack): active aero and overtake mode per car.
  "carTelemetry2",
] as const;

export type PacketName = (typeof PACKET_NAMES)[number];

export const PACKET_ID = Object.freeze(
  Object.fromEntries(PACKET_NAMES.map((name, id) => [name, id])) as { [N in PacketName]: number },
);

export function packetName(id: number): PacketName | undefined {
  return PACKET_NAMES[id];
}
