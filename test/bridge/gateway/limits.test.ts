// Heartbeats, limits (payload, connections per address, origins, monitor token), bad inbound messages, monitor.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { connect as tcpConnect } from "node:net";
import { test } from "node:test";
import { WebSocket } from "ws";
import { waitUntil } from "../../support/wait.ts";
import { connect, startHarness } from "./harness.ts";

/** A raw TCP peer that completes the WebSocket handshake and then answers nothing (a dead peer). */
async function deadPeer(port: number): Promise<{ closed: Promise<void> }> {
  const socket = tcpConnect(port, "127.0.0.1");
  await once(socket, "connect");
  socket.write(
    `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  socket.on("data", () => {});
  return { closed: once(socket, "close").then(() => {}) };
}

async function refusedWith(url: string, options: { origin?: string } = {}): Promise<number> {
  const ws = new WebSocket(url, { origin: options.origin });
  ws.on("error", () => {});
  const [req, res] = (await once(ws, "unexpected-response")) as [{ destroy(): void }, { statusCode: number }];
  req.destroy();
  return res.statusCode;
}

test("heartbeats: a peer that answers no ping is dropped; a live client gets heartbeat messages and stays", async (t) => {
  const h = await startHarness({ heartbeatMs: 100 });
  t.after(() => h.stop());
  const live = await connect(h.url);
  t.after(() => live.close());
  const dead = await deadPeer(h.gateway.port);
  await dead.closed;
  assert.equal(h.gateway.delivery.disconnectedDead, 1);
  await live.next("heartbeat", 3);
  assert.equal(live.ws.readyState, WebSocket.OPEN);
  assert.equal(h.gateway.delivery.disconnectedDead, 1, "the live client answered every ping");
});

test("limits: an oversized message closes with 1009, connections per address are capped, foreign origins refused", async (t) => {
  const h = await startHarness({
    maxInboundBytes: 1024,
    maxConnectionsPerAddress: 2,
    allowedOrigins: ["https://allowed.example"],
  });
  t.after(() => h.stop());
  const a = await connect(h.url);
  const closed = once(a.ws, "close");
  a.ws.send(JSON.stringify({ type: "monitor", token: "x".repeat(2000) }));
  const [code] = (await closed) as [number];
  assert.equal(code, 1009);
  await waitUntil(() => h.gateway.monitor.rejections["too-large"] === 1, 5000, "too-large counted");

  const b = await connect(h.url, { origin: "http://localhost:5173" });
  const c = await connect(h.url, { origin: "https://allowed.example" });
  t.after(() => Promise.all([b.close(), c.close()]));
  await waitUntil(() => h.gateway.clients.size === 2, 5000, "two clients");
  assert.equal(await refusedWith(h.url), 429);
  assert.equal(h.gateway.monitor.rejections["too-many-connections"], 1);
  await b.close();
  await waitUntil(() => h.gateway.clients.size === 1, 5000, "one client");
  assert.equal(await refusedWith(h.url, { origin: "https://evil.example" }), 403);
  assert.equal(h.gateway.monitor.rejections.origin, 1);
  const own = await connect(h.url, { origin: `http://127.0.0.1:${h.gateway.port}` });
  await own.close();
});

test("bad inbound messages are answered with an error, counted by reason, and the connection goes on", async (t) => {
  const h = await startHarness();
  t.after(() => h.stop());
  const c = await connect(h.url);
  t.after(() => c.close());
  c.send("{not json");
  c.send("[1,2]");
  c.send({ type: "launch-missiles" });
  c.send({ type: "subscribe", sessionUID: "<script>", channels: ["tower"] });
  c.send({ type: "subscribe", sessionUID: "1", channels: ["everything"] });
  c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
  await c.next("error", 6);
  assert.deepEqual(
    c.ofType("error").map((e) => e.code),
    Array(6).fill("bad-message"),
  );
  assert.deepEqual(
    { ...h.gateway.monitor.rejections },
    { "not-json": 1, "not-object": 1, "unknown-type": 1, "bad-field": 2, binary: 1 },
  );
  c.send({ type: "leaderboard", requestId: 1, game: 2025, trackId: 11 });
  assert.deepEqual((await c.next("leaderboard-reply")).rows, []);
});

test("inbound messages are rate limited per client", async (t) => {
  const h = await startHarness();
  t.after(() => h.stop());
  const c = await connect(h.url);
  t.after(() => c.close());
  for (let i = 0; i < 80; i++) c.send({ type: "latency", samples: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 });
  await c.next("error");
  assert.equal(c.ofType("error")[0].code, "rate-limited");
  assert.ok((h.gateway.monitor.rejections["rate-limited"] ?? 0) >= 1);
});

test("the monitor needs the token when one is set; it streams rates, lag, latency and the gateway's counters", async (t) => {
  const h = await startHarness({ monitorToken: "s3cret" });
  t.after(() => h.stop());
  const c = await connect(h.url);
  t.after(() => c.close());
  c.send({ type: "monitor" });
  c.send({ type: "monitor", token: "wrong" });
  await c.next("error", 2);
  assert.deepEqual(
    c.ofType("error").map((e) => e.code),
    ["forbidden", "forbidden"],
  );
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(c.ofType("pipeline").length, 0, "nothing without the token");
  c.send({ type: "monitor", token: "s3cret" });
  c.send({ type: "latency", samples: 10, p50Ms: 40, p99Ms: 90, maxMs: 120 });
  await c.next("pipeline");
  await h.publish({
    v: 1,
    type: "monitor",
    processorId: "p1",
    atMs: Date.now(),
    counters: { consumed: 10, "rejected.truncated": 3 },
    reorder: { "reorder.late": 2 },
    latencyMs: { p50: 1, p99: 2, max: 3 },
    sessions: ["5"],
  });
  const uid = "5";
  await h.store.writeSnapshot(uid, { events: [], laps: [] }, 60_000);
  for (let i = 0; i < 20; i++) await h.publish({ v: 1, type: "cars", sessionUID: uid, sessionTimeMs: i, cars: [] });
  await waitUntil(
    () =>
      c
        .ofType("pipeline")
        .some((p) =>
          p.topics.some((r: { name: string; perSecond: number }) => r.name === "gw.cars" && r.perSecond > 0),
        ),
    10_000,
    () => `a cars rate ${JSON.stringify(c.messages.slice(-2))}`,
  );
  const p = c.ofType("pipeline").at(-1);
  assert.equal(p.gatewayId, "test");
  assert.equal(p.rejections["processor.truncated"], 3);
  assert.equal(p.rejections["gateway.forbidden"], 2);
  assert.equal(p.reorder["reorder.late"], 2);
  assert.deepEqual(
    p.processors.map((x: { id: string; sessions: number }) => [x.id, x.sessions]),
    [["p1", 1]],
  );
  assert.deepEqual(p.endToEndMs, { p50: 40, p99: 90, max: 120, samples: 10 });
  assert.ok(
    p.lag.some((l: { group: string }) => l.group === h.gateway.groupId),
    JSON.stringify(p.lag),
  );
  assert.equal(p.gateway.clients, 1);
});
