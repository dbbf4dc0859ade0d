// Helpers to write one format's table as the changes from another's, and the accessors over them. Internal: index.ts
// does not re-export this module, so the public surface stays the tables and accessors themselves.
import { isLookupFormat, type LookupFormat, type LookupTable, lookup, tableIds } from "./lookup.ts";

/** A table without the given ids. */
export function omit<T extends LookupTable<unknown>, K extends number>(table: T, ids: readonly K[]): Omit<T, K> {
  const dropped = new Set<string>(ids.map(String));
  return Object.fromEntries(Object.entries(table).filter(([id]) => !dropped.has(id))) as Omit<T, K>;
}

/** A table with only the given ids. */
export function pick<T extends LookupTable<unknown>, K extends keyof T & number>(
  table: T,
  ids: readonly K[],
): Pick<T, K> {
  const kept = new Set<string>(ids.map(String));
  return Object.fromEntries(Object.entries(table).filter(([id]) => kept.has(id))) as Pick<T, K>;
}

/** Edits of a numbered list, by name; applied in this order: remove, insertBefore, append, rename. */
export interface ListChanges {
  /** Dropped; the later ids move down by one. */
  readonly remove?: readonly string[];
  /** `{ before: inserted }`: inserted in front of `before`, which and all later ids move up by one. */
  readonly insertBefore?: Readonly<Record<string, string>>;
  /** Added after the last id. */
  readonly append?: readonly string[];
  /** `{ old: new }`: a new spelling under the same id. */
  readonly rename?: Readonly<Record<string, string>>;
}

/**
 * A dense table (ids first, first + 1, ...) edited as a list and numbered again from the same first id, for specs
 * that insert or drop an entry and shift everything after it. Throws on a name the list does not have.
 */
export function renumbered(base: LookupTable, changes: ListChanges): LookupTable {
  const ids = tableIds(base);
  const first = ids[0] ?? 0;
  if (ids.some((id, i) => id !== first + i)) throw new Error(`renumbered: ids are not dense: ${ids.join(",")}`);
  const indexOf = (list: readonly string[], name: string) => {
    const i = list.indexOf(name);
    if (i < 0) throw new Error(`renumbered: no entry "${name}"`);
    return i;
  };
  const names = ids.map((id) => base[id] as string);
  for (const name of changes.remove ?? []) names.splice(indexOf(names, name), 1);
  for (const [before, inserted] of Object.entries(changes.insertBefore ?? {})) {
    names.splice(indexOf(names, before), 0, inserted);
  }
  names.push(...(changes.append ?? []));
  for (const [old, spelling] of Object.entries(changes.rename ?? {})) names[indexOf(names, old)] = spelling;
  return Object.fromEntries(names.map((name, i) => [first + i, name]));
}

/** The table for a field that a format does not have: every id is unknown. */
export const NO_TABLE: LookupTable<never> = {};

/** One table per format, as in `{ 2018: ..., 2025: ... }`; undefined for other formats. */
export function tableOfFormat<V>(
  byFormat: Readonly<Record<LookupFormat, LookupTable<V>>>,
  packetFormat: number,
): LookupTable<V> | undefined {
  return isLookupFormat(packetFormat) ? byFormat[packetFormat] : undefined;
}

/** The id in the table of `packetFormat` (see tableOfFormat). */
export function lookupOfFormat<V>(
  byFormat: Readonly<Record<LookupFormat, LookupTable<V>>>,
  packetFormat: number,
  id: number,
): V | undefined {
  const table = tableOfFormat(byFormat, packetFormat);
  return table === undefined ? undefined : lookup(table, id);
}

/** Whether `packetFormat` is one of LOOKUP_FORMATS and not before `first`. */
export function isFormatFrom(packetFormat: number, first: number): boolean {
  return isLookupFormat(packetFormat) && packetFormat >= first;
}

/** The id in a table that every format from `first` on has (and no earlier one). */
export function lookupFrom<V>(first: number, table: LookupTable<V>, packetFormat: number, id: number): V | undefined {
  return isFormatFrom(packetFormat, first) ? lookup(table, id) : undefined;
}

/** `info` when `packetFormat` lists it (its `since` is not later), else undefined. */
export function listedIn<T extends { readonly since: number }>(
  info: T | undefined,
  packetFormat: number,
): T | undefined {
  return info !== undefined && isFormatFrom(packetFormat, info.since) ? info : undefined;
}
