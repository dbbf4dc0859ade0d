import { validateDatagram } from "../../bridge/f1/decode.ts";

/** Sessions remembered for the "sessions seen" count; beyond this the count shows as a lower bound. */
const MAX_SESSIONS = 10_000;

/** What a recording holds so far: the progress line and the final summary. */
export class RecordStats {
  packets = 0;
  bytes = 0;
  /** Datagrams that are no valid F1 telemetry (recorded all the same: a capture is what arrived). */
  invalid = 0;
  firstUs: number | undefined;
  lastUs = 0;
  private readonly sessions = new Set<string>();

  /** Counts one recorded datagram at `timeUs` (µs since the start of the recording). */
  count(bytes: Uint8Array, timeUs: number): void {
    this.packets++;
    this.bytes += bytes.byteLength;
    this.firstUs ??= timeUs;
    this.lastUs = timeUs;
    const checked = validateDatagram(bytes);
    if (!checked.ok) this.invalid++;
    else if (this.sessions.size < MAX_SESSIONS) this.sessions.add(checked.info.sessionUID);
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  get sessionsText(): string {
    return this.sessions.size >= MAX_SESSIONS ? `${MAX_SESSIONS}+` : String(this.sessions.size);
  }

  /** From the first recorded datagram to the last, µs. */
  get spanUs(): number {
    return this.firstUs === undefined ? 0 : this.lastUs - this.firstUs;
  }
}
