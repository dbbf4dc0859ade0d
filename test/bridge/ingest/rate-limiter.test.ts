import assert from "node:assert/strict";
import { test } from "node:test";
import { RateLimiter } from "../../../bridge/ingest/rate-limiter.ts";

test("a source gets a one-second burst, then its rate", () => {
  const limiter = new RateLimiter(100);
  let passed = 0;
  for (let i = 0; i < 150; i++) if (limiter.allow("a", 0)) passed++;
  assert.equal(passed, 100);
  assert.equal(limiter.allow("a", 5), false, "half a token after 5 ms");
  assert.equal(limiter.allow("a", 10), true, "one token after 10 ms");
  let later = 0;
  for (let i = 0; i < 100; i++) if (limiter.allow("a", 510)) later++;
  assert.equal(later, 50);
});

test("sources are limited independently", () => {
  const limiter = new RateLimiter(2);
  assert.equal(limiter.allow("a", 0), true);
  assert.equal(limiter.allow("a", 0), true);
  assert.equal(limiter.allow("a", 0), false);
  assert.equal(limiter.allow("b", 0), true);
});

test("rate 0 means unlimited", () => {
  const limiter = new RateLimiter(0);
  for (let i = 0; i < 10000; i++) assert.equal(limiter.allow("a", 0), true);
});

test("a full bucket holds one second's worth: idling longer earns no bigger burst", () => {
  const limiter = new RateLimiter(100);
  for (let i = 0; i < 100; i++) limiter.allow("a", 0);
  let passed = 0;
  for (let i = 0; i < 2000; i++) if (limiter.allow("a", 10_000)) passed++;
  assert.equal(passed, 100, "ten idle seconds still cap the burst at one second's worth");
});

test("cycling through more sources than the table holds never earns a fresh bucket", () => {
  const limiter = new RateLimiter(2);
  const sources = Array.from({ length: 5000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  const passed = new Map<string, number>();
  for (let round = 0; round < 5; round++) {
    for (const s of sources) if (limiter.allow(s, round)) passed.set(s, (passed.get(s) ?? 0) + 1);
  }
  const total = [...passed.values()].reduce((a, b) => a + b, 0);
  assert.ok(Math.max(...passed.values()) <= 2, "no source passed more than its one-second burst");
  // 4096 remembered sources with a burst of 2 each, plus one shared bucket (2) for all the others.
  assert.ok(total <= 4096 * 2 + 2, `${total} passed`);
});

test("a source forgotten after idling a full second starts over; the table stays bounded", () => {
  const limiter = new RateLimiter(1, 2);
  assert.equal(limiter.allow("a", 0), true);
  assert.equal(limiter.allow("b", 0), true);
  assert.equal(limiter.allow("c", 0), true, "table full: c takes the shared overflow bucket");
  assert.equal(limiter.allow("d", 0), false, "the overflow bucket is empty too");
  assert.equal(limiter.allow("a", 0), false, "a was not forgotten while it could still be limited");
  assert.equal(limiter.allow("b", 1500), true, "b refilled");
  assert.equal(limiter.allow("e", 1500), true, "a idled a full second: forgetting it grants nothing");
  assert.equal(limiter.allow("e", 1500), false, "e has its own bucket now");
});
