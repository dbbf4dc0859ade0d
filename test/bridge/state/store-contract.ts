// One contract for both live-state back-ends: the in-memory store here, Redis in test/integration.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { LiveStateStore } from "../../../bridge/state/types.ts";

export function storeContract(name: string, open: () => Promise<LiveStateStore>): void {
  const withStore = (title: string, body: (store: LiveStateStore, uid: string) => Promise<void>) =>
    test(`${name}: ${title}`, { timeout: 20_000 }, async (t) => {
      const store = await open();
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

  withStore("checkpoints read back what was written last", async (store, uid) => {
    assert.equal(await store.readCheckpoint(uid), undefined);
    await store.writeCheckpoint(uid, { offset: "10", state: { laps: [1] } });
    await store.writeCheckpoint(uid, { offset: "42", state: { laps: [1, 2] } });
    assert.deepEqual(await store.readCheckpoint(uid), { offset: "42", state: { laps: [1, 2] } });
  });
}
