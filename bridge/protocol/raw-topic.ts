/**
 * The raw topic `<prefix>.raw`: value = the datagram exactly as received, key = sessionUID as a decimal
 * string (so one session stays in order on one partition), timestamp = receive time in milliseconds.
 */
export const RAW_HEADERS = {
  /** Receive time, microseconds since the Unix epoch, decimal string. */
  receivedAtUs: "slipstream-received-at-us",
  /** "address:port" the datagram came from. */
  source: "slipstream-source",
  /** The optional rig id set on the bridge (which simulator or car this is). */
  rigId: "slipstream-rig-id",
} as const;

export function rawTopic(prefix: string): string {
  return `${prefix}.raw`;
}

/** Wall-clock microseconds: performance.now() has sub-millisecond resolution and never goes backwards. */
export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}
