// Session: each format's numbering read into one vocabulary; lists cut to the game's counts; later fields absent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { copy, decodedOf, modelOf, pairs } from "./support.ts";

test("the captured sessions read as the fixtures README describes them", () => {
  const seen = pairs("session", "session").map(([p, m]) => [p.packetFormat, m.track, m.sessionType]);
  for (const expected of [
    [2018, "Monza", "race"],
    [2019, "Montreal", "race"],
    [2020, "Monaco", "practice-1"],
    [2021, "Suzuka", "practice-1"],
    [2022, "Jeddah", "race"],
    [2022, "Sakhir (Bahrain)", "race"],
    [2023, "Melbourne", "race"],
    [2024, "Brazil", "short-qualifying"],
    [2025, "Las Vegas", "race"],
  ]) {
    assert.ok(
      seen.some((s) => JSON.stringify(s) === JSON.stringify(expected)),
      JSON.stringify(expected),
    );
  }
});

test("session type ids follow each format's numbering (race is 10 until F1 23, 15 from F1 24)", () => {
  const cases: [number, number, string][] = [
    [2018, 12, "time-trial"],
    [2021, 12, "race-3"],
    [2021, 13, "time-trial"],
    [2023, 10, "race"],
    [2024, 12, "sprint-shootout-3"],
    [2024, 15, "race"],
    [2025, 18, "time-trial"],
  ];
  for (const [format, id, expected] of cases) {
    const [p] = decodedOf("session", format);
    assert.ok(p, `${format}`);
    const edited = copy(p);
    edited.data.sessionType = id;
    const m = modelOf(edited, "session");
    assert.equal(m.sessionTypeId, id);
    assert.equal(m.sessionType, expected, `${format} ${id}`);
  }
  const [p] = decodedOf("session", 2018);
  assert.ok(p);
  const edited = copy(p);
  edited.data.sessionType = 13;
  edited.data.weather = 9;
  edited.data.safetyCarStatus = 3;
  const m = modelOf(edited, "session");
  // 2018 lists neither session type 13, weather 9, nor safety car status 3 (formation lap, from F1 2021).
  for (const k of ["sessionType", "sessionKind", "weather", "safetyCarStatus"]) assert.equal(k in m, false, k);
});

test("units and counts: metres, degrees, km/h as sent; marshal zones and forecasts cut to the game's counts", () => {
  for (const [p, m] of pairs("session", "session")) {
    const d = p.data;
    assert.equal(m.trackLengthM, d.trackLength);
    assert.equal(m.trackTempC, d.trackTemperature);
    assert.equal(m.pitSpeedLimitKmh, d.pitSpeedLimit);
    assert.equal(m.timeLeftS, d.sessionTimeLeft);
    assert.equal(m.marshalZones.length, d.numMarshalZones);
    assert.deepEqual(
      m.marshalZones.map((z) => z.startFraction),
      d.marshalZones.slice(0, d.numMarshalZones).map((z) => z.zoneStart),
    );
    if ("sector2LapDistanceStart" in d) {
      assert.equal(m.sector2StartM, d.sector2LapDistanceStart);
      assert.equal(m.rules?.parcFermeRules, d.parcFermeRules);
      assert.equal(m.rules?.affectsLicenceLevelMP, d.affectsLicenceLevelMP);
    }
    if ("numWeatherForecastSamples" in d) assert.equal(m.forecast?.length, d.numWeatherForecastSamples);
    else assert.equal("forecast" in m, false);
  }
});

test("2018's era is the formula byte of later formats; fields arrive with the format that added them", () => {
  const byFormat = new Map(pairs("session", "session").map(([p, m]) => [p.packetFormat, m]));
  const m2018 = byFormat.get(2018);
  assert.equal(m2018?.formulaId, 0);
  assert.equal(m2018?.formula, "F1 Modern");
  const firstFormat: Record<string, number> = {
    forecast: 2020,
    forecastAccuracy: 2021,
    assists: 2021,
    ruleSetId: 2022,
    sessionLength: 2022,
    numRedFlagPeriods: 2023,
    unitsLeadPlayer: 2023,
    rules: 2024,
    weekend: 2024,
    sector2StartM: 2024,
  };
  for (const [format, m] of byFormat) {
    for (const [field, first] of Object.entries(firstFormat)) {
      assert.equal(field in m, format >= first, `${format} ${field}`);
    }
    assert.equal("activeAeroZonesFull" in m, false);
  }
  const forecast2020 = byFormat.get(2020)?.forecast?.[0];
  assert.ok(forecast2020 && !("rainPct" in forecast2020) && !("trackTempChange" in forecast2020));
  assert.equal(typeof byFormat.get(2021)?.forecast?.[0]?.rainPct, "number");
  assert.deepEqual(
    byFormat.get(2025)?.weekend?.map((w) => w.sessionType),
    ["one-shot-qualifying", "race"],
  );
});
