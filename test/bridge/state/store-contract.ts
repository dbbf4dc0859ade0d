// One contract for both live-state back-ends: the in-memory store here, Redis in test/integration.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { LapTraceMessage } from "../../../bridge/protocol/derived.ts";
import type { LiveStateStore } from "../../../bridge/state/types.ts";

export interface StoreOptions {
  readonly maxLapTraces?: number;
}

function trace(sessionUID: string, carIndex: number, lap: number, timeMs = 90_000): LapTraceMessage {
  return {
    v: 1,
    type: "trace",
    sessionUID,
    sessionTimeMs: lap * timeMs,
    id: `${sessionUID}/${carIndex}/${lap}`,
    carIndex,
    driver: "<b>x</b>",
    lap,
    timeMs,
    valid: true,
    stepM: 10,
    distanceM: [0.4, 10, 20.1],
    elapsedMs: [10, 250, 480],
    speedKmh: [290.5, 291, 291.5],
    throttle: [1, 1, 0.99],
    brake: [0, 0, 0],
    gear: [8, 8, 8],
    steer: [0, -0.01, -0.02],
  };
}

export function storeContract(name: string, open: (options?: StoreOptions) => Promise<LiveStateStore>): void {
  const withStore = (
    title: string,
    body: (store: LiveStateStore, uid: string) => Promise<void>,
    options: StoreOptions = {},
  ) =>
    test(`${name}: ${title}`, { timeout: 20_000 }, async (t) => {
      const store = await open(options);
      t.after(() => store.close());
      await body(store, `${Date.now()}${Math.floor(Math.random() * 1e6)}`);
    });

  withStore("the session directory lists live sessions and forgets them after their ttl", async (store, uid) => {
    const now = Date.now();
    await store.heartbeatSession({ sessionUID: uid, info: { track: "Monza" }, updatedAtMs: now }, 60_000);
    await store.heartbeatSession({ sessionUID: `${uid}9`, info: { track: "Spa" }, updatedAtMs: now }, 150);
    const live = (await store.liveSessions(now)).filter((s) => s.sessionUID.startsWith(uid));
    assert.deepEqual(
      live.map((s) => [s.sessionUID, s.info.track]),
      [
        [uid, "Monza"],
        [`${uid}9`, "Spa"],
      ],
    );
    await sleep(300);
    const later = (await store.liveSessions(Date.now())).filter((s) => s.sessionUID.startsWith(uid));
    assert.deepEqual(
      later.map((s) => s.sessionUID),
      [uid],
    );
  });

  withStore("a session's directory entry is its latest heartbeat's", async (store, uid) => {
    const now = Date.now();
    await store.heartbeatSession({ sessionUID: uid, info: { track: "Monza" }, updatedAtMs: now - 5000 }, 60_000);
    await store.heartbeatSession({ sessionUID: uid, info: { track: "Monza" }, updatedAtMs: now }, 60_000);
    const [entry] = (await store.liveSessions(now)).filter((s) => s.sessionUID === uid);
    assert.equal(entry?.updatedAtMs, now);
  });

  withStore("a snapshot reads back equal, is replaced by the next, and expires", async (store, uid) => {
    assert.equal(await store.readSnapshot(uid), undefined);
    await store.writeSnapshot(uid, { cars: [{ position: 1, name: "<b>x</b>" }] }, 60_000);
    await store.writeSnapshot(uid, { cars: [{ position: 2, name: "<b>x</b>" }] }, 150);
    assert.deepEqual(await store.readSnapshot(uid), { cars: [{ position: 2, name: "<b>x</b>" }] });
    await sleep(300);
    assert.equal(await store.readSnapshot(uid), undefined);
  });

  withStore("recent events: newest first, capped", async (store, uid) => {
    await store.appendEvents(uid, [{ n: 1 }, { n: 2 }], 3, 60_000);
    await store.appendEvents(uid, [{ n: 3 }, { n: 4 }], 3, 60_000);
    await store.appendEvents(uid, [], 3, 60_000);
    assert.deepEqual(await store.recentEvents(uid, 10), [{ n: 4 }, { n: 3 }, { n: 2 }]);
    assert.deepEqual(await store.recentEvents(uid, 1), [{ n: 4 }]);
    assert.deepEqual(await store.recentEvents(`${uid}0`, 5), []);
  });

  withStore("leaderboards keep each driver's best lap, ordered by time then driver", async (store) => {
    const board = { game: 2025, trackId: Number.parseInt(randomUUID().slice(0, 6), 16) };
    const lap = (driver: string, lapTimeMs: number) => ({ driver, lapTimeMs, details: { driver, lapTimeMs } });
    assert.equal(await store.submitLap(board, lap("Norris", 90_500)), true);
    assert.equal(await store.submitLap(board, lap("Leclerc", 90_400)), true);
    assert.equal(await store.submitLap(board, lap("Norris", 90_600)), false, "slower: not an improvement");
    assert.equal(await store.submitLap(board, lap("Norris", 90_400)), true);
    assert.equal(await store.submitLap(board, lap("Albon", 91_000)), true);
    const rows = await store.leaderboard(board, 10);
    assert.deepEqual(
      rows.map((r) => [r.driver, r.lapTimeMs]),
      [
        ["Leclerc", 90_400],
        ["Norris", 90_400],
        ["Albon", 91_000],
      ],
    );
    assert.deepEqual(rows[1]?.details, { driver: "Norris", lapTimeMs: 90_400 });
    assert.equal((await store.leaderboard(board, 2)).length, 2);
    assert.deepEqual(await store.leaderboard({ game: 2018, trackId: board.trackId }, 5), []);
  });

  withStore("lap traces read back by car and lap; the same lap's trace replaces the first", async (store, uid) => {
    assert.equal(await store.readLapTrace(uid, 0, 1), undefined);
    await store.writeLapTrace(uid, trace(uid, 0, 1), 60_000);
    await store.writeLapTrace(uid, trace(uid, 1, 1), 60_000);
    await store.writeLapTrace(uid, trace(uid, 0, 1, 88_000), 60_000);
    assert.deepEqual(await store.readLapTrace(uid, 0, 1), trace(uid, 0, 1, 88_000));
    assert.deepEqual(await store.readLapTrace(uid, 1, 1), trace(uid, 1, 1));
    assert.equal(await store.readLapTrace(uid, 1, 2), undefined);
    assert.equal(await store.readLapTrace(`${uid}0`, 0, 1), undefined);
  });

  withStore("lap traces expire with the session: each snapshot write extends them", async (store, uid) => {
    await store.writeLapTrace(uid, trace(uid, 0, 1), 150);
    await store.writeLapTrace(`${uid}9`, trace(`${uid}9`, 0, 1), 150);
    await store.writeSnapshot(uid, { cars: [] }, 60_000);
    await sleep(300);
    assert.deepEqual(await store.readLapTrace(uid, 0, 1), trace(uid, 0, 1), "kept alive by the snapshot");
    assert.equal(await store.readLapTrace(`${uid}9`, 0, 1), undefined, "no snapshot since: expired");
  });

  withStore(
    "a session keeps at most maxLapTraces traces: the oldest written go first",
    async (store, uid) => {
      for (const lap of [1, 2, 3]) await store.writeLapTrace(uid, trace(uid, 0, lap), 60_000);
      await store.writeLapTrace(uid, trace(uid, 0, 1, 80_000), 60_000); // replaced in place, still the oldest
      await store.writeLapTrace(uid, trace(uid, 0, 4), 60_000);
      const kept = async () => {
        const laps = [];
        for (const lap of [1, 2, 3, 4, 5]) if (await store.readLapTrace(uid, 0, lap)) laps.push(lap);
        return laps;
      };
      assert.deepEqual(await kept(), [2, 3, 4]);
      await store.writeLapTrace(uid, trace(uid, 0, 5), 60_000);
      assert.deepEqual(await kept(), [3, 4, 5]);
    },
    { maxLapTraces: 3 },
  );

  withStore("a board entry's trace is the trace of the lap that set it, or none", async (store, uid) => {
    const board = { game: 2025, trackId: Number.parseInt(randomUUID().slice(0, 6), 16) };
    const lap = (driver: string, lapTimeMs: number) => ({ driver, lapTimeMs, details: { driver, lapTimeMs } });
    assert.equal(await store.readBoardTrace(board, "Norris"), undefined);
    assert.equal(await store.submitLap(board, lap("Norris", 90_500), trace(uid, 0, 1, 90_500)), true);
    assert.equal(await store.submitLap(board, lap("Leclerc", 90_400)), true);
    assert.deepEqual(await store.readBoardTrace(board, "Norris"), trace(uid, 0, 1, 90_500));
    assert.equal(await store.submitLap(board, lap("Norris", 90_600), trace(uid, 0, 2, 90_600)), false);
    assert.deepEqual(await store.readBoardTrace(board, "Norris"), trace(uid, 0, 1, 90_500), "slower: not taken");
    assert.equal(await store.readBoardTrace(board, "Leclerc"), undefined);
    assert.equal(await store.submitLap(board, lap("Norris", 90_000)), true);
    assert.equal(await store.readBoardTrace(board, "Norris"), undefined, "the new best lap had no trace");
    assert.equal(await store.readBoardTrace({ game: 2018, trackId: board.trackId }, "Norris"), undefined);
  });

  withStore("checkpoints read back what was written last", async (store, uid) => {
    assert.equal(await store.readCheckpoint(uid), undefined);
    await store.writeCheckpoint(uid, { offset: "10", state: { laps: [1] } });
    await store.writeCheckpoint(uid, { offset: "42", state: { laps: [1, 2] } });
    assert.deepEqual(await store.readCheckpoint(uid), { offset: "42", state: { laps: [1, 2] } });
  });
}
