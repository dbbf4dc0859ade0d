// The per-client flow control on its own, against a socket whose buffer the test fills and drains.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { WebSocket } from "ws";
import { Client, type DeliveryStats } from "../../../bridge/gateway/client.ts";

const POLICY = { slowBufferBytes: 1000, slowTimeoutMs: 10_000, maxBufferedBytes: 1_000_000, maxQueuedEvents: 100 };

function client() {
  const sent: string[] = [];
  const ws = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send: (data: Buffer | string) => sent.push(String(data)),
    close: () => {},
    terminate: () => {},
  };
  const stats: DeliveryStats = { sent: 0, skipped: 0, throttled: 0, disconnectedSlow: 0, disconnectedDead: 0 };
  let nowMs = 0;
  const c = new Client(ws as unknown as WebSocket, "127.0.0.1", POLICY, stats, () => nowMs, 10);
  return { c, ws, sent, stats, at: (ms: number) => (nowMs = ms) };
}

test("congested: the newest state waits (skips counted) and events queue; the congestion tick sends them once drained", () => {
  const { c, ws, sent, stats, at } = client();
  ws.bufferedAmount = 5000;
  c.offer("positions", "p1");
  c.enqueue("e1");
  c.offer("positions", "p2");
  assert.deepEqual(sent, [], "nothing written while ws holds more than slowBufferBytes");
  assert.equal(stats.skipped, 1);
  at(100);
  c.check(100);
  assert.deepEqual(sent, [], "still congested");
  ws.bufferedAmount = 0;
  at(200);
  c.check(200);
  assert.deepEqual(sent.sort(), ["e1", "p2"], "the queued event and the newest state, once");
  c.check(300);
  assert.equal(sent.length, 2, "an idle tick sends nothing again");
});

test("an event held by a buffer that drains before the next tick still goes on that tick", () => {
  const { c, ws, sent } = client();
  ws.bufferedAmount = 5000;
  c.enqueue("e1");
  ws.bufferedAmount = 0; // drained between ticks: the tick never saw the congestion
  c.check(100);
  assert.deepEqual(sent, ["e1"]);
});
