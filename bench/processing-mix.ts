// The processor's per-datagram path (decode, reorder, model, every metric, derived outputs) on a realistic mix
// of many live sessions, against decoding alone in the same run.
import type { ConsumedRecord } from "../bridge/bus/types.ts";
import { decode } from "../bridge/f1/decode.ts";
import { DEFAULT_METRICS } from "../bridge/processing/metrics/index.ts";
import { PartitionProcessor } from "../bridge/processing/processor/partition-processor.ts";
import { RAW_HEADERS } from "../bridge/protocol/raw-topic.ts";
import { loadBinFixtures } from "../test/support/fixtures.ts";
import { type BenchResult, compare } from "./measure.ts";

/** Per frame at 60 Hz: the five every-frame packets; the others every `n`th frame (their documented rates). */
const EVERY_N_FRAMES: Record<string, number> = {
  "2024-00.bin": 1,
  "2024-02.bin": 1,
  "2024-06.bin": 1,
  "2024-07.bin": 1,
  "2024-13.bin": 1,
  "2024-01.bin": 30,
  "2024-05.bin": 30,
  "2024-04.bin": 300,
  "2024-10.bin": 6,
  "2024-11.bin": 3,
  "2024-12.bin": 3,
  "2024-14.bin": 60,
};
const GAME_PACKETS_PER_SECOND = 355;

/**
 * `sessions` F1 24 games of `seconds` each at 60 Hz, interleaved frame by frame as one partition would carry
 * them: real datagrams with each game's own sessionUID, clock and frame numbers written in.
 */
export function liveMix(sessions: number, seconds: number): ConsumedRecord[] {
  const files = new Map(loadBinFixtures().map((f) => [f.file, f.bytes]));
  const records: ConsumedRecord[] = [];
  const startUs = Date.now() * 1000;
  for (let frame = 0; frame < seconds * 60; frame++) {
    for (let s = 0; s < sessions; s++) {
      for (const [file, every] of Object.entries(EVERY_N_FRAMES)) {
        if (frame % every !== 0) continue;
        const bytes = Buffer.from(files.get(file) as Buffer);
        bytes.writeBigUInt64LE(BigInt(1000 + s), 7);
        bytes.writeFloatLE(frame / 60, 15);
        bytes.writeUInt32LE(frame, 19);
        bytes.writeUInt32LE(frame, 23);
        const receivedUs = startUs + Math.round((frame / 60) * 1e6);
        records.push({
          topic: "bench.raw",
          partition: 0,
          offset: String(records.length),
          key: String(1000 + s),
          value: bytes,
          headers: { [RAW_HEADERS.receivedAtUs]: String(receivedUs) },
          timestampMs: Math.round(receivedUs / 1000),
        });
      }
    }
  }
  return records;
}

export async function processingBenchmarks(): Promise<BenchResult[]> {
  const records = liveMix(20, 5);
  let outputs = 0;
  const pipeline = {
    items: records.length,
    run: () => {
      const p = new PartitionProcessor({
        metrics: DEFAULT_METRICS,
        reorderWindowMs: 50,
        carsRateHz: 20,
        publish: () => outputs++,
      });
      for (let i = 0; i < records.length; i += 500) p.push(records.slice(i, i + 500), 0);
    },
  };
  let decoded = 0;
  const decodeOnly = {
    name: "decode alone",
    items: records.length,
    run: () => {
      for (const r of records) if (decode(r.value).ok) decoded++;
    },
  };
  const result = await compare("process-60hz-mix", "packets/s", pipeline, decodeOnly, {
    rounds: 3,
    roundMs: 1500,
    warmupMs: 1000,
  });
  if (outputs === 0 || decoded === 0) throw new Error("nothing processed");
  return [{ ...result, gamesPerCore: Math.floor(result.value / GAME_PACKETS_PER_SECOND) } as BenchResult];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await processingBenchmarks()) process.stdout.write(`${JSON.stringify(r)}\n`);
}
