import assert from "node:assert/strict";
import { test } from "node:test";
import { RECORD_BATCH_OVERHEAD, recordBytes, varintBytes } from "../../../bridge/bus/record-size.ts";
import type { BusRecord } from "../../../bridge/bus/types.ts";
import { recordBatchBytes } from "../ingest/kafka-like-sink.ts";

const estimate = (records: readonly BusRecord[]) =>
  RECORD_BATCH_OVERHEAD +
  records
    .map((r) =>
      recordBytes(
        r.key === null ? null : Buffer.byteLength(r.key),
        r.value.byteLength,
        Object.entries(r.headers).flatMap(([k, v]) => [Buffer.byteLength(k), Buffer.byteLength(v)]),
      ),
    )
    .reduce((a, b) => a + b, 0);

test("varints are as long as Kafka writes them (zig-zag)", () => {
  const cases: [number, number][] = [
    [0, 1],
    [-1, 1],
    [63, 1],
    [64, 2],
    [-65, 2],
    [8191, 2],
    [8192, 3],
    [2 ** 31, 5],
    [2 ** 40, 6],
  ];
  for (const [n, bytes] of cases) assert.equal(varintBytes(n), bytes, String(n));
});

test("the estimate of a record batch is never below what kafkajs encodes, and close to it", async () => {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let round = 0; round < 200; round++) {
    const start = 1_780_000_000_000 + random(1e9);
    const records: BusRecord[] = Array.from({ length: 1 + random(300) }, (_, i) => ({
      key: random(10) === 0 ? null : String(random(1e9)).repeat(1 + random(3)),
      value: new Uint8Array(random(2000)),
      headers: Object.fromEntries(Array.from({ length: random(4) }, (_, h) => [`h-${h}-ü`, "x".repeat(random(200))])),
      timestampMs: start + i * random(100_000),
    }));
    const real = await recordBatchBytes(records);
    const estimated = estimate(records);
    assert.ok(estimated >= real, `estimated ${estimated} < real ${real}`);
    assert.ok(
      estimated - real <= 14 * records.length,
      `estimated ${estimated}, real ${real}, ${records.length} records`,
    );
  }
});
