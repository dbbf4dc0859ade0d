/**
 * Times as the exports write them, in seconds: pandas timedeltas (`0 days 00:01:21.745000`, negative ones as
 * `-1 days +23:59:59.800000`), `hh:mm:ss.fff`, `m:ss.fff`, plain seconds; and ISO dates (OpenF1's `date`,
 * FastF1's `Date`) to seconds since the epoch with their microseconds kept (Date.parse drops them).
 */

const TIMEDELTA = /^(-?\d+) days? \+?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/;
const CLOCK = /^(?:(\d+):)?(\d+):(\d{2}(?:\.\d+)?)$/;
const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Seconds of a duration, NaN when the text is empty or is none of the known spellings. */
export function durationSeconds(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return Number.NaN;
  const s = value.trim();
  if (s === "" || s === "NaT" || /^nan$/i.test(s)) return Number.NaN;
  const td = TIMEDELTA.exec(s);
  if (td) return Number(td[1]) * 86_400 + Number(td[2]) * 3600 + Number(td[3]) * 60 + Number(td[4]);
  const clock = CLOCK.exec(s);
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** Seconds since the epoch of an ISO date; no zone means UTC (as FastF1's Date and OpenF1 are). NaN otherwise. */
export function dateSeconds(value: unknown): number {
  if (typeof value !== "string") return Number.NaN;
  const m = ISO.exec(value.trim());
  if (!m) return Number.NaN;
  const zone = m[6] === undefined || m[6] === "Z" ? "Z" : m[6].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
  const whole = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}${zone}`);
  return Number.isFinite(whole) ? whole / 1000 + Number(m[5] ?? 0) : Number.NaN;
}
