// Inbound browser messages: what is accepted as it is, what is refused and why.
import assert from "node:assert/strict";
import { test } from "node:test";
import { validateClientMessage } from "../../../bridge/protocol/web-validate.ts";

const ok = (raw: unknown) => {
  const r = validateClientMessage(JSON.stringify(raw));
  assert.ok(r.ok, JSON.stringify(r));
  return r.message;
};
const reason = (raw: string) => {
  const r = validateClientMessage(raw);
  return r.ok ? "ok" : r.reason;
};

test("valid messages come back as the protocol's types, unknown extra fields dropped", () => {
  assert.deepEqual(
    ok({ type: "subscribe", sessionUID: "18446744073709551615", channels: ["tower", "tower", "events"], extra: 1 }),
    {
      type: "subscribe",
      sessionUID: "18446744073709551615",
      channels: ["tower", "events"],
      carIndex: undefined,
      maxRateHz: undefined,
    },
  );
  assert.equal(ok({ type: "unsubscribe" }).type, "unsubscribe");
  assert.deepEqual(ok({ type: "monitor", token: "t" }), { type: "monitor", token: "t" });
  assert.equal(
    ok({ type: "trace", requestId: 1, source: { kind: "leaderboard", game: 2025, trackId: 11, driver: "A" } }).type,
    "trace",
  );
  assert.equal(ok({ type: "leaderboard", requestId: 2, game: 2025, trackId: 11, count: 5 }).type, "leaderboard");
  assert.equal(ok({ type: "latency", samples: 3, p50Ms: 1.5, p99Ms: 2, maxMs: 3 }).type, "latency");
});

test("bad messages are refused by reason, never thrown", () => {
  assert.equal(reason("{"), "not-json");
  assert.equal(reason("null"), "not-object");
  assert.equal(reason('"subscribe"'), "not-object");
  assert.equal(reason('{"type":"toString"}'), "unknown-type");
  assert.equal(reason('{"type":"__proto__"}'), "unknown-type");
  assert.equal(reason('{"channels":[]}'), "unknown-type");
  const bad = [
    { type: "subscribe", sessionUID: 12, channels: [] },
    { type: "subscribe", sessionUID: "1e3", channels: [] },
    { type: "subscribe", sessionUID: "1", channels: "tower" },
    { type: "subscribe", sessionUID: "1", channels: ["tower"], carIndex: -1 },
    { type: "subscribe", sessionUID: "1", channels: ["tower"], maxRateHz: Number.NaN },
    { type: "trace", requestId: 1, source: { kind: "file", path: "/etc/passwd" } },
    { type: "trace", requestId: 1.5, source: { kind: "session", sessionUID: "1", carIndex: 0, lap: 1 } },
    { type: "trace", requestId: 1, source: null },
    { type: "leaderboard", requestId: 1, game: 2025, trackId: 11, count: 10_000 },
    { type: "monitor", token: "x".repeat(300) },
    { type: "latency", samples: 1, p50Ms: "1", p99Ms: 1, maxMs: 1 },
  ];
  for (const m of bad) assert.equal(reason(JSON.stringify(m)), "bad-field", JSON.stringify(m));
});
