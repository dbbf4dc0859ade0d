import assert from "node:assert/strict";
import { test } from "node:test";
import { type Entry, Impairer, NO_IMPAIRMENTS, type PlannedSend } from "../../../simulator/replay/impair.ts";
import { seededRandom } from "../../../simulator/replay/rng.ts";

const entries = (n: number): Entry[] =>
  Array.from({ length: n }, (_, i) => ({ bytes: Buffer.from([i & 0xff, i >> 8]), dueUs: i * 1000, source: undefined }));
const id = (s: PlannedSend) => (s.bytes[0] as number) | ((s.bytes[1] as number) << 8);

function plan(options: Partial<typeof NO_IMPAIRMENTS>, seed: number, n = 10_000) {
  const impairer = new Impairer({ ...NO_IMPAIRMENTS, ...options }, seededRandom(seed));
  const sends = entries(n).flatMap((e) => impairer.push(e));
  sends.push(...impairer.flush());
  return { sends, counts: impairer.counts };
}

test("no impairments: every entry once, in order, on time, and no random draws", () => {
  let draws = 0;
  const random = {
    next: () => {
      draws++;
      return 0.5;
    },
    nextU64: () => 1n,
  };
  const impairer = new Impairer(NO_IMPAIRMENTS, random);
  const sends = entries(100).flatMap((e) => impairer.push(e));
  assert.deepEqual(sends.map(id), [...Array(100).keys()]);
  assert.ok(sends.every((s, i) => s.dueUs === i * 1000 && s.delayUs === 0));
  assert.equal(draws, 0);
});

test("loss, duplicates and reordering with a fixed seed: counts near their probabilities, sends that add up, the same plan every time", () => {
  const { sends, counts } = plan({ loss: 0.05, duplicate: 0.02, reorder: 0.03 }, 42);
  assert.equal(counts.entries, 10_000);
  assert.ok(Math.abs(counts.lost - 500) < 90, `lost ${counts.lost}`);
  assert.ok(Math.abs(counts.duplicated - 190) < 60, `duplicated ${counts.duplicated}`);
  assert.ok(Math.abs(counts.reordered - 285) < 70, `reordered ${counts.reordered}`);
  assert.equal(sends.length, counts.entries - counts.lost + counts.duplicated);
  // Every kept entry is sent, duplicates twice (back to back), nothing else.
  const seen = new Map<number, number>();
  for (const s of sends) seen.set(id(s), (seen.get(id(s)) ?? 0) + 1);
  assert.equal(seen.size, counts.entries - counts.lost);
  assert.equal([...seen.values()].filter((v) => v === 2).length, counts.duplicated);
  // Out of order exactly where an entry was held back: one place per reordered entry.
  const unique = sends.filter((s, i) => i === 0 || id(sends[i - 1] as PlannedSend) !== id(s)).map(id);
  const inversions = unique.filter((v, i) => i > 0 && v < (unique[i - 1] as number)).length;
  assert.equal(inversions, counts.reordered);
  // The held-back one goes at the due time of the one that overtook it.
  const again = plan({ loss: 0.05, duplicate: 0.02, reorder: 0.03 }, 42);
  assert.deepEqual(again.counts, counts);
  assert.deepEqual(again.sends.map(id), sends.map(id));
  const other = plan({ loss: 0.05, duplicate: 0.02, reorder: 0.03 }, 43);
  assert.notDeepEqual(other.sends.map(id), sends.map(id));
});

test("reordering: the held entry follows the next kept one, at its time; one held at the end goes out on flush", () => {
  const always = { next: () => 0, nextU64: () => 1n }; // every draw below every probability
  const impairer = new Impairer({ ...NO_IMPAIRMENTS, reorder: 1 }, always);
  const [a, b, c] = entries(3) as [Entry, Entry, Entry];
  assert.deepEqual(impairer.push(a), []);
  const second = impairer.push(b);
  assert.deepEqual(second.map(id), [1, 0]);
  assert.deepEqual(
    second.map((s) => s.dueUs),
    [1000, 1000],
  );
  assert.deepEqual(impairer.push(c), []);
  assert.deepEqual(impairer.flush().map(id), [2]);
  assert.equal(impairer.counts.reordered, 1);
});

test("loss 1 sends nothing; jitter delays every send by 0 to the maximum", () => {
  assert.equal(plan({ loss: 1 }, 1, 100).sends.length, 0);
  const { sends } = plan({ jitterUs: 5000 }, 7, 2000);
  assert.equal(sends.length, 2000);
  assert.ok(sends.every((s) => s.delayUs >= 0 && s.delayUs < 5000));
  const mean = sends.reduce((sum, s) => sum + s.delayUs, 0) / sends.length;
  assert.ok(Math.abs(mean - 2500) < 200, `mean delay ${mean}`);
});
