/** Why a datagram was not accepted. A closed set, so metrics can count by reason. */
export const REJECTION_REASONS = [
  "truncated",
  "unsupported-format",
  "unknown-packet-id",
  "size-mismatch",
  "unknown-event-code",
] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface Rejection {
  readonly reason: RejectionReason;
  /** A sentence for a person: what was wrong and, where we know it, what to do. */
  readonly detail: string;
  readonly packetFormat?: number;
  readonly packetId?: number;
}

export const LATEST_SUPPORTED_FORMAT = 2025;
export const EARLIEST_SUPPORTED_FORMAT = 2018;

export function unsupportedFormat(packetFormat: number): Rejection {
  const advice =
    packetFormat > LATEST_SUPPORTED_FORMAT
      ? `Slipstream does not decode packetFormat ${packetFormat} yet: in the game's Telemetry Settings set "UDP Format" to ${LATEST_SUPPORTED_FORMAT}.`
      : `packetFormat ${packetFormat} is not an F1 game telemetry format Slipstream knows (supported: ${EARLIEST_SUPPORTED_FORMAT} to ${LATEST_SUPPORTED_FORMAT}).`;
  return { reason: "unsupported-format", detail: advice, packetFormat };
}
