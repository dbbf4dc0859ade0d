import type { DatagramInfo } from "../f1/decode.ts";

export interface SessionStats {
  readonly sessionUID: string;
  readonly packetFormat: number;
  readonly source: string;
  packets: number;
  lastFrame: number;
  lastSessionTime: number;
  lastSeenMs: number;
  readonly byPacket: Map<string, number>;
}

/** The sessions the bridge has seen lately, for the console summary. Bounded: oldest forgotten first. */
export class SessionTable {
  private readonly sessions = new Map<string, SessionStats>();

  constructor(private readonly max = 256) {}

  record(info: DatagramInfo, source: string, nowMs: number): void {
    let s = this.sessions.get(info.sessionUID);
    if (!s) {
      if (this.sessions.size >= this.max) {
        const oldest = this.sessions.keys().next().value;
        if (oldest !== undefined) this.sessions.delete(oldest);
      }
      s = {
        sessionUID: info.sessionUID,
        packetFormat: info.packetFormat,
        source,
        packets: 0,
        lastFrame: 0,
        lastSessionTime: 0,
        lastSeenMs: nowMs,
        byPacket: new Map(),
      };
      this.sessions.set(info.sessionUID, s);
    }
    s.packets++;
    s.lastFrame = info.frameIdentifier;
    s.lastSessionTime = info.sessionTime;
    s.lastSeenMs = nowMs;
    s.byPacket.set(info.name, (s.byPacket.get(info.name) ?? 0) + 1);
  }

  list(): readonly SessionStats[] {
    return [...this.sessions.values()];
  }
}
