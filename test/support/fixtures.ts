import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root: fixtures and data live inside it, so a bare clone runs every test. */
export const REPO_DIR = resolve(here, "../..");
export const FIXTURES_DIR = join(REPO_DIR, "test/fixtures/f1-udp");
export const TRACKS_DIR = join(REPO_DIR, "data/tracks");

export interface JsonlFixture {
  readonly year: number;
  readonly line: number;
  /** A number in 2025's file, the packet's name (e.g. "carSetups") in the others. */
  readonly packetID: number | string;
  readonly bytes: Buffer;
  /** The reference library's decode, with EA's m_ names. */
  readonly parsed: Record<string, unknown>;
}

export const JSONL_YEARS = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025] as const;

export function loadJsonlFixtures(year: number): JsonlFixture[] {
  const text = readFileSync(join(FIXTURES_DIR, "jsonl-2018-2025", `${year}.jsonl`), "utf8");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, index) => {
      const row = JSON.parse(l) as {
        packetID: number | string;
        message: { data: number[] } | number[];
        parsed: Record<string, unknown>;
      };
      const data = Array.isArray(row.message) ? row.message : row.message.data;
      return { year, line: index + 1, packetID: row.packetID, bytes: Buffer.from(data), parsed: row.parsed };
    });
}

export interface BinFixture {
  readonly file: string;
  readonly packetFormat: number;
  readonly packetId: number;
  readonly eventCode: string | undefined;
  readonly bytes: Buffer;
}

export function loadBinFixtures(): BinFixture[] {
  const dir = join(FIXTURES_DIR, "single-2022-2024");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".bin"))
    .sort()
    .map((file) => {
      const [format, id, code] = file.replace(/\.bin$/, "").split("-");
      return {
        file,
        packetFormat: Number(format),
        packetId: Number(id),
        eventCode: code,
        bytes: readFileSync(join(dir, file)),
      };
    });
}
