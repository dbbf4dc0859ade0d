import assert from "node:assert/strict";
import { test } from "node:test";
import { type LabelBox, unclutteredLabels } from "../../web/src/scene/label-declutter.ts";

const at = (left: number, top: number): LabelBox => ({ left, top, right: left + 77, bottom: top + 24 });

test("labels on a grid start: the first in priority order wins each overlap, separate ones all show", () => {
  // Twenty cars two abreast, 8 px apart on screen: their labels overlap their neighbours'.
  const grid = Array.from({ length: 20 }, (_, i) => at(400 + (i % 2) * 30, 300 + Math.floor(i / 2) * 8));
  const shown = unclutteredLabels(grid);
  assert.equal(shown[0], 0, "the leader (first in priority) always shows");
  assert.ok(shown.length < 8, `only labels that do not cover each other: ${shown}`);
  for (const a of shown) {
    for (const b of shown) {
      if (a >= b) continue;
      const [p, q] = [grid[a] as LabelBox, grid[b] as LabelBox];
      const overlap = p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
      assert.ok(!overlap, `labels ${a} and ${b} overlap`);
    }
  }
  const spread = Array.from({ length: 20 }, (_, i) => at(i * 100, (i % 3) * 40));
  assert.equal(unclutteredLabels(spread).length, 20, "cars apart: every label");
});

test("a label off screen (behind the camera) is skipped and takes no room", () => {
  assert.deepEqual(unclutteredLabels([undefined, at(0, 0), at(10, 10), at(200, 0)]), [1, 3]);
});
