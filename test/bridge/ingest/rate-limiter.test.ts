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

test("the table of sources is bounded and forgets the least recently seen", () => {
  const limiter = new RateLimiter(1, 2);
  assert.equal(limiter.allow("a", 0), true);
  assert.equal(limiter.allow("b", 0), true);
  assert.equal(limiter.allow("a", 0), false, "a is empty and now the most recent");
  assert.equal(limiter.allow("c", 0), true, "c evicts b");
  assert.equal(limiter.allow("a", 0), false, "a was kept");
  assert.equal(limiter.allow("b", 0), true, "b was forgotten: a fresh bucket");
});
