// Subscription: the session list, the snapshot first then live, encode once, rate caps, reconnect, requests.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CarsMessage, EventMessage, LapMessage, LapTraceMessage } from "../../../bridge/protocol/derived.ts";
import { MemoryStateStore } from "../../../bridge/state/memory-store.ts";
import type { LiveStateStore } from "../../../bridge/state/types.ts";
import { waitUntil } from "../../support/wait.ts";
import { connect, startHarness } from "./harness.ts";

const UID = "1234567890123456789";

function cars(t: number, n = 3): CarsMessage {
  return {
    v: 1,
    type: "cars",
    sessionUID: UID,
    sessionTimeMs: t,
    receivedAtUs: Date.now() * 1000,
    cars: Array.from({ length: n }, (_, i) => ({ carIndex: i, x: i * 10, y: 1, z: t, yaw: 0.5, speedKmh: 200 + i })),
  };
}

function lap(n: number): LapMessage {
  return {
    v: 1,
    type: "lap",
    sessionUID: UID,
    sessionTimeMs: n * 90_000,
    id: `${UID}/0/${n}`,
    carIndex: 0,
    driver: "VERSTAPPEN",
    lap: n,
    timeMs: 90_000 + n,
    sectorsMs: [30_000, 30_000, 30_000 + n],
    valid: true,
    personalBest: false,
    sessionBest: false,
  };
}

function event(n: number): EventMessage {
  return {
    v: 1,
    type: "event",
    sessionUID: UID,
    sessionTimeMs: n,
    id: `${UID}/${n}/FTLP/0`,
    code: "FTLP",
    text: `event ${n}`,
  };
}

const session = {
  v: 1,
  type: "session",
  sessionUID: UID,
  sessionTimeMs: 0,
  packetFormat: 2025,
  trackId: 11,
  track: "Monza",
  playerCarIndex: 1,
  participants: [],
  sources: ["127.0.0.1:5000"],
} as const;

async function seed(store: LiveStateStore, laps: LapMessage[] = [lap(1)]): Promise<void> {
  await store.heartbeatSession(
    { sessionUID: UID, info: { track: "Monza", trackId: 11, packetFormat: 2025 }, updatedAtMs: Date.now() },
    60_000,
  );
  await store.writeSnapshot(UID, { session, cars: cars(5), events: [event(1)], laps }, 60_000);
  await store.submitLap(
    { game: 2025, trackId: 11 },
    { driver: "VERSTAPPEN", lapTimeMs: 90_001, details: { ...lap(1) } },
  );
}

test("on connect: welcome, then the session list; a session coming later sends the list again", async (t) => {
  const h = await startHarness();
  t.after(() => h.stop());
  const c = await connect(h.url);
  t.after(() => c.close());
  const welcome = await c.next("welcome");
  assert.equal(welcome.v, 1);
  assert.deepEqual(welcome.rateCapsHz, { positions: 20, tower: 4, telemetry: 0, events: 0, traces: 0 });
  assert.ok(Math.abs(welcome.atMs - Date.now()) < 5000, "the gateway's clock, for the browser to age server times");
  assert.deepEqual((await c.next("sessions")).sessions, []);
  assert.equal(c.messages[0].type, "welcome");
  await seed(h.store);
  const list = await c.next("sessions", 2);
  assert.deepEqual(
    list.sessions.map((s: { sessionUID: string; track: string }) => [s.sessionUID, s.track]),
    [[UID, "Monza"]],
  );
});

test("the session list goes again while a session is live, so its 'updated' time stays true", async (t) => {
  const h = await startHarness();
  t.after(() => h.stop());
  const heartbeat = (updatedAtMs: number) =>
    h.store.heartbeatSession(
      { sessionUID: UID, info: { track: "Monza", trackId: 11, packetFormat: 2025 }, updatedAtMs },
      60_000,
    );
  const stale = Date.now() - 20_000;
  await heartbeat(stale);
  const c = await connect(h.url);
  t.after(() => c.close());
  await waitUntil(() => c.ofType("sessions").some((m) => m.sessions.length === 1), 5000, "the session listed");
  assert.equal(c.ofType("sessions").at(-1).sessions[0].updatedAtMs, stale);
  const fresh = Date.now();
  await heartbeat(fresh);
  await waitUntil(
    () => c.ofType("sessions").at(-1).sessions[0]?.updatedAtMs === fresh,
    5000,
    "the list again with the new heartbeat's time",
  );
});

test("a subscriber gets the snapshot (store snapshot, recent events, leaderboard) before any live message", async (t) => {
  // The store's snapshot read waits until released: live messages published meanwhile must come after it.
  const inner = new MemoryStateStore() as unknown as LiveStateStore;
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const store = Object.create(inner) as LiveStateStore;
  store.readSnapshot = async (uid) => {
    await gate;
    return inner.readSnapshot(uid);
  };
  await seed(inner);
  const h = await startHarness({}, store);
  t.after(() => h.stop());
  const c = await connect(h.url);
  t.after(() => c.close());
  c.send({ type: "subscribe", sessionUID: UID, channels: ["tower", "positions", "events"] });
  await waitUntil(() => h.gateway.fanout.subscribers() === 1, 5000, "the subscription");
  await h.publish(cars(100), lap(2), event(2));
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(
    c.ofType("cars").length + c.ofType("lap").length + c.ofType("event").length,
    0,
    "nothing before the snapshot",
  );
  release();
  const snap = await c.next("snapshot");
  await c.next("lap");
  await c.next("event");
  await c.next("cars");
  const order = c.messages.map((m) => m.type);
  assert.ok(order.indexOf("snapshot") < order.indexOf("lap") && order.indexOf("snapshot") < order.indexOf("cars"));
  assert.equal(snap.session.track, "Monza");
  assert.deepEqual(
    snap.laps.map((l: LapMessage) => l.id),
    [lap(1).id],
  );
  assert.deepEqual(
    snap.events.map((e: EventMessage) => e.id),
    [event(1).id],
  );
  assert.deepEqual(snap.leaderboard, [
    {
      driver: "VERSTAPPEN",
      lapTimeMs: 90_001,
      sessionUID: UID,
      carIndex: 0,
      lap: 1,
      sectorsMs: [30_000, 30_000, 30_001],
    },
  ]);
  assert.equal(c.ofType("lap")[0].id, lap(2).id);
});

test("each update is encoded once: the same bytes object to every subscriber, positions made once per cars message", async (t) => {
  const h = await startHarness({ rateCapsHz: { positions: 0, tower: 0, telemetry: 0, events: 0, traces: 0 } });
  t.after(() => h.stop());
  await seed(h.store);
  const clients = await Promise.all([1, 2, 3].map(() => connect(h.url)));
  t.after(() => Promise.all(clients.map((c) => c.close())));
  for (const c of clients) c.send({ type: "subscribe", sessionUID: UID, channels: ["tower", "positions", "events"] });
  for (const c of clients) await c.next("snapshot");
  // What the server hands ws, per server-side socket.
  const sent: unknown[][] = [];
  for (const sc of h.gateway.clients) {
    const list: unknown[] = [];
    sent.push(list);
    const send = sc.ws.send.bind(sc.ws);
    sc.ws.send = ((data: unknown, ...rest: unknown[]) => {
      list.push(data);
      return (send as (...a: unknown[]) => void)(data, ...rest);
    }) as typeof sc.ws.send;
  }
  const before = { ...h.gateway.fanout.stats };
  const published = [cars(200), cars(250), cars(300)];
  await h.publish(...published, lap(3));
  for (const c of clients) await c.next("positions", 3);
  for (const c of clients) await c.next("cars", 3);
  for (const c of clients) await c.next("lap");
  assert.equal(h.gateway.fanout.stats.encoded - before.encoded, 3, "one positions encoding per cars message");
  assert.equal(h.gateway.fanout.stats.forwarded - before.forwarded, 4, "three cars and one lap forwarded");
  // Byte for byte as published; one Buffer instance shared by the three sockets.
  for (const c of clients)
    assert.deepEqual(
      c.texts.filter((x) => x.startsWith('{"v":1,"type":"cars"')),
      published.map((m) => JSON.stringify(m)),
    );
  const [s0 = [], s1 = [], s2 = []] = sent;
  assert.equal(sent.length, 3);
  assert.ok(s0.length >= 7, "three positions, three cars, a lap");
  for (let i = 0; i < s0.length; i++) {
    assert.ok(Buffer.isBuffer(s0[i]));
    assert.equal(s1[i], s0[i]);
    assert.equal(s2[i], s0[i]);
  }
  assert.equal(clients[0]?.ofType("positions")[2].cars[2].join(), [2, 20, 1, 300, 0.5, 202].join());
});

test("rate caps: a burst sends the first at once and the newest within the interval; telemetry goes at the game's rate", async (t) => {
  const h = await startHarness();
  t.after(() => h.stop());
  await seed(h.store);
  const c = await connect(h.url);
  t.after(() => c.close());
  c.send({ type: "subscribe", sessionUID: UID, channels: ["tower", "telemetry"] });
  await c.next("snapshot");
  const throttled = h.gateway.delivery.throttled;
  const burst = Array.from({ length: 50 }, (_, i) => cars(1000 + i));
  const telemetry = Array.from(
    { length: 30 },
    (_, i) =>
      ({
        v: 1,
        type: "telemetry",
        sessionUID: UID,
        sessionTimeMs: 1000 + i,
        carIndex: 1,
        speedKmh: 100,
        throttle: 1,
        brake: 0,
        steer: 0,
        gear: 5,
        rpm: 10_000,
        drs: false,
      }) as const,
  );
  // Another car's telemetry: not the player car (1), so not this client's.
  const other = { ...telemetry[0], carIndex: 4 };
  await h.bus.write(
    "gw.cars",
    burst.map((m) => ({ key: UID, value: Buffer.from(JSON.stringify(m)), headers: {}, timestampMs: 0 })),
  );
  await h.bus.write(
    "gw.telemetry",
    [...telemetry, other].map((m) => ({
      key: UID,
      value: Buffer.from(JSON.stringify(m)),
      headers: {},
      timestampMs: 0,
    })),
  );
  await c.next("cars", 2);
  await c.next("telemetry", 30);
  await new Promise((r) => setTimeout(r, 600));
  assert.deepEqual(
    c.ofType("cars").map((m) => m.sessionTimeMs),
    [1000, 1049],
    "first and newest of the burst",
  );
  assert.equal(h.gateway.delivery.throttled - throttled, 48);
  assert.deepEqual(
    c.ofType("telemetry").map((m) => m.carIndex),
    Array(30).fill(1),
  );
});

test("rate caps: a source at the capped rate with jitter goes through as it comes; twice the rate is halved", async (t) => {
  const h = await startHarness();
  t.after(() => h.stop());
  await seed(h.store);
  const c = await connect(h.url);
  t.after(() => c.close());
  c.send({ type: "subscribe", sessionUID: UID, channels: ["tower"] });
  await c.next("snapshot");
  const write = (m: ReturnType<typeof cars>) =>
    h.bus.write("gw.cars", [{ key: UID, value: Buffer.from(JSON.stringify(m)), headers: {}, timestampMs: 0 }]);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  // The tower's 4 Hz cap (250 ms) against a 4 Hz source whose intervals wobble by 40 ms either way.
  const throttled = h.gateway.delivery.throttled;
  const waits: number[] = [];
  for (let i = 0; i < 8; i++) {
    const at = performance.now();
    await write(cars(2000 + i));
    await c.next("cars", i + 1);
    waits.push(performance.now() - at);
    await sleep(i % 2 === 0 ? 210 : 290);
  }
  assert.equal(h.gateway.delivery.throttled - throttled, 0, "none held back or replaced");
  // Against the bus's own delivery time (the median wait), none waits longer: a fixed slot held every other one 40 ms.
  const median = [...waits].sort((a, b) => a - b)[4] as number;
  assert.ok(Math.max(...waits) - median < 15, `each sent as it came: ${waits.map(Math.round)} ms`);
  // Twice the capped rate for 2 s: about half goes (never more than the cap allows, plus its one-message burst).
  const before = c.ofType("cars").length;
  const started = performance.now();
  for (let i = 0; i < 16; i++) {
    await write(cars(3000 + i));
    await sleep(125);
  }
  const elapsedS = (performance.now() - started) / 1000;
  await sleep(300);
  const sent = c.ofType("cars").length - before;
  assert.ok(sent <= Math.ceil(elapsedS * 4) + 1, `${sent} sent in ${elapsedS.toFixed(2)} s`);
  assert.ok(sent >= Math.floor(elapsedS * 4) - 1, `${sent} sent in ${elapsedS.toFixed(2)} s`);
  assert.equal(c.ofType("cars").at(-1)?.sessionTimeMs, 3015, "the newest is never lost");
});

test("maxRateHz lowers a client's caps, never raises them", async (t) => {
  const h = await startHarness();
  t.after(() => h.stop());
  await seed(h.store);
  const c = await connect(h.url);
  t.after(() => c.close());
  c.send({ type: "subscribe", sessionUID: UID, channels: ["positions"], maxRateHz: 2 });
  await c.next("snapshot");
  const sub = [...h.gateway.clients][0]?.subscription;
  assert.equal(sub?.intervalMs.positions, 500);
  c.send({ type: "subscribe", sessionUID: UID, channels: ["positions"], maxRateHz: 1000 });
  await c.next("snapshot", 2);
  assert.equal([...h.gateway.clients][0]?.subscription?.intervalMs.positions, 50);
});

test("reconnecting (or subscribing again) starts from a fresh snapshot", async (t) => {
  const h = await startHarness();
  t.after(() => h.stop());
  await seed(h.store);
  const a = await connect(h.url);
  a.send({ type: "subscribe", sessionUID: UID, channels: ["events"] });
  assert.equal((await a.next("snapshot")).laps.length, 1);
  await a.close();
  await h.store.writeSnapshot(UID, { session, events: [], laps: [lap(1), lap(2)] }, 60_000);
  const b = await connect(h.url);
  t.after(() => b.close());
  b.send({ type: "subscribe", sessionUID: UID, channels: ["events"] });
  assert.equal((await b.next("snapshot")).laps.length, 2);
  await h.store.writeSnapshot(UID, { session, events: [], laps: [lap(1), lap(2), lap(3)] }, 60_000);
  b.send({ type: "subscribe", sessionUID: UID, channels: ["events"] });
  assert.equal((await b.next("snapshot", 2)).laps.length, 3);
  await h.publish(lap(4));
  assert.equal((await b.next("lap")).id, lap(4).id, "one subscription, not two: the lap arrives once");
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(b.ofType("lap").length, 1);
});

test("an unknown session is refused; unsubscribe stops the live messages", async (t) => {
  const h = await startHarness();
  t.after(() => h.stop());
  await seed(h.store);
  const c = await connect(h.url);
  t.after(() => c.close());
  c.send({ type: "subscribe", sessionUID: "99", channels: ["events"] });
  assert.equal((await c.next("error")).code, "unknown-session");
  c.send({ type: "subscribe", sessionUID: UID, channels: ["events"] });
  await c.next("snapshot");
  c.send({ type: "unsubscribe" });
  await waitUntil(() => h.gateway.fanout.subscribers() === 0, 5000, "unsubscribed");
  await h.publish(lap(5));
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(c.ofType("lap").length, 0);
});

test("trace and leaderboard requests are answered from the store; live traces go to the traces channel", async (t) => {
  const trace: LapTraceMessage = {
    v: 1,
    type: "trace",
    sessionUID: UID,
    sessionTimeMs: 1,
    id: `${UID}/0/1`,
    carIndex: 0,
    lap: 1,
    timeMs: 90_000,
    valid: true,
    stepM: 10,
    distanceM: [0, 10],
    elapsedMs: [0, 100],
    speedKmh: [100, 110],
    throttle: [1, 1],
    brake: [0, 0],
    gear: [5, 5],
  };
  const inner = new MemoryStateStore() as unknown as LiveStateStore;
  const store = Object.create(inner) as LiveStateStore & Record<string, unknown>;
  store.readLapTrace = async (uid: string, car: number, n: number) =>
    uid === UID && car === 0 && n === 1 ? trace : undefined;
  store.readBoardTrace = async (board: { game: number }, driver: string) =>
    board.game === 2025 && driver === "VERSTAPPEN" ? trace : undefined;
  await seed(inner);
  const h = await startHarness({}, store);
  t.after(() => h.stop());
  const c = await connect(h.url);
  t.after(() => c.close());
  c.send({ type: "trace", requestId: 7, source: { kind: "session", sessionUID: UID, carIndex: 0, lap: 1 } });
  c.send({ type: "trace", requestId: 8, source: { kind: "session", sessionUID: UID, carIndex: 0, lap: 2 } });
  c.send({
    type: "trace",
    requestId: 9,
    source: { kind: "leaderboard", game: 2025, trackId: 11, driver: "VERSTAPPEN" },
  });
  c.send({ type: "leaderboard", requestId: 10, game: 2025, trackId: 11 });
  const replies = new Map<number, { trace?: LapTraceMessage; rows?: unknown[] }>();
  await waitUntil(
    () => {
      for (const m of c.messages) if (m.requestId !== undefined) replies.set(m.requestId, m);
      return replies.size === 4;
    },
    5000,
    "four replies",
  );
  assert.deepEqual(replies.get(7)?.trace, trace);
  assert.equal(replies.get(8)?.trace, undefined);
  assert.deepEqual(replies.get(9)?.trace, trace);
  assert.equal(replies.get(10)?.rows?.length, 1);
  c.send({ type: "subscribe", sessionUID: UID, channels: ["traces"] });
  await c.next("snapshot");
  await h.publish(trace);
  assert.deepEqual((await c.next("trace")).speedKmh, [100, 110]);
});
