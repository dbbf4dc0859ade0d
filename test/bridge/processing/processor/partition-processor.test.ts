// The partition's offsets: records below the next offset are skipped, at any size of int64 (numbers below 2^53,
// bigints above).
import assert from "node:assert/strict";
import { test } from "node:test";
import { liveMix } from "../../../../bench/processing-mix.ts";
import type { ConsumedRecord } from "../../../../bridge/bus/types.ts";
import { DEFAULT_METRICS } from "../../../../bridge/processing/metrics/index.ts";
import { PartitionProcessor } from "../../../../bridge/processing/processor/partition-processor.ts";

const partition = () =>
  new PartitionProcessor({ metrics: DEFAULT_METRICS, reorderWindowMs: 0, carsRateHz: 20, publish: () => {} });

const packets = (p: PartitionProcessor) => [...p.sessions.values()].reduce((n, s) => n + s.counters.packets, 0);

function at(records: readonly ConsumedRecord[], first: bigint): ConsumedRecord[] {
  return records.map((r, i) => ({ ...r, offset: String(first + BigInt(i)) }));
}

for (const first of [0n, 9_007_199_254_740_989n, 9_223_372_036_854_775_000n]) {
  test(`offsets from ${first}: each record once, the next offset exact`, () => {
    const records = at(liveMix(1, 1).slice(0, 10), first);
    const p = partition();
    p.push(records.slice(0, 6), 0);
    p.push(records.slice(3, 10), 0);
    assert.equal(packets(p), 10);
    assert.equal(p.offset, String(first + 10n));
    const checkpoint = p.checkpoint();
    assert.equal(checkpoint?.offset, String(first + 10n));
    const restored = new PartitionProcessor(
      { metrics: DEFAULT_METRICS, reorderWindowMs: 0, carsRateHz: 20, publish: () => {} },
      checkpoint,
    );
    const more = at(liveMix(1, 1).slice(0, 12), first);
    restored.push(more, 0);
    assert.equal(restored.offset, String(first + 12n));
    assert.equal(packets(restored) - packets(p), 2);
  });
}
