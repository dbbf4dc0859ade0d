// The rate cap's choice of which message goes: a source faster than the cap gets its newest message sent as it
// arrives, not an older one held for the slot; a source that stops still has its last message sent.
import assert from "node:assert/strict";
import { mock, test } from "node:test";
import { CappedSlot } from "../../../bridge/gateway/capped-slot.ts";

test("a 20 Hz source against a 4 Hz cap: each message sent is fresh, at most 4 a second, the newest never lost", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    let clock = 0;
    const sent: { atMs: number; madeMs: number }[] = [];
    const slot = new CappedSlot<number>(
      250,
      () => clock,
      (madeMs) => sent.push({ atMs: clock, madeMs }),
    );
    for (let t = 0; t <= 2000; t += 5) {
      clock = t;
      mock.timers.tick(5);
      if (t % 50 === 0) {
        slot.offer(t);
        slot.release();
      }
    }
    // The source stops: its last message (made at 2000 ms) still goes.
    for (let t = 2005; t <= 2400; t += 5) {
      clock = t;
      mock.timers.tick(5);
    }
    assert.equal(sent.at(-1)?.madeMs, 2000, "the newest is never lost");
    const live = sent.filter((s) => s.madeMs < 2000);
    assert.ok(live.length >= 8 && live.length <= 9, `${live.length} sent in 2 s at 4 Hz`);
    for (const s of live) assert.equal(s.atMs - s.madeMs, 0, `sent as it came, not held: ${JSON.stringify(s)}`);
    for (let i = 1; i < sent.length; i++) {
      assert.ok((sent[i]?.atMs ?? 0) - (sent[i - 1]?.atMs ?? 0) >= 125, "never faster than the cap's tolerance");
    }
  } finally {
    mock.timers.reset();
  }
});
