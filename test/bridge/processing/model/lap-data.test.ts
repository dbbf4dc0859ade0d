// Lap Data: each format's time encoding lands in the same milliseconds; fields a format lacks stay absent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { copy, decodedOf, modelOf, pairs } from "./support.ts";

const msOrAbsent = (ms: number) => (ms === 0 ? undefined : ms);

test("2018-2019: float seconds become rounded ms; best lap only here; no 2021+ fields", () => {
  for (const format of [2018, 2019]) {
    const all = pairs("lapData", "lapData", format);
    assert.ok(all.length > 0);
    for (const [p, m] of all) {
      p.data.lapData.forEach((raw, i) => {
        const car = m.cars[i];
        assert.ok(car && "lastLapTime" in raw && !("sector1TimeInMS" in raw));
        assert.equal(car.lastLapMs, msOrAbsent(Math.round(raw.lastLapTime * 1000)));
        assert.equal(car.currentLapMs, Math.round(raw.currentLapTime * 1000));
        assert.equal(car.sector1Ms, msOrAbsent(Math.round(raw.sector1Time * 1000)));
        assert.equal(car.bestLapMs, msOrAbsent(Math.round(raw.bestLapTime * 1000)));
        assert.equal(car.lapDistanceM, raw.lapDistance);
        assert.equal(car.position, raw.carPosition);
        for (const k of ["numPitStops", "warnings", "deltaToLeaderMs", "pitLaneTimerActive", "speedTrapFastestKmh"]) {
          assert.equal(k in car, false, `${format} ${k}`);
        }
      });
    }
  }
});

test("2020: laps in float seconds, sectors already ms, best lap with its sectors", () => {
  const [pair] = pairs("lapData", "lapData", 2020);
  assert.ok(pair);
  const raw = pair[0].data.lapData[0];
  const car = pair[1].cars[0];
  assert.ok(raw && car && "bestLapSector1TimeInMS" in raw);
  assert.equal(car.lastLapMs, 94628);
  assert.equal(raw.lastLapTime, 94.6282958984375);
  assert.equal(car.bestLapMs, 94628);
  assert.equal(car.bestLapNumber, 4);
  assert.deepEqual(car.bestLapSectorsMs, [25039, 28179, 41409]);
  assert.deepEqual(car.bestOverallSectors?.[0], { ms: 25034, lapNumber: 3 });
  assert.equal(car.pitStatus, "pitting");
  assert.equal(car.driverStatus, "in-garage");
  assert.equal("numPitStops" in car, false);
});

test("2021-2022: ms as sent; pit stops and warnings; no best lap, no deltas", () => {
  for (const format of [2021, 2022]) {
    for (const [p, m] of pairs("lapData", "lapData", format)) {
      p.data.lapData.forEach((raw, i) => {
        const car = m.cars[i];
        assert.ok(car && "warnings" in raw);
        assert.equal(car.lastLapMs, msOrAbsent(raw.lastLapTimeInMS));
        assert.equal(car.sector2Ms, msOrAbsent(raw.sector2TimeInMS));
        assert.equal(car.numPitStops, raw.numPitStops);
        assert.equal(car.warnings, raw.warnings);
        assert.equal(car.pitLaneTimeMs, raw.pitLaneTimeInLaneInMS);
        assert.equal("bestLapMs" in car, false);
        assert.equal("deltaToLeaderMs" in car, false);
        assert.equal("cornerCuttingWarnings" in car, false);
      });
    }
  }
});

test("2023: sector minutes folded in; deltas are plain ms", () => {
  const [p] = decodedOf("lapData", 2023);
  assert.ok(p);
  const edited = copy(p);
  const raw = edited.data.lapData[0];
  assert.ok(raw && "sector1TimeMinutes" in raw);
  raw.sector1TimeInMS = 4_321;
  raw.sector1TimeMinutes = 1;
  raw.sector2TimeInMS = 0;
  raw.sector2TimeMinutes = 0;
  raw.deltaToRaceLeaderInMS = 12_345;
  const car = modelOf(edited, "lapData").cars[0];
  assert.equal(car?.sector1Ms, 64_321);
  assert.equal(car && "sector2Ms" in car, false);
  assert.equal(car?.deltaToLeaderMs, 12_345);
  assert.equal(car?.warnings, raw.totalWarnings);
  assert.equal(car?.cornerCuttingWarnings, raw.cornerCuttingWarnings);
});

test("2024-2026: sectors and deltas as ms part + minutes part; speed trap once set", () => {
  for (const format of [2024, 2025, 2026]) {
    const all = pairs("lapData", "lapData", format);
    assert.ok(all.length > 0, `${format}`);
    for (const [p, m] of all) {
      p.data.lapData.forEach((raw, i) => {
        const car = m.cars[i];
        assert.ok(car && "sector1TimeMSPart" in raw);
        assert.equal(car.sector1Ms, msOrAbsent(raw.sector1TimeMinutesPart * 60_000 + raw.sector1TimeMSPart));
        assert.equal(car.deltaToCarInFrontMs, raw.deltaToCarInFrontMinutesPart * 60_000 + raw.deltaToCarInFrontMSPart);
        assert.equal(car.speedTrapFastestKmh, raw.speedTrapFastestLap === 255 ? undefined : raw.speedTrapFastestSpeed);
      });
    }
  }
  const [p] = decodedOf("lapData", 2024);
  assert.ok(p);
  const edited = copy(p);
  const raw = edited.data.lapData[3];
  assert.ok(raw && "deltaToRaceLeaderMinutesPart" in raw);
  raw.deltaToRaceLeaderMinutesPart = 2;
  raw.deltaToRaceLeaderMSPart = 500;
  raw.sector2TimeMinutesPart = 1;
  raw.sector2TimeMSPart = 2;
  const car = modelOf(edited, "lapData").cars[3];
  assert.equal(car?.deltaToLeaderMs, 120_500);
  assert.equal(car?.sector2Ms, 60_002);
});

test("F1 25 Las Vegas: car 2's last lap is 97355 ms, its lap 1 in Session History at the same frame", () => {
  const lap = pairs("lapData", "lapData", 2025).find(([, m]) => m.meta.frame === 10796)?.[1];
  const history = pairs("sessionHistory", "sessionHistory", 2025).find(([, m]) => m.carIndex === 2)?.[1];
  assert.equal(lap?.cars[2]?.lastLapMs, 97_355);
  assert.equal(history?.meta.frame, 10796);
  assert.equal(history?.laps[0]?.lapTimeMs, 97_355);
});

test("statuses use the format's numbering; ids a format does not list are absent", () => {
  const [p18] = decodedOf("lapData", 2018);
  const [p21] = decodedOf("lapData", 2021);
  assert.ok(p18 && p21);
  const e18 = copy(p18);
  const e21 = copy(p21);
  for (const e of [e18, e21]) {
    const [a, b] = e.data.lapData;
    assert.ok(a && b);
    a.resultStatus = 4;
    b.resultStatus = 7;
    b.pitStatus = 9;
    b.driverStatus = 9;
  }
  // F1 2021 inserted "did not finish" at 4: 2018's 4 is disqualified, and it has no 7.
  assert.equal(modelOf(e18, "lapData").cars[0]?.resultStatus, "disqualified");
  assert.equal(modelOf(e21, "lapData").cars[0]?.resultStatus, "did-not-finish");
  assert.equal(modelOf(e21, "lapData").cars[1]?.resultStatus, "retired");
  const odd = modelOf(e18, "lapData").cars[1];
  assert.ok(odd);
  for (const k of ["resultStatus", "pitStatus", "driverStatus"]) assert.equal(k in odd, false, k);
});
