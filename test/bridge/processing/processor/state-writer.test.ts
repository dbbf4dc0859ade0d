import assert from "node:assert/strict";
import { test } from "node:test";
import { type SessionSnapshot, StateWriter } from "../../../../bridge/processing/processor/state-writer.ts";
import type {
  DerivedMessage,
  LapMessage,
  LapTraceMessage,
  SessionMessage,
} from "../../../../bridge/protocol/derived.ts";
import { MemoryStateStore } from "../../../../bridge/state/memory-store.ts";
import type { LiveStateStore } from "../../../../bridge/state/types.ts";

const session: SessionMessage = {
  v: 1,
  type: "session",
  sessionUID: "7",
  sessionTimeMs: 0,
  packetFormat: 2025,
  trackId: 10,
  track: "Spa",
  playerCarIndex: 0,
  participants: [{ carIndex: 0, name: "<img src=x>", teamId: 1 }],
  sources: ["127.0.0.1:1"],
};

function lap(n: number, timeMs: number, valid = true): LapMessage {
  return {
    v: 1,
    type: "lap",
    sessionUID: "7",
    sessionTimeMs: n * 1000,
    id: `7/0/${n}`,
    carIndex: 0,
    driver: "<img src=x>",
    lap: n,
    timeMs,
    sectorsMs: [null, null, null],
    valid,
    personalBest: false,
    sessionBest: false,
  };
}

/** A store that fails every call while `down` is set, like Redis gone away. */
function flaky(store: LiveStateStore) {
  const state = { down: false };
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) =>
        state.down ? Promise.reject(new Error("ECONNREFUSED")) : value.apply(target, args);
    },
  });
  return { store: proxy, state };
}

test("snapshots, the session directory and the leaderboard follow what the processor publishes", async () => {
  const store = new MemoryStateStore();
  const w = new StateWriter({ store, sessionTtlMs: 60_000, recentEvents: 2, onError: () => {} });
  // Lap 4, faster still, is a joined ghost's reference lap: in the session, not on the board.
  const ghost: LapMessage = { ...lap(4, 77_000), reference: true };
  const messages: DerivedMessage[] = [session, lap(1, 90_000), lap(2, 89_000), lap(3, 88_000, false), ghost];
  for (let n = 0; n < 3; n++) {
    messages.push({ v: 1, type: "event", sessionUID: "7", sessionTimeMs: n, id: `e${n}`, code: "SSTA", text: `e${n}` });
  }
  for (const m of messages) w.observe(m);
  await w.flush(Date.now());
  const snapshot = (await store.readSnapshot("7")) as SessionSnapshot;
  assert.equal(snapshot.session?.track, "Spa");
  assert.deepEqual(
    snapshot.events.map((e) => e.id),
    ["e1", "e2"],
  );
  assert.deepEqual(
    snapshot.laps.map((l) => l.lap),
    [1, 2, 3, 4],
  );
  assert.deepEqual(
    (await store.liveSessions(Date.now())).map((s) => [s.sessionUID, s.info.track]),
    [["7", "Spa"]],
  );
  const board = await store.leaderboard({ game: 2025, trackId: 10 }, 5);
  assert.deepEqual(
    board.map((r) => [r.driver, r.lapTimeMs]),
    [["<img src=x>", 89_000]],
    "the invalid 88 s lap and the reference lap never reach the board",
  );
});

test("while a session publishes, each flush heartbeats it with that flush's time", async () => {
  const store = new MemoryStateStore();
  const w = new StateWriter({ store, sessionTtlMs: 60_000, recentEvents: 2, onError: () => {} });
  const t0 = Date.now();
  const updatedAt = async () => (await store.liveSessions(t0)).find((s) => s.sessionUID === "7")?.updatedAtMs;
  w.observe(session);
  await w.flush(t0);
  assert.equal(await updatedAt(), t0);
  // Cars messages go on; the session's details stay the same.
  w.observe({ v: 1, type: "cars", sessionUID: "7", sessionTimeMs: 1000, cars: [] });
  await w.flush(t0 + 1000);
  assert.equal(await updatedAt(), t0 + 1000);
  await w.flush(t0 + 2000);
  assert.equal(await updatedAt(), t0 + 1000, "nothing new published: no heartbeat, the session ages");
});

test("a store outage is counted, processing goes on, and the snapshot is written again when it returns", async () => {
  const { store, state } = flaky(new MemoryStateStore());
  const errors: string[] = [];
  const w = new StateWriter({ store, sessionTtlMs: 60_000, recentEvents: 10, onError: (op) => errors.push(op) });
  state.down = true;
  w.observe(session);
  w.observe(lap(1, 90_000));
  await w.flush(Date.now());
  assert.ok(w.errors >= 2, `errors ${w.errors}`);
  assert.ok(errors.includes("snapshot") && errors.includes("leaderboard"));
  state.down = false;
  await w.flush(Date.now());
  assert.equal(((await store.readSnapshot("7")) as SessionSnapshot).laps.length, 1);
  assert.equal((await store.leaderboard({ game: 2025, trackId: 10 }, 5)).length, 1);
});

function trace(n: number, timeMs: number): LapTraceMessage {
  return {
    v: 1,
    type: "trace",
    sessionUID: "7",
    sessionTimeMs: n * 1000,
    id: `7/0/${n}`,
    carIndex: 0,
    driver: "<img src=x>",
    lap: n,
    timeMs,
    valid: true,
    stepM: 10,
    distanceM: [0, 10],
    elapsedMs: [0, 300],
    speedKmh: [100, 110],
    throttle: [1, 1],
    brake: [0, 0],
    gear: [3, 3],
    steer: [0, 0],
  };
}

test("lap traces go to the session, and a board-best lap's trace to its board entry", async () => {
  const store = new MemoryStateStore();
  const w = new StateWriter({ store, sessionTtlMs: 60_000, recentEvents: 2, onError: () => {} });
  const board = { game: 2025, trackId: 10 };
  for (const m of [session, lap(1, 90_000), trace(1, 90_000), lap(2, 91_000), trace(2, 91_000)]) w.observe(m);
  await w.flush(Date.now());
  assert.deepEqual(await store.readLapTrace("7", 0, 2), trace(2, 91_000));
  assert.deepEqual(await store.readBoardTrace(board, "<img src=x>"), trace(1, 90_000), "lap 2 was slower");
  // A flashback: lap 2 completed again, faster; its new trace replaces the first, on the board too.
  for (const m of [lap(2, 89_500), trace(2, 89_500)]) w.observe(m);
  await w.flush(Date.now());
  assert.deepEqual(await store.readLapTrace("7", 0, 2), trace(2, 89_500));
  assert.deepEqual(await store.readBoardTrace(board, "<img src=x>"), trace(2, 89_500));
  // A best lap without a trace (joined mid-lap) leaves its entry without one, not with an older lap's.
  w.observe(lap(3, 89_000));
  await w.flush(Date.now());
  assert.equal(await store.readBoardTrace(board, "<img src=x>"), undefined);
});

test("traces wait out a store outage with their laps, then both are written", async () => {
  const { store, state } = flaky(new MemoryStateStore());
  const errors: string[] = [];
  const w = new StateWriter({ store, sessionTtlMs: 60_000, recentEvents: 10, onError: (op) => errors.push(op) });
  w.observe(session);
  await w.flush(Date.now());
  state.down = true;
  w.observe(lap(1, 90_000));
  w.observe(trace(1, 90_000));
  await w.flush(Date.now());
  assert.ok(errors.includes("leaderboard"), errors.join());
  state.down = false;
  await w.flush(Date.now());
  assert.deepEqual(await store.readLapTrace("7", 0, 1), trace(1, 90_000));
  assert.deepEqual(await store.readBoardTrace({ game: 2025, trackId: 10 }, "<img src=x>"), trace(1, 90_000));
});
