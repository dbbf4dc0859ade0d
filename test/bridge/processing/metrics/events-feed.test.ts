import assert from "node:assert/strict";
import { test } from "node:test";
import { runMetric } from "../../../../bridge/processing/engine/run-metric.ts";
import { eventsFeed } from "../../../../bridge/processing/metrics/session/events-feed.ts";
import type { ModelEvent } from "../../../../bridge/processing/model/types.ts";
import { eventOf, meta, participantsOf } from "../model-builders.ts";

const HOSTILE = "<img src=x onerror=alert(1)>";
const NAMES = ["Max", "Lewis", HOSTILE];

/** The feed's records for these events, in a session with NAMES. */
function feed(events: ModelEvent[], format = 2025) {
  return runMetric(eventsFeed, [
    participantsOf(NAMES, meta(0, 0, 0, format)),
    ...events.map((e, n) => eventOf(e, meta(1000 * (n + 1), n + 1, 0, format))),
  ]).events;
}

function texts(events: ModelEvent[], format?: number): string[] {
  return feed(events, format).map((e) => e.text);
}

test("fastest lap: the driver and the time, with the cars and details", () => {
  const [e] = feed([{ code: "FTLP", vehicleIndex: 0, lapTimeMs: 83_456 }]);
  assert.equal(e?.code, "FTLP");
  assert.equal(e?.carIndex, 0);
  assert.equal(e?.otherCarIndex, undefined);
  assert.equal(e?.text, "Fastest lap: Max 1:23.456");
  assert.deepEqual(e?.details, { vehicleIndex: 0, lapTimeMs: 83_456 });
});

test("penalties: the driver, the penalty, the infringement and the time", () => {
  const [e] = feed([
    {
      code: "PENA",
      penaltyTypeId: 4,
      penaltyType: "time-penalty",
      infringementTypeId: 7,
      infringement: "corner cutting gained time",
      vehicleIndex: 1,
      otherVehicleIndex: 0,
      timeS: 5,
      lapNumber: 3,
    },
  ]);
  assert.equal(e?.text, "Lewis: time-penalty (corner cutting gained time), 5 s");
  assert.deepEqual([e?.carIndex, e?.otherCarIndex], [1, 0]);
  assert.equal(
    texts([{ code: "PENA", penaltyTypeId: 99, infringementTypeId: 99, vehicleIndex: 0, lapNumber: 1 }])[0],
    "Max: penalty",
  );
});

test("overtakes name both cars", () => {
  const [e] = feed([{ code: "OVTK", overtakingVehicleIndex: 1, overtakenVehicleIndex: 0 }], 2024);
  assert.equal(e?.text, "Lewis overtakes Max");
  assert.deepEqual([e?.carIndex, e?.otherCarIndex], [1, 0]);
});

test("collisions name both cars, with 2026's severity where sent", () => {
  const [older] = feed([{ code: "COLL", vehicle1Index: 0, vehicle2Index: 1 }], 2024);
  assert.equal(older?.text, "Collision: Max and Lewis");
  assert.deepEqual([older?.carIndex, older?.otherCarIndex], [0, 1]);
  const [with2026] = feed([{ code: "COLL", vehicle1Index: 1, vehicle2Index: 0, severity: "high" }], 2026);
  assert.equal(with2026?.text, "Collision: Lewis and Max (high)");
  assert.equal(with2026?.details?.severity, "high");
});

test("safety car, retirements, and the session's milestones in words", () => {
  assert.deepEqual(
    texts([
      { code: "SCAR", safetyCarType: "full", eventType: "deployed" },
      { code: "SCAR", safetyCarType: "virtual", eventType: "returning" },
      { code: "RTMT", vehicleIndex: 1, reason: "mechanical-failure" },
      { code: "RTMT", vehicleIndex: 0 },
      { code: "RDFL" },
      { code: "CHQF" },
      { code: "RCWN", vehicleIndex: 0 },
    ]),
    [
      "Safety car (full): deployed",
      "Safety car (virtual): returning",
      "Lewis retired (mechanical-failure)",
      "Max retired",
      "Red flag",
      "Chequered flag",
      "Max wins the race",
    ],
  );
});

test("button presses, start lights and speed traps that are no session record are left out", () => {
  const out = feed([
    { code: "BUTN", buttonStatus: 1 },
    { code: "STLG", numLights: 3 },
    { code: "SPTP", vehicleIndex: 0, speedKmh: 310.04, isOverallFastestInSession: false },
    { code: "SPTP", vehicleIndex: 1, speedKmh: 331.26, isOverallFastestInSession: true },
  ]);
  assert.deepEqual(
    out.map((e) => [e.code, e.text]),
    [["SPTP", "Speed trap: Lewis 331.3 km/h"]],
  );
});

test("a driver name with HTML in it is carried as plain text, unchanged (rendering escapes it)", () => {
  assert.deepEqual(
    texts([
      { code: "FTLP", vehicleIndex: 2, lapTimeMs: 90_000 },
      { code: "OVTK", overtakingVehicleIndex: 2, overtakenVehicleIndex: 0 },
      { code: "RTMT", vehicleIndex: 2 },
    ]),
    [`Fastest lap: ${HOSTILE} 1:30.000`, `${HOSTILE} overtakes Max`, `${HOSTILE} retired`],
  );
});

test("a car without a name (or no participants yet) is 'Car N'", () => {
  const r = runMetric(eventsFeed, [eventOf({ code: "FTLP", vehicleIndex: 4, lapTimeMs: 61_000 })]);
  assert.equal(r.events[0]?.text, "Fastest lap: Car 5 1:01.000");
});
