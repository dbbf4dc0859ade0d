/** What every input (capture, pcap, pcapng, raw datagram, JSON Lines) yields: one datagram and what is known of it. */
export interface InputDatagram {
  /** Microseconds on the input's own clock (only differences mean anything); absent where the input has no times. */
  readonly timeUs?: number;
  /** The datagram, a copy the caller may keep. */
  readonly bytes: Buffer;
  /** "address:port" of the sender, where the input records it. */
  readonly source?: string;
}

/** A packet capture's per-frame tally: what was read and why frames yielded nothing. */
export interface FrameCounts {
  /** Packets in the capture. */
  frames: number;
  /** UDP datagrams to or from the port, yielded. */
  datagrams: number;
  /** IP fragments, skipped: a datagram split over frames is not reassembled (no game sends one). */
  fragmented: number;
  /** Not UDP on the port. */
  other: number;
  /** Cut by the capture's snapshot length, skipped. */
  truncated: number;
  /** Headers that contradict themselves, skipped. */
  malformed: number;
  /** On a pcapng interface whose link type we do not read, skipped. */
  unsupportedLink: number;
}

export function emptyFrameCounts(): FrameCounts {
  return { frames: 0, datagrams: 0, fragmented: 0, other: 0, truncated: 0, malformed: 0, unsupportedLink: 0 };
}

/** The port the F1 games send to by default. */
export const F1_UDP_PORT = 20777;
