/**
 * Compares our decode with the reference library's (z0mt3c/f1-telemetry-client), leaf by leaf.
 * Reference names carry EA's m_ prefix; ours do not. Differences that are known and explained are listed
 * per format as { path pattern -> reason }; a listed difference that never occurs fails the test too, so the
 * lists cannot rot.
 */

/** Path pattern: dot-separated keys, `[]` for any array index, e.g. `data.carMotionData[].gForceLateral`. */
export type KnownDifferences = Readonly<Record<string, string>>;

export interface CompareOptions {
  /** Reference key (after removing m_) -> our key, applied at every depth. */
  readonly renames?: Readonly<Record<string, string>>;
  readonly known?: KnownDifferences;
}

export interface Mismatch {
  readonly path: string;
  readonly ours: unknown;
  readonly reference: unknown;
}

/** Strips EA's m_ prefix from every key, and turns BigInt into decimal strings. */
export function normalizeReference(value: unknown, renames: Readonly<Record<string, string>> = {}): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map((v) => normalizeReference(v, renames));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const bare = key.startsWith("m_") ? key.slice(2) : key;
      out[renames[bare] ?? bare] = normalizeReference(v, renames);
    }
    return out;
  }
  return value;
}

function pattern(path: string): string {
  return path.replace(/\[\d+\]/g, "[]");
}

/** Walks both trees; every leaf of either side must be present and identical (Object.is) on the other. */
export function diffTrees(ours: unknown, reference: unknown, path = ""): Mismatch[] {
  if (Array.isArray(reference) || Array.isArray(ours)) {
    if (!Array.isArray(reference) || !Array.isArray(ours)) return [{ path, ours, reference }];
    const out: Mismatch[] = [];
    const length = Math.max(reference.length, ours.length);
    for (let i = 0; i < length; i++) out.push(...diffTrees(ours[i], reference[i], `${path}[${i}]`));
    return out;
  }
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object";
  if (isObj(reference) || isObj(ours)) {
    if (!isObj(reference) || !isObj(ours)) return [{ path, ours, reference }];
    const keys = new Set([...Object.keys(reference), ...Object.keys(ours)]);
    const out: Mismatch[] = [];
    for (const key of keys) out.push(...diffTrees(ours[key], reference[key], path ? `${path}.${key}` : key));
    return out;
  }
  return Object.is(ours, reference) ? [] : [{ path, ours, reference }];
}

export interface CompareResult {
  /** Mismatches no known difference explains. */
  readonly unexplained: Mismatch[];
  /** Patterns of known differences that occurred. */
  readonly used: Set<string>;
}

export function compareWithReference(ours: unknown, reference: unknown, options: CompareOptions = {}): CompareResult {
  const known = options.known ?? {};
  const used = new Set<string>();
  const unexplained: Mismatch[] = [];
  for (const m of diffTrees(ours, normalizeReference(reference, options.renames))) {
    const p = pattern(m.path);
    const hit = Object.keys(known).find((k) => p === k || p.startsWith(`${k}.`) || p.startsWith(`${k}[`));
    if (hit) used.add(hit);
    else unexplained.push(m);
  }
  return { unexplained, used };
}

/**
 * Our decode in the reference's shape: the header beside the body's fields. The reference leaves
 * eventDetails out for events that have none, where we say null.
 */
export function asReferenceShape(packet: { header: unknown; data: unknown }): unknown {
  const { eventDetails, ...rest } = packet.data as { eventDetails?: unknown };
  return { header: packet.header, ...rest, ...(eventDetails === null ? {} : { eventDetails }) };
}
