// The client's session state, in node (no DOM): a reference (ghost) car is kept out of the field.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CarState } from "../../bridge/protocol/derived.ts";
import { SessionStore } from "../../web/src/net/session-store.ts";

test("a reference car goes after the field and its lap is not the session's best", () => {
  const store = new SessionStore("42");
  const car = (carIndex: number, position: number, bestLapMs: number, reference?: true): CarState =>
    ({ carIndex, position, bestLapMs, ...(reference ? { reference } : {}) }) as CarState;
  store.apply(
    {
      v: 1,
      type: "cars",
      sessionUID: "42",
      sessionTimeMs: 1000,
      cars: [car(10, 1, 77_000, true), car(0, 1, 80_000), car(1, 2, 79_500)],
    } as never,
    0,
  );
  assert.deepEqual(
    store.order().map((c) => c.carIndex),
    [0, 1, 10],
    "the ghost, P1 by its own lap data, is listed after the field",
  );
  assert.equal(store.sessionBestMs(), 79_500, "the field's best, not the ghost's 77.000");
});
