// The contract both bus back-ends honour: partitions by key, order per key, consumer groups with offsets.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import type { Bus, BusRecord, ConsumedRecord } from "../../../bridge/bus/types.ts";

export interface BusUnderTest {
  readonly bus: Bus;
  readonly prefix: string;
  cleanup(): Promise<void>;
}

const record = (key: string, n: number): BusRecord => ({
  key,
  value: Buffer.from(`${key}:${n}`),
  headers: { n: String(n) },
  timestampMs: 1_700_000_000_000 + n,
});

async function collect(bus: Bus, groupId: string, topic: string, count: number, timeoutMs = 20_000, ephemeral = false) {
  const got: ConsumedRecord[] = [];
  let resolve: () => void = () => {};
  const done = new Promise<void>((r) => {
    resolve = r;
  });
  const sub = await bus.subscribe({
    groupId,
    topics: [topic],
    fromBeginning: true,
    ephemeral,
    onRecords: (records) => {
      got.push(...records);
      if (got.length >= count) resolve();
    },
  });
  await Promise.race([done, new Promise((r) => setTimeout(r, timeoutMs))]);
  await sub.stop();
  return got;
}

export function busContract(name: string, make: () => Promise<BusUnderTest>): void {
  describe(`${name}: bus contract`, () => {
    test("records of one key keep their order, with value, headers and timestamp intact", async () => {
      const { bus, prefix, cleanup } = await make();
      try {
        const topic = `${prefix}.${randomUUID()}`;
        await bus.connect();
        await bus.ensureTopics([{ topic, partitions: 3, retentionMs: 3_600_000 }]);
        await bus.ensureTopics([{ topic, partitions: 3, retentionMs: 3_600_000 }]); // idempotent
        const sent = ["a", "b", "c", "d"].flatMap((k) => Array.from({ length: 25 }, (_, i) => record(k, i)));
        await bus.write(topic, sent.slice(0, 50));
        await bus.write(topic, sent.slice(50));
        const got = await collect(bus, `g-${randomUUID()}`, topic, sent.length);
        assert.equal(got.length, sent.length);
        for (const key of ["a", "b", "c", "d"]) {
          const mine = got.filter((r) => r.key === key);
          assert.deepEqual(
            mine.map((r) => Buffer.from(r.value).toString()),
            Array.from({ length: 25 }, (_, i) => `${key}:${i}`),
          );
          assert.equal(new Set(mine.map((r) => r.partition)).size, 1, "one key, one partition");
          assert.deepEqual(
            mine.map((r) => r.headers.n),
            Array.from({ length: 25 }, (_, i) => String(i)),
          );
          assert.equal(mine[3]?.timestampMs, 1_700_000_000_003);
        }
      } finally {
        await cleanup();
      }
    });

    /** A member of a group reads records 1 and 2 and stops; 3 is written; the same group id reads again. */
    async function readAgain(ephemeral: boolean): Promise<string[]> {
      const { bus, prefix, cleanup } = await make();
      try {
        const topic = `${prefix}.${randomUUID()}`;
        const group = `g-${randomUUID()}`;
        await bus.connect();
        await bus.ensureTopics([{ topic, partitions: 1, retentionMs: 3_600_000 }]);
        await bus.write(topic, [record("k", 1), record("k", 2)]);
        assert.equal((await collect(bus, group, topic, 2, 20_000, ephemeral)).length, 2);
        await bus.write(topic, [record("k", 3)]);
        return (await collect(bus, group, topic, ephemeral ? 3 : 1)).map((r) => String(r.headers.n));
      } finally {
        await cleanup();
      }
    }

    test("a consumer group resumes from its committed offsets", async () => {
      assert.deepEqual(await readAgain(false), ["3"]);
    });
    test("an ephemeral group goes with its member: the same group id later starts afresh", async () => {
      // No offsets kept: from the beginning again, not from 3 as a lasting group resumes.
      assert.deepEqual(await readAgain(true), ["1", "2", "3"]);
    });
    test("manual commit: assigned partitions are announced, and a new member resumes from the last commit only", async () => {
      const { bus, prefix, cleanup } = await make();
      try {
        const topic = `${prefix}.${randomUUID()}`;
        const group = `g-${randomUUID()}`;
        await bus.connect();
        await bus.ensureTopics([{ topic, partitions: 2, retentionMs: 3_600_000 }]);
        await bus.write(
          topic,
          Array.from({ length: 10 }, (_, i) => record("k", i)),
        );
        const assigned: number[] = [];
        const got: ConsumedRecord[] = [];
        const first = await bus.subscribe({
          groupId: group,
          topics: [topic],
          fromBeginning: true,
          manualCommit: true,
          onAssigned: (parts) => {
            assigned.push(...parts.filter((p) => p.topic === topic).map((p) => p.partition));
          },
          onRecords: (records) => {
            got.push(...records);
          },
        });
        const deadline = Date.now() + 20_000;
        while (got.length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        assert.equal(got.length, 10);
        assert.deepEqual([...assigned].sort(), [0, 1], "every partition announced");
        const partition = got[0]?.partition as number;
        await first.commit([{ topic, partition, offset: "4" }]);
        await first.stop();
        // Nothing past offset 4 was committed: a new member of the group reads 4..9 again.
        const again = await collect(bus, group, topic, 6);
        assert.deepEqual(
          again.map((r) => r.headers.n),
          ["4", "5", "6", "7", "8", "9"],
        );
      } finally {
        await cleanup();
      }
    });
  });
}
