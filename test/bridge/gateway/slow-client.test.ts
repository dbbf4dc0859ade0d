// A client that stops reading: bounded memory, counted skips, and the disconnect policy (close code 4008).
import assert from "node:assert/strict";
import type { Socket } from "node:net";
import { test } from "node:test";
import type { CarsMessage, EventMessage } from "../../../bridge/protocol/derived.ts";
import { waitUntil } from "../../support/wait.ts";
import { connect, startHarness } from "./harness.ts";

const UID = "77";
const PAD = "x".repeat(100_000);

async function seed(h: Awaited<ReturnType<typeof startHarness>>): Promise<void> {
  await h.store.heartbeatSession({ sessionUID: UID, info: {}, updatedAtMs: Date.now() }, 60_000);
  await h.store.writeSnapshot(UID, { events: [], laps: [] }, 60_000);
}

/** A 100 kB cars message: the gateway forwards it as it is. */
function bigCars(t: number): CarsMessage & { pad: string } {
  return { v: 1, type: "cars", sessionUID: UID, sessionTimeMs: t, cars: [], pad: PAD };
}

function bigEvent(n: number): EventMessage {
  return {
    v: 1,
    type: "event",
    sessionUID: UID,
    sessionTimeMs: n,
    id: `${UID}/${n}`,
    code: "FTLP",
    text: PAD.slice(0, 20_000),
  };
}

/** Watches what ws holds for the server side of each connection after every send. */
function watchBuffered(h: Awaited<ReturnType<typeof startHarness>>): { max: number } {
  const peak = { max: 0 };
  for (const sc of h.gateway.clients) {
    const send = sc.ws.send.bind(sc.ws);
    sc.ws.send = ((...args: unknown[]) => {
      (send as (...a: unknown[]) => void)(...args);
      peak.max = Math.max(peak.max, sc.ws.bufferedAmount + sc.queuedEvents * 20_000);
    }) as typeof sc.ws.send;
  }
  return peak;
}

test("a client that stops reading gets only the newest state (skips counted), then is cut off after the slow timeout", async (t) => {
  const h = await startHarness({
    rateCapsHz: { positions: 0, tower: 0, telemetry: 0, events: 0, traces: 0 },
    slowBufferBytes: 256 * 1024,
    slowTimeoutMs: 500,
  });
  t.after(() => h.stop());
  await seed(h);
  const c = await connect(h.url);
  c.send({ type: "subscribe", sessionUID: UID, channels: ["tower"] });
  await c.next("snapshot");
  const peak = watchBuffered(h);
  (c.ws as unknown as { _socket: Socket })._socket.pause();
  const closed = new Promise<number>((resolve) => c.ws.once("close", (code) => resolve(code)));
  // 30 MB offered, far more than the kernel's socket buffers on both sides hold.
  for (let i = 0; i < 300; i++) await h.publish(bigCars(i));
  await waitUntil(() => h.gateway.delivery.disconnectedSlow === 1, 20_000, "the slow client disconnected");
  assert.ok(h.gateway.delivery.skipped > 0, "newer states replaced the ones it could not take");
  // Never more than the slow threshold plus the message that crossed it.
  assert.ok(peak.max <= 256 * 1024 + 2 * 100_100, `peak buffered ${peak.max}`);
  (c.ws as unknown as { _socket: Socket })._socket.resume();
  assert.equal(await closed, 4008);
  await waitUntil(() => h.gateway.clients.size === 0, 5000, "the connection gone");
});

test("events are never skipped: a client whose event queue overflows is disconnected, with memory bounded", async (t) => {
  const h = await startHarness({ slowBufferBytes: 64 * 1024, maxQueuedEvents: 100, slowTimeoutMs: 600_000 });
  t.after(() => h.stop());
  await seed(h);
  const fast = await connect(h.url);
  t.after(() => fast.close());
  const slow = await connect(h.url);
  for (const c of [fast, slow]) c.send({ type: "subscribe", sessionUID: UID, channels: ["events"] });
  await fast.next("snapshot");
  await slow.next("snapshot");
  const peak = watchBuffered(h);
  (slow.ws as unknown as { _socket: Socket })._socket.pause();
  const queuedMax = { n: 0 };
  for (let i = 0; i < 600; i++) {
    await h.publish(bigEvent(i));
    // The reading client reads in this process too: let it.
    await new Promise((r) => setImmediate(r));
    for (const sc of h.gateway.clients) queuedMax.n = Math.max(queuedMax.n, sc.queuedEvents);
  }
  await waitUntil(
    () => h.gateway.delivery.disconnectedSlow === 1,
    20_000,
    () =>
      `the slow client disconnected ${JSON.stringify(h.gateway.delivery)} ${[...h.gateway.clients].map((c) => [c.ws.bufferedAmount, c.queuedEvents])}`,
  );
  assert.ok(queuedMax.n <= 100, `queue held ${queuedMax.n}`);
  assert.ok(peak.max <= 64 * 1024 + 101 * 20_100, `peak ${peak.max}`);
  // The reading client got every event, in order.
  await fast.next("event", 600, 20_000);
  assert.deepEqual(
    fast.ofType("event").map((e) => e.sessionTimeMs),
    Array.from({ length: 600 }, (_, i) => i),
  );
  await waitUntil(() => h.gateway.clients.size === 1, 5000, "the slow connection gone");
  assert.equal(h.gateway.delivery.disconnectedSlow, 1);
});

test("a client over the hard buffer limit is disconnected at once", async (t) => {
  const h = await startHarness({ slowBufferBytes: 32 * 1024, maxBufferedBytes: 512 * 1024, slowTimeoutMs: 600_000 });
  t.after(() => h.stop());
  await seed(h);
  const c = await connect(h.url);
  c.send({ type: "subscribe", sessionUID: UID, channels: ["events"] });
  await c.next("snapshot");
  (c.ws as unknown as { _socket: Socket })._socket.pause();
  for (let i = 0; i < 600 && h.gateway.delivery.disconnectedSlow === 0; i++) await h.publish(bigEvent(i));
  await waitUntil(() => h.gateway.delivery.disconnectedSlow === 1, 20_000, "disconnected");
  c.ws.terminate();
});
