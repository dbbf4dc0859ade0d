// The real fixtures, decoded once, for the model tests. Loading goes through test/support/fixtures.ts.
import { decode } from "../../../../bridge/f1/decode.ts";
import type { Decoded, DecodedPacket } from "../../../../bridge/processing/model/normalise/decoded.ts";
import { normalise } from "../../../../bridge/processing/model/normalise.ts";
import type { ModelKind, ModelPacket, ModelPacketOf } from "../../../../bridge/processing/model/types.ts";
import { JSONL_YEARS, load2026Fixtures, loadBinFixtures, loadJsonlFixtures } from "../../../support/fixtures.ts";

export interface Fixture {
  /** "2019.jsonl line 9", "2024-08.bin", "2026 payload-02.bin". */
  readonly source: string;
  readonly bytes: Buffer;
  readonly packet: DecodedPacket;
}

let cache: Fixture[] | undefined;

/** Every fixture datagram the decoder accepts (the hand-edited wrong-size ones are its business, not ours). */
export function fixtures(): Fixture[] {
  if (cache) return cache;
  const raw = [
    ...JSONL_YEARS.flatMap((y) =>
      loadJsonlFixtures(y).map((f) => ({ source: `${y}.jsonl line ${f.line}`, bytes: f.bytes })),
    ),
    ...loadBinFixtures().map((f) => ({ source: f.file, bytes: f.bytes })),
    ...load2026Fixtures().map((f) => ({ source: `2026 ${f.file}`, bytes: f.bytes })),
  ];
  cache = raw.flatMap((f) => {
    const r = decode(f.bytes);
    return r.ok ? [{ ...f, packet: r.packet }] : [];
  });
  return cache;
}

/** Decoded fixtures of one packet name (and format). */
export function decodedOf<N extends DecodedPacket["name"]>(name: N, packetFormat?: number): Decoded<N>[] {
  return fixtures()
    .map((f) => f.packet)
    .filter((p): p is Decoded<N> => p.name === name && (packetFormat === undefined || p.packetFormat === packetFormat));
}

/**
 * The model without its undefined values: the model leaves a field it has no value for undefined (the key may be
 * there, for speed), and these tests read "absent" as `!("key" in model)` and compare with literals lacking it.
 */
export function defined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(defined) as T;
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = defined(v);
  return out as T;
}

/** normalise(), then without the undefined values (see defined). */
export function normaliseDefined(packet: DecodedPacket): ModelPacket[] {
  return normalise(packet).map(defined);
}

/** The one model packet of `kind` that a decoded packet gives. */
export function modelOf<K extends ModelKind>(packet: DecodedPacket, kind: K): ModelPacketOf<K> {
  const found = normaliseDefined(packet).find((m): m is ModelPacketOf<K> => m.kind === kind);
  if (!found) throw new Error(`${packet.packetFormat} ${packet.name} gave no ${kind}`);
  return found;
}

/** Pairs of (decoded, model) for every fixture of a packet name. */
export function pairs<N extends DecodedPacket["name"], K extends ModelKind>(
  name: N,
  kind: K,
  packetFormat?: number,
): [Decoded<N>, ModelPacketOf<K>][] {
  return decodedOf(name, packetFormat).map((p) => [p, modelOf(p, kind)]);
}

export function allModels(): ModelPacket[] {
  return fixtures().flatMap((f) => normaliseDefined(f.packet));
}

/** A deep copy of a decoded packet to edit (to reach values the captures do not hold). */
export const copy = <T>(value: T): T => structuredClone(value);
