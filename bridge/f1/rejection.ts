/** Why a datagram was not accepted. A closed set, so metrics can count by reason. */
export const REJECTION_REASONS = [
  "truncated",
  "not-f1-telemetry",
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

export const LATEST_SUPPORTED_FORMAT = 2026;
export const EARLIEST_SUPPORTED_FORMAT = 2018;

/**
 * packetFormat values that read as an F1 game year: ten years either side of the supported ones. Outside them the
 * first two bytes are no year at all (another program, a port scan, the pre-2018 "Legacy" format that starts with a
 * float): telling that sender to change its UDP Format would be wrong advice, so it gets its own reason.
 */
const NEAR_GAME_YEARS = { first: EARLIEST_SUPPORTED_FORMAT - 10, last: LATEST_SUPPORTED_FORMAT + 10 } as const;

/** The rejection of a packetFormat no plan exists for. */
export function unsupportedFormat(packetFormat: number): Rejection {
  if (packetFormat < NEAR_GAME_YEARS.first || packetFormat > NEAR_GAME_YEARS.last) {
    const detail = `the first two bytes read as packetFormat ${packetFormat}, which is no F1 game year: this datagram is not F1 game telemetry (another program sending to this port?)`;
    return { reason: "not-f1-telemetry", detail, packetFormat };
  }
  const detail =
    packetFormat > LATEST_SUPPORTED_FORMAT
      ? `Slipstream does not decode packetFormat ${packetFormat} yet: in the game's Telemetry Settings set "UDP Format" to ${LATEST_SUPPORTED_FORMAT}.`
      : `packetFormat ${packetFormat} is not an F1 game telemetry format Slipstream knows (supported: ${EARLIEST_SUPPORTED_FORMAT} to ${LATEST_SUPPORTED_FORMAT}).`;
  return { reason: "unsupported-format", detail, packetFormat };
}
