// Session history, final classification, tyre sets, lap positions and time trial.
import assert from "node:assert/strict";
import { test } from "node:test";
import { copy, decodedOf, modelOf, pairs } from "./support.ts";

test("F1 24 final classification: P1 is car 1, 26 points, best lap 90957 ms (the session's fastest)", () => {
  const m = pairs("finalClassification", "finalClassification", 2024)[0]?.[1];
  assert.ok(m);
  const winner = m.cars.findIndex((c) => c.position === 1);
  assert.equal(winner, 1);
  assert.equal(m.cars[1]?.points, 26);
  assert.equal(m.cars[1]?.bestLapMs, 90_957);
  assert.equal(m.cars[1]?.resultStatus, "finished");
  const best = Math.min(...m.cars.slice(0, m.numCars).map((c) => c.bestLapMs ?? Number.POSITIVE_INFINITY));
  assert.equal(best, 90_957);
  // One stint on C3 softs, run to the flag (end lap 255: absent).
  assert.deepEqual(m.cars[1]?.tyreStints, [
    { actualCompoundId: 18, actualCompound: "C3", visualCompoundId: 16, visualCompound: "Soft" },
  ]);
});

test("final classification times: 2020's float-second best lap and every total race time to rounded ms", () => {
  for (const [p, m] of pairs("finalClassification", "finalClassification")) {
    p.data.classificationData.forEach((raw, i) => {
      const car = m.cars[i];
      assert.ok(car);
      const best = "bestLapTimeInMS" in raw ? raw.bestLapTimeInMS : Math.round(raw.bestLapTime * 1000);
      assert.equal(car.bestLapMs, best === 0 ? undefined : best);
      assert.equal(car.totalRaceTimeMs, Math.round(raw.totalRaceTime * 1000));
      assert.equal(car.tyreStints.length, raw.numTyreStints);
      assert.equal("resultReason" in car, p.packetFormat >= 2025);
    });
  }
});

test("session history: sector minutes folded in (F1 23 and F1 24+ spellings); validity bits; stints", () => {
  for (const [p, m] of pairs("sessionHistory", "sessionHistory")) {
    assert.equal(m.carIndex, p.data.carIdx);
    assert.equal(m.laps.length, p.data.numLaps);
    assert.equal(m.tyreStints.length, p.data.numTyreStints);
  }
  for (const format of [2023, 2024]) {
    const [p] = decodedOf("sessionHistory", format);
    assert.ok(p, `${format}`);
    const edited = copy(p);
    edited.data.numLaps = 1;
    const lap = edited.data.lapHistoryData[0];
    assert.ok(lap);
    lap.lapTimeInMS = 125_000;
    if ("sector1TimeMSPart" in lap) {
      lap.sector1TimeMSPart = 5_000;
      lap.sector1TimeMinutesPart = 1;
    } else if ("sector1TimeMinutes" in lap) {
      lap.sector1TimeInMS = 5_000;
      lap.sector1TimeMinutes = 1;
    }
    lap.lapValidBitFlags = 0b1011;
    const m = modelOf(edited, "sessionHistory");
    assert.equal(m.laps[0]?.sector1Ms, 65_000, `${format}`);
    assert.deepEqual(
      [m.laps[0]?.lapValid, m.laps[0]?.sector1Valid, m.laps[0]?.sector2Valid, m.laps[0]?.sector3Valid],
      [true, true, false, true],
    );
  }
  const vegas = pairs("sessionHistory", "sessionHistory", 2025)[0]?.[1];
  assert.deepEqual(vegas?.laps[0], {
    lapTimeMs: 97_355,
    sector1Ms: 30_919,
    sector2Ms: 30_318,
    sector3Ms: 36_116,
    lapValid: true,
    sector1Valid: true,
    sector2Valid: true,
    sector3Valid: true,
  });
  // Lap 2 is under way: only its first sector is set.
  assert.deepEqual(
    Object.keys(vegas?.laps[1] ?? {}).filter((k) => k.endsWith("Ms")),
    ["sector1Ms"],
  );
  assert.equal(vegas?.tyreStints[0]?.visualCompound, "Soft");
  assert.equal(vegas?.tyreStints[0] && "endLap" in vegas.tyreStints[0], false);
});

test("tyre sets: 20 sets, recommended session in the format's session numbering", () => {
  for (const [p, m] of pairs("tyreSets", "tyreSets")) {
    assert.equal(m.sets.length, 20);
    assert.equal(m.fittedIndex, p.data.fittedIdx);
    p.data.tyreSetData.forEach((raw, i) => {
      assert.equal(m.sets[i]?.wearPct, raw.wear);
      assert.equal(m.sets[i]?.lapDeltaTimeMs, raw.lapDeltaTime);
    });
  }
});

test("lap positions (F1 25 format 2026 capture): laps cut to numLaps, first lap 1-based", () => {
  for (const [p, m] of pairs("lapPositions", "lapPositions")) {
    assert.equal(m.firstLap, p.data.lapStart + 1);
    assert.equal(m.positions.length, p.data.numLaps);
    for (const row of m.positions) assert.equal(row.length, p.packetFormat === 2026 ? 24 : 22);
  }
});

test("time trial: the single-datagram F1 24 capture's three data sets", () => {
  const all = pairs("timeTrial", "timeTrial");
  assert.ok(all.length > 0);
  for (const [p, m] of all) {
    for (const [set, raw] of [
      [m.playerSessionBest, p.data.playerSessionBestDataSet],
      [m.personalBest, p.data.personalBestDataSet],
      [m.rival, p.data.rivalDataSet],
    ] as const) {
      assert.equal(set.carIndex, raw.carIdx);
      assert.equal(set.lapTimeMs, raw.lapTimeInMS === 0 ? undefined : raw.lapTimeInMS);
      assert.equal(set.valid, raw.valid !== 0);
    }
  }
});
