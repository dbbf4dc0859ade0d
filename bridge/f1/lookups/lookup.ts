/** A lookup table: numeric id (as found in a packet) to its meaning. */
export type LookupTable<V = string> = { readonly [id: number]: V };

/** The packet formats these tables describe. Other formats (e.g. 2027) get `undefined` from format-keyed lookups. */
export const LOOKUP_FORMATS = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026] as const;
export type LookupFormat = (typeof LOOKUP_FORMATS)[number];

export function isLookupFormat(packetFormat: number): packetFormat is LookupFormat {
  return (LOOKUP_FORMATS as readonly number[]).includes(packetFormat);
}

/** The value for `id`, or undefined when the table has no such id (never a prototype property). */
export function lookup<V>(table: LookupTable<V>, id: number): V | undefined {
  return Number.isInteger(id) && Object.hasOwn(table, id) ? table[id] : undefined;
}

/**
 * Picks what is in force for `packetFormat` from steps sorted by first format: `[[2018, a], [2021, b]]` gives `a`
 * for 2018..2020 and `b` for 2021..2026. Undefined outside the formats in LOOKUP_FORMATS.
 */
export function forFormat<T>(steps: readonly (readonly [number, T])[], packetFormat: number): T | undefined {
  if (!isLookupFormat(packetFormat)) return undefined;
  let found: T | undefined;
  for (const [first, value] of steps) if (first <= packetFormat) found = value;
  return found;
}

/** The table in force for `packetFormat`, then the id in it. */
export function lookupForFormat<V>(
  steps: readonly (readonly [number, LookupTable<V>])[],
  packetFormat: number,
  id: number,
): V | undefined {
  const table = forFormat(steps, packetFormat);
  return table === undefined ? undefined : lookup(table, id);
}

/** Ids of a table in ascending order. */
export function tableIds(table: LookupTable<unknown>): number[] {
  return Object.keys(table)
    .map(Number)
    .sort((a, b) => a - b);
}
