// Shared rate caps: one decision per session, channel and interval, sent to all its subscribers at once.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { WebSocket } from "ws";
import { Client, type DeliveryStats, type Subscription } from "../../../bridge/gateway/client.ts";
import { Fanout } from "../../../bridge/gateway/fanout.ts";
import type { CarsMessage } from "../../../bridge/protocol/derived.ts";

const POLICY = { slowBufferBytes: 1 << 20, slowTimeoutMs: 10_000, maxBufferedBytes: 1 << 22, maxQueuedEvents: 100 };

function stats(): DeliveryStats {
  return { sent: 0, skipped: 0, throttled: 0, disconnectedSlow: 0, disconnectedDead: 0 };
}

function fakeClient(delivery: DeliveryStats, subscription: Subscription) {
  const received: string[] = [];
  const ws = { OPEN: 1, readyState: 1, bufferedAmount: 0, send: (d: Buffer) => received.push(String(d)) };
  const c = new Client(ws as unknown as WebSocket, "127.0.0.1", POLICY, delivery, Date.now, 10);
  c.subscription = subscription;
  return { c, received };
}

function cars(sessionTimeMs: number): { message: CarsMessage; bytes: Buffer } {
  const message = {
    v: 1,
    type: "cars",
    sessionUID: "9",
    sessionTimeMs,
    cars: [{ carIndex: 0, position: 1, x: 1, y: 0, z: 2, yaw: 0, speedKmh: 100 }],
  } as unknown as CarsMessage;
  return { message, bytes: Buffer.from(JSON.stringify(message)) };
}

const sub = (towerMs: number): Subscription => ({
  sessionUID: "9",
  channels: new Set(["tower"]),
  intervalMs: { positions: 50, tower: towerMs, telemetry: 0 },
});

test("subscribers at one interval share one cap: a burst reaches all of them the same way, throttles counted per subscriber", async () => {
  const delivery = stats();
  const fanout = new Fanout(delivery);
  const fans = Array.from({ length: 50 }, () => fakeClient(delivery, sub(100)));
  const slower = fakeClient(delivery, sub(500)); // maxRateHz 2: a cap of its own
  for (const f of [...fans, slower]) fanout.add(f.c);
  assert.equal(fanout.sharedCaps, 2, "one per interval in use, not one per client");
  for (let i = 0; i < 10; i++) {
    const { message, bytes } = cars(1000 + i);
    fanout.deliver(message, bytes);
  }
  await new Promise((r) => setTimeout(r, 120));
  const times = (received: string[]) => received.map((m) => JSON.parse(m).sessionTimeMs);
  for (const f of fans)
    assert.deepEqual(times(f.received), [1000, 1009], "the first at once, the newest within the interval");
  assert.deepEqual(times(slower.received), [1000], "its own, slower cap still holds the newest");
  assert.equal(delivery.throttled, 8 * 51, "each replaced message counted once per subscriber it did not reach");
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(times(slower.received), [1000, 1009]);
  for (const f of [...fans, slower]) fanout.remove(f.c);
  fanout.remove(fans[0]?.c as Client); // a second remove changes nothing
  assert.equal(fanout.sharedCaps, 0, "caps go with their last subscriber");
  fanout.close();
});
