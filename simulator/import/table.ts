/**
 * Reading exported files: CSV (pandas' to_csv, OpenF1's csv=true) with csv-parse, or a JSON array of objects
 * (OpenF1's default). Every cell becomes a number: empty, NaN and null are missing (NaN); True/False are 1/0;
 * anything else that is not a number is refused with its row and column.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { SlipstreamError } from "../../bridge/errors.ts";

export type Cell = string | number | boolean | null | undefined;

export interface Table {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, Cell>[];
  /** The 1-based line (CSV) or 0-based element (JSON) a row came from, for messages. */
  where(row: number): string;
}

const bad = (message: string) => new SlipstreamError("unreadable-file", message);

export function readTable(file: string): Table {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new SlipstreamError("unreadable-file", `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseTable(text, file);
}

export function parseTable(text: string, file: string): Table {
  const body = text.replace(/^\uFEFF/, "");
  if (/^\s*[[{]/.test(body)) return jsonTable(body, file);
  let rows: Record<string, string>[];
  try {
    rows = parse(body, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw bad(`${file} is not a readable CSV: ${(error as Error).message}`);
  }
  const columns = rows.length > 0 ? Object.keys(rows[0] as object) : headerOf(body);
  // Line numbers: the header is line 1 (files with quoted newlines are not what these exports write).
  return { file, columns, rows, where: (i) => `${file} line ${i + 2}` };
}

function headerOf(body: string): string[] {
  const first = body.split(/\r?\n/, 1)[0] ?? "";
  return first.trim() === "" ? [] : first.split(",").map((c) => c.trim());
}

function jsonTable(body: string, file: string): Table {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw bad(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(value) || value.some((r) => r === null || typeof r !== "object" || Array.isArray(r))) {
    throw bad(`${file}: expected a JSON array of objects (as OpenF1 returns), one per sample`);
  }
  const rows = value as Record<string, Cell>[];
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return { file, columns, rows, where: (i) => `${file} element ${i}` };
}

/** A cell as a number: NaN when missing; true/false as 1/0; refuses text that is no number. */
export function numberOf(t: Table, row: number, column: string): number {
  const v = t.rows[row]?.[column];
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const s = v.trim();
  if (s === "" || /^nan$/i.test(s) || s === "<NA>" || s === "NaT") return Number.NaN;
  if (/^true$/i.test(s)) return 1;
  if (/^false$/i.test(s)) return 0;
  const n = Number(s);
  if (!Number.isFinite(n)) throw bad(`${t.where(row)}, column ${column}: ${JSON.stringify(s)} is not a number`);
  return n;
}

/** The first of `names` the table has (exact, then case-insensitive), or undefined. */
export function columnOf(t: Table, ...names: string[]): string | undefined {
  for (const n of names) if (t.columns.includes(n)) return n;
  for (const n of names) {
    const found = t.columns.find((c) => c.toLowerCase() === n.toLowerCase());
    if (found) return found;
  }
  return undefined;
}
