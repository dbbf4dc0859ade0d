/**
 * From a captured link-layer frame to the UDP payload of one port: the part of a pcap/pcapng reader that knows
 * network headers. Pure; per-packet problems are outcomes to count, never exceptions.
 */

/** The link types we read (tcpdump's LINKTYPE_ numbers). */
export const LINK_TYPES = {
  /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
  null: 0,
  ethernet: 1,
  /** Raw IP, version from the first nibble. */
  raw: 101,
  /** OpenBSD loopback: a 4-byte address family in network byte order. */
  loop: 108,
  linuxSll: 113,
  ipv4: 228,
  ipv6: 229,
  linuxSll2: 276,
} as const;

const SUPPORTED = new Set<number>(Object.values(LINK_TYPES));

export function isSupportedLinkType(linkType: number): boolean {
  return SUPPORTED.has(linkType);
}

export type FrameOutcome =
  | { readonly kind: "udp"; readonly payload: Buffer; readonly source: string }
  /** An IP fragment (first or later): the datagram is not whole in one frame. Counted and skipped. */
  | { readonly kind: "fragmented" }
  /** Not IP, not UDP, or UDP on other ports. */
  | { readonly kind: "other" }
  /** Cut by the capture's snapshot length: the payload is incomplete. */
  | { readonly kind: "truncated" }
  /** Headers that contradict themselves (lengths beyond the frame, a wrong IP version). */
  | { readonly kind: "malformed" };

const OTHER: FrameOutcome = { kind: "other" };
const FRAGMENT: FrameOutcome = { kind: "fragmented" };
const TRUNCATED: FrameOutcome = { kind: "truncated" };
const MALFORMED: FrameOutcome = { kind: "malformed" };

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);
const UDP = 17;

/**
 * The UDP payload of `frame` when it is a whole UDP datagram to or from `port` over IPv4 or IPv6.
 * `frame` is what the capture holds; `originalLength` is how long the packet was on the wire.
 */
export function udpPayload(linkType: number, frame: Buffer, port: number, originalLength = frame.length): FrameOutcome {
  const snapped = originalLength > frame.length;
  const outcome = fromLink(linkType, frame, port);
  // A frame cut by the snapshot length may still hold the whole payload (the cut was in Ethernet padding),
  // but if anything above was short it was the snapshot length, not a malformed packet.
  if (snapped && outcome.kind === "malformed") return TRUNCATED;
  return outcome;
}

function fromLink(linkType: number, frame: Buffer, port: number): FrameOutcome {
  switch (linkType) {
    case LINK_TYPES.ethernet: {
      let at = 12;
      if (frame.length < at + 2) return MALFORMED;
      let type = frame.readUInt16BE(at);
      while (VLAN_TAGS.has(type)) {
        at += 4;
        if (frame.length < at + 2) return MALFORMED;
        type = frame.readUInt16BE(at);
      }
      return byEtherType(type, frame.subarray(at + 2), port);
    }
    case LINK_TYPES.null:
    case LINK_TYPES.loop:
      // The family field's byte order depends on the capturing machine (null) and its value on the OS
      // (AF_INET6 is 10, 24, 28 or 30): the IP version nibble says the same thing unambiguously.
      return frame.length < 4 ? MALFORMED : byVersion(frame.subarray(4), port);
    case LINK_TYPES.raw:
      return byVersion(frame, port);
    case LINK_TYPES.ipv4:
      return ipv4(frame, port);
    case LINK_TYPES.ipv6:
      return ipv6(frame, port);
    case LINK_TYPES.linuxSll:
      return frame.length < 16 ? MALFORMED : byEtherType(frame.readUInt16BE(14), frame.subarray(16), port);
    case LINK_TYPES.linuxSll2:
      return frame.length < 20 ? MALFORMED : byEtherType(frame.readUInt16BE(0), frame.subarray(20), port);
    default:
      return OTHER;
  }
}

function byEtherType(type: number, packet: Buffer, port: number): FrameOutcome {
  if (type === ETHERTYPE_IPV4) return ipv4(packet, port);
  if (type === ETHERTYPE_IPV6) return ipv6(packet, port);
  return OTHER;
}

function byVersion(packet: Buffer, port: number): FrameOutcome {
  const version = (packet[0] ?? 0) >> 4;
  if (version === 4) return ipv4(packet, port);
  if (version === 6) return ipv6(packet, port);
  return packet.length === 0 ? MALFORMED : OTHER;
}

function ipv4(p: Buffer, port: number): FrameOutcome {
  if (p.length < 20 || (p[0] as number) >> 4 !== 4) return MALFORMED;
  const headerBytes = ((p[0] as number) & 0x0f) * 4;
  const total = p.readUInt16BE(2);
  if (headerBytes < 20 || total < headerBytes) return MALFORMED;
  if (total > p.length) return TRUNCATED;
  const fragment = p.readUInt16BE(6);
  if ((fragment & 0x2000) !== 0 || (fragment & 0x1fff) !== 0) return FRAGMENT;
  if (p[9] !== UDP) return OTHER;
  const source = `${p[12]}.${p[13]}.${p[14]}.${p[15]}`;
  return udp(p.subarray(headerBytes, total), source, port);
}

/** Extension headers that may come before UDP: hop-by-hop, routing, destination options, authentication. */
const IPV6_SKIPPABLE = new Set([0, 43, 60, 51]);
const IPV6_FRAGMENT = 44;

function ipv6(p: Buffer, port: number): FrameOutcome {
  if (p.length < 40 || (p[0] as number) >> 4 !== 6) return MALFORMED;
  const payloadLength = p.readUInt16BE(4);
  if (payloadLength === 0) return OTHER; // a jumbogram (hop-by-hop length): no game sends one
  const end = 40 + payloadLength;
  if (end > p.length) return TRUNCATED;
  let next = p[6] as number;
  let at = 40;
  for (let hops = 0; next !== UDP; hops++) {
    if (next === IPV6_FRAGMENT) return FRAGMENT;
    if (!IPV6_SKIPPABLE.has(next) || hops >= 8) return OTHER;
    if (at + 2 > end) return MALFORMED;
    const length = next === 51 ? ((p[at + 1] as number) + 2) * 4 : ((p[at + 1] as number) + 1) * 8;
    next = p[at] as number;
    at += length;
  }
  if (at > end) return MALFORMED;
  return udp(p.subarray(at, end), ipv6Text(p.subarray(8, 24)), port);
}

function udp(u: Buffer, address: string, port: number): FrameOutcome {
  if (u.length < 8) return MALFORMED;
  const sourcePort = u.readUInt16BE(0);
  const destinationPort = u.readUInt16BE(2);
  const length = u.readUInt16BE(4);
  if (length < 8 || length > u.length) return MALFORMED;
  if (sourcePort !== port && destinationPort !== port) return OTHER;
  // "address:port" exactly as the bridge writes its source header (Node's RemoteInfo, IPv6 without brackets).
  return { kind: "udp", payload: u.subarray(8, length), source: `${address}:${sourcePort}` };
}

/** RFC 5952 text: lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
export function ipv6Text(bytes: Buffer): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
  }
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(":");
  return `${hex.slice(0, best.at).join(":")}::${hex.slice(best.at + best.length).join(":")}`;
}
