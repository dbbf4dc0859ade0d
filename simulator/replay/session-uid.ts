import { FORMATS } from "../../bridge/f1/formats/index.ts";
import { offsetOf } from "../../bridge/f1/schema.ts";

/** Where each format's header keeps the u64 sessionUID (2018: byte 4, 2019-2022: 6, 2023 on: 7). */
const UID_AT = new Map<number, { readonly offset: number; readonly headerSize: number }>(
  FORMATS.map((f) => [f.packetFormat, { offset: offsetOf(f.header, "sessionUID"), headerSize: f.header.size }]),
);

/** The byte offset of the sessionUID in this datagram, or undefined when it is no datagram of a format we know. */
export function sessionUidOffset(bytes: Uint8Array): number | undefined {
  if (bytes.length < 2) return undefined;
  const at = UID_AT.get((bytes[0] as number) | ((bytes[1] as number) << 8));
  return at && bytes.length >= at.headerSize ? at.offset : undefined;
}

/**
 * Gives each replayed loop sessions of its own: every sessionUID seen in a loop is replaced by a new one,
 * the same for the whole loop (several sessions in one recording stay several). 0 ("no session") stays 0,
 * and datagrams of unknown formats pass unchanged. The input is never modified: a changed datagram is a copy.
 */
export class SessionRewriter {
  private map = new Map<bigint, bigint>();

  constructor(private readonly newUid: () => bigint) {}

  /** Starts a loop: the UIDs it sees get new replacements. */
  newLoop(): void {
    this.map = new Map();
  }

  rewrite(bytes: Buffer): Buffer {
    const at = sessionUidOffset(bytes);
    if (at === undefined) return bytes;
    const old = bytes.readBigUInt64LE(at);
    if (old === 0n) return bytes;
    let uid = this.map.get(old);
    if (uid === undefined) {
      uid = this.newUid();
      this.map.set(old, uid);
    }
    const copy = Buffer.from(bytes);
    copy.writeBigUInt64LE(uid, at);
    return copy;
  }
}
