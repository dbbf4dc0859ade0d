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

export interface Fixture2026 {
  readonly file: string;
  readonly packetId: number;
  /** A whole datagram. */
  readonly bytes: Buffer;
  /**
   * True for the payload-NN.bin captures, which come without their header: theirs is MADE UP, a copy of the one real
   * 2026 header (datagram-06.bin's) with the packetId byte set to NN. Header fields say nothing about that packet.
   */
  readonly madeUpHeader: boolean;
}

const HEADER_2023_SIZE = 29;
const PACKET_ID_OFFSET_2023 = 6;

/** The F1 25 "2026 Season Pack" captures (UDP Format 2026) as whole datagrams; see Fixture2026.madeUpHeader. */
export function load2026Fixtures(): Fixture2026[] {
  const dir = join(FIXTURES_DIR, "pits-n-giggles-2026");
  const real = readFileSync(join(dir, "datagram-06.bin"));
  const realHeader = real.subarray(0, HEADER_2023_SIZE);
  const payloads = readdirSync(dir)
    .filter((f) => /^payload-\d\d\.bin$/.test(f))
    .sort()
    .map((file) => {
      const packetId = Number(file.slice(8, 10));
      const header = Buffer.from(realHeader);
      header.writeUInt8(packetId, PACKET_ID_OFFSET_2023);
      return { file, packetId, bytes: Buffer.concat([header, readFileSync(join(dir, file))]), madeUpHeader: true };
    });
  return [
    { file: "datagram-06.bin", packetId: real.readUInt8(PACKET_ID_OFFSET_2023), bytes: real, madeUpHeader: false },
    ...payloads,
  ];
}
