import assert from "node:assert/strict";
import { test } from "node:test";
import { runMetric } from "../../../../bridge/processing/engine/run-metric.ts";
import { positions } from "../../../../bridge/processing/metrics/timing/positions.ts";
import type { LapDataCar, ModelPacket, SessionKind } from "../../../../bridge/processing/model/types.ts";
import { lapCar, lapDataOf, meta, participantsOf, sessionOf } from "../model-builders.ts";

const NAMES = ["Max", "Lewis", "Charles"];

/** A session of `kind` in `format`, then lap data with these cars at 1 s intervals. */
function session(format: number, kind: SessionKind, ...frames: Partial<LapDataCar>[][]): ModelPacket[] {
  return [
    sessionOf(kind, 5000, meta(0, 0, 0, format)),
    participantsOf(NAMES, meta(0, 0, 0, format)),
    ...frames.map((cars, f) =>
      lapDataOf(
        meta(1000 * (f + 1), f + 1, 0, format),
        cars.map((c) => lapCar(c)),
      ),
    ),
  ];
}

const grid = [
  { position: 1, gridPosition: 1 },
  { position: 2, gridPosition: 2 },
  { position: 3, gridPosition: 3 },
];
/** Charles (car 2) passes Lewis (car 1) on track. */
const passed = [
  { position: 1, gridPosition: 1 },
  { position: 3, gridPosition: 2 },
  { position: 2, gridPosition: 3 },
];

test("positions gained are counted from the grid, not from the first position seen", () => {
  const r = runMetric(
    positions,
    session(
      2025,
      "race",
      [
        { position: 1, gridPosition: 3 },
        { position: 2, gridPosition: 1 },
        { position: 3, gridPosition: 2 },
      ],
      [
        { position: 2, gridPosition: 3 },
        { position: 1, gridPosition: 1 },
        { position: 3, gridPosition: 2 },
      ],
    ),
  );
  assert.deepEqual(
    [0, 1, 2].map((i) => r.car(i)?.positionsGained),
    [1, 0, -1],
  );
});

test("without a grid position (0), the first position seen is the start", () => {
  const r = runMetric(
    positions,
    session(2019, "practice", [{ position: 4, gridPosition: 0 }], [{ position: 2, gridPosition: 0 }]),
  );
  assert.equal(r.car(0)?.positionsGained, 2);
});

test("before F1 23, a pass in a race becomes an OVTK event naming both cars", () => {
  const r = runMetric(positions, session(2022, "race", grid, passed));
  assert.deepEqual(r.events, [
    { code: "OVTK", carIndex: 2, otherCarIndex: 1, text: "Charles overtakes Lewis", details: { derived: true } },
  ]);
  assert.deepEqual(
    [0, 1, 2].map((i) => r.car(i)?.positionsGained),
    [0, -1, 1],
  );
});

test("2023+ formats send their own OVTK: none is derived", () => {
  for (const format of [2023, 2024, 2025]) {
    const r = runMetric(positions, session(format, "race", grid, passed));
    assert.deepEqual(r.events, [], `format ${format}`);
    assert.equal(r.car(2)?.positionsGained, 1, `format ${format}`);
  }
});

test("no derived overtakes outside races", () => {
  assert.deepEqual(runMetric(positions, session(2020, "qualifying", grid, passed)).events, []);
});

test("a place gained on a car that is in the pits or has retired is not an overtake", () => {
  const pitting = [
    { position: 1, gridPosition: 1 },
    { position: 3, gridPosition: 2, pitStatus: "pitting" as const },
    { position: 2, gridPosition: 3 },
  ];
  assert.deepEqual(runMetric(positions, session(2022, "race", grid, pitting)).events, []);
  const retired = [
    { position: 3, gridPosition: 1, resultStatus: "retired" as const },
    { position: 1, gridPosition: 2 },
    { position: 2, gridPosition: 3 },
  ];
  assert.deepEqual(runMetric(positions, session(2022, "race", grid, retired)).events, []);
});

test("a car that gains a place by pitting elsewhere is not overtaking", () => {
  const moverInPits = [
    { position: 1, gridPosition: 1 },
    { position: 3, gridPosition: 2 },
    { position: 2, gridPosition: 3, pitStatus: "pitting" as const },
  ];
  assert.deepEqual(runMetric(positions, session(2022, "race", grid, moverInPits)).events, []);
});
