import assert from "node:assert/strict";
import { test } from "node:test";
import { runMetric } from "../../../../bridge/processing/engine/run-metric.ts";
import { pitStops } from "../../../../bridge/processing/metrics/timing/pit-stops.ts";
import type { LapDataCar, ModelPacket, PitStatus } from "../../../../bridge/processing/model/types.ts";
import { lapCar, lapDataOf, meta, participantsOf } from "../model-builders.ts";

/** Car 0's pit status at second `s`: a visit from 10 s (entry) to 32 s (exit), stopped in the box 15-19 s. */
function visit(s: number, from = 10, to = 32): PitStatus {
  if (s < from || s >= to) return "none";
  return s >= from + 5 && s < from + 10 ? "in-pit-area" : "pitting";
}

/**
 * One lap data packet a second for `seconds`; car 0 makes the visits, car 1 stays on track. `game` gives car 0's
 * 2021+ pit fields at second `s` (absent: a format without them).
 */
function session(
  format: number,
  seconds: number,
  status: (s: number) => PitStatus,
  game?: (s: number, inLane: boolean) => Partial<LapDataCar>,
): ModelPacket[] {
  const packets: ModelPacket[] = [participantsOf(["Lando", "Oscar"], meta(0, 0, 0, format))];
  for (let s = 0; s <= seconds; s++) {
    const pitStatus = status(s);
    packets.push(
      lapDataOf(meta(s * 1000, s + 1, 0, format), [
        lapCar({ pitStatus, ...game?.(s, pitStatus !== "none") }),
        lapCar({ position: 2, gridPosition: 2, ...(game ? { numPitStops: 0, pitLaneTimeMs: 0 } : {}) }),
      ]),
    );
  }
  return packets;
}

test("PITIN and PITOUT events with the pit-lane time measured on the session clock where the game has no timer", () => {
  const r = runMetric(
    pitStops,
    session(2020, 40, (s) => visit(s)),
  );
  assert.deepEqual(
    r.events.map((e) => [e.code, e.carIndex, e.text]),
    [
      ["PITIN", 0, "Lando enters the pit lane"],
      ["PITOUT", 0, "Lando leaves the pits after 22.000 in the pit lane"],
    ],
  );
  assert.deepEqual(r.events[1]?.details, { pitLaneMs: 22_000, stopMs: null });
  assert.equal(r.car(0)?.pitStops, 1);
  assert.equal(r.car(1)?.pitStops, 0);
});

test("stops are counted per visit where the game does not count them", () => {
  const r = runMetric(
    pitStops,
    session(2019, 90, (s) => (s < 40 ? visit(s) : visit(s, 50, 71))),
  );
  assert.deepEqual(
    r.events.filter((e) => e.code === "PITOUT").map((e) => e.details?.pitLaneMs),
    [22_000, 21_000],
  );
  assert.equal(r.car(0)?.pitStops, 2);
});

/** The game's timer starts at the pit entry line, 400 ms before the first packet in the lane. */
const timerAt = (s: number) => (s - 9.6) * 1000;

test("the game's pit-lane timer (2021+) is the pit-lane time, and its stop count is the count", () => {
  const r = runMetric(
    pitStops,
    session(2024, 40, visit, (s, inLane) => ({
      numPitStops: s >= 32 ? 3 : 2,
      pitLaneTimerActive: inLane,
      // Held after the exit, as the last value the timer showed.
      pitLaneTimeMs: s < 10 ? 0 : Math.min(timerAt(s), 22_400),
      pitStopTimerMs: s < 15 ? 0 : Math.min((s - 15) * 1000, 2_500),
    })),
  );
  const out = r.events.find((e) => e.code === "PITOUT");
  assert.equal(out?.text, "Lando leaves the pits after 22.400 in the pit lane");
  assert.deepEqual(out?.details, { pitLaneMs: 22_400, stopMs: 2_500 });
  assert.equal(r.car(0)?.pitStops, 3, "the game's count, which knows stops made before we joined");
});

test("a pit-lane timer back at 0 on the exit packet is not a 0 s visit: the timer's last value counts", () => {
  const r = runMetric(
    pitStops,
    session(2023, 40, visit, (s, inLane) => ({
      numPitStops: s >= 32 ? 1 : 0,
      pitLaneTimerActive: inLane,
      pitLaneTimeMs: inLane ? timerAt(s) : 0,
      pitStopTimerMs: s >= 15 && s < 20 ? (s - 15) * 1000 + 500 : 0,
    })),
  );
  const out = r.events.find((e) => e.code === "PITOUT");
  assert.deepEqual(out?.details, { pitLaneMs: 21_400, stopMs: 4_500 });
  assert.equal(r.car(0)?.pitStops, 1);
});

test("a car first seen in the pit lane raises no PITIN, only the PITOUT when it leaves", () => {
  const r = runMetric(
    pitStops,
    session(2020, 40, (s) => visit(s, 0, 12)),
  );
  assert.deepEqual(
    r.events.map((e) => e.code),
    ["PITOUT"],
  );
});
