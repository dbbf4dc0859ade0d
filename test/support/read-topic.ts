import { randomUUID } from "node:crypto";
import type { Bus, ConsumedRecord } from "../../bridge/bus/types.ts";

/** Reads a topic from the beginning until `count` records arrived and then `settleMs` pass without more. */
export async function readTopic(
  bus: Bus,
  topic: string,
  count: number,
  timeoutMs = 60_000,
  settleMs = 1000,
): Promise<ConsumedRecord[]> {
  const got: ConsumedRecord[] = [];
  const sub = await bus.subscribe({
    groupId: `reader-${randomUUID()}`,
    topics: [topic],
    fromBeginning: true,
    onRecords: (records) => void got.push(...records),
  });
  const t0 = Date.now();
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (got.length !== last) {
      last = got.length;
      stableSince = Date.now();
    }
    if (got.length >= count && Date.now() - stableSince >= settleMs) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await sub.stop();
  return got;
}

/** Groups received values by key, in partition order (the order Kafka guarantees per key). */
export function valuesByKey(records: readonly ConsumedRecord[]): Map<string, Buffer[]> {
  const sorted = [...records].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  const out = new Map<string, Buffer[]>();
  for (const r of sorted) out.set(r.key ?? "", [...(out.get(r.key ?? "") ?? []), Buffer.from(r.value)]);
  return out;
}

/**
 * The sessionUID where EA's documents put it, read without the bridge's code: computed with the production
 * validator, a key read one byte off would be expected exactly as wrongly as it was produced. A u64 LE after
 * packetFormat (u16) and 2 bytes in 2018 (packetVersion, packetId), 4 in 2019-2022 (game major and minor version
 * first), 5 from 2023 (gameYear first).
 */
export function sessionUIDOf(datagram: Buffer): string {
  const format = datagram.readUInt16LE(0);
  const offset = format === 2018 ? 4 : format <= 2022 ? 6 : 7;
  return datagram.readBigUInt64LE(offset).toString();
}

/** What each session's records must be: the valid datagrams in the order they were sent. */
export function expectedBySession(valid: readonly Buffer[]): Map<string, Buffer[]> {
  const out = new Map<string, Buffer[]>();
  for (const bytes of valid) out.set(sessionUIDOf(bytes), [...(out.get(sessionUIDOf(bytes)) ?? []), bytes]);
  return out;
}
