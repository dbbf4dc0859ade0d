import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { FORMATS } from "../../../bridge/f1/formats/index.ts";
import {
  actualTyreCompoundName,
  DRIVERS_BY_FORMAT,
  driverName,
  EVENT_CODES,
  eventCodeInfo,
  eventCodesFor,
  eventName,
  formulaName,
  INFRINGEMENT_TYPES_2020,
  INFRINGEMENT_TYPES_2022,
  infringementTypeName,
  LOOKUP_FORMATS,
  lookup,
  nationalityName,
  PENALTY_TYPES,
  penaltyTypeName,
  resultStatusName,
  rulesetName,
  SESSION_TYPES_2021,
  SESSION_TYPES_2024,
  safetyCarEventTypeName,
  safetyCarStatusName,
  sessionType,
  sessionTypeName,
  TEAMS_BY_FORMAT,
  TRACKS,
  tableIds,
  teamName,
  temperatureChangeName,
  trackName,
  tyreCompound2018Name,
  visualTyreCompoundName,
  weatherName,
} from "../../../bridge/f1/lookups/index.ts";
import { FIXTURES_DIR, type JsonlFixture, loadJsonlFixtures, SHARED_DIR } from "../../support/fixtures.ts";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

// --- generic lookup -------------------------------------------------------------------------------------------

test("lookup: unknown, negative, fractional and NaN ids give undefined", () => {
  const table = { 0: "zero", 2: "two" } as const;
  assert.equal(lookup(table, 2), "two");
  for (const id of [1, 3, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(lookup(table, id), undefined);
  assert.equal(teamName(2017, 0), undefined, "formats outside 2018..2025 are not guessed");
  assert.equal(teamName(2026, 0), undefined);
  assert.equal(sessionTypeName(2026, 1), undefined);
});

// --- tracks ---------------------------------------------------------------------------------------------------

test("tracks: the table equals shared/data/tracks/track-ids.json (regenerate with generate-tracks.ts)", () => {
  const json = JSON.parse(readFileSync(join(SHARED_DIR, "data/tracks/track-ids.json"), "utf8")) as {
    tracks: { id: number; name: string; in_f1_25_spec: boolean }[];
  };
  assert.deepEqual(
    tableIds(TRACKS),
    json.tracks.map((t) => t.id).sort((a, b) => a - b),
  );
  for (const t of json.tracks) {
    assert.equal(trackName(t.id), t.name, `track ${t.id}`);
    assert.equal(lookup(TRACKS, t.id)?.inF1_25Spec, t.in_f1_25_spec, `track ${t.id} in F1 25 spec`);
  }
});

test("tracks: known ids, and -1/unknown give undefined", () => {
  assert.equal(trackName(10), "Spa");
  assert.equal(trackName(0), "Melbourne");
  assert.equal(trackName(32), "Losail");
  assert.equal(trackName(39), "Silverstone (Reverse)");
  assert.equal(trackName(-1), undefined);
  assert.equal(trackName(33), undefined);
});

// --- teams ----------------------------------------------------------------------------------------------------

test("teams: every format has its ten current teams at 0-9", () => {
  for (const format of LOOKUP_FORMATS) for (const id of range(10)) assert.ok(teamName(format, id), `${format}/${id}`);
});

test("teams: names follow the format, not one merged table", () => {
  assert.equal(teamName(2018, 4), "Force India");
  assert.equal(teamName(2019, 4), "Racing Point");
  assert.equal(teamName(2021, 4), "Aston Martin");
  assert.equal(teamName(2018, 6), "Toro Rosso");
  assert.equal(teamName(2024, 6), "RB");
  assert.equal(teamName(2023, 9), "Alfa Romeo");
  assert.equal(teamName(2025, 9), "Sauber");
  // 2018: classic cars share the id space with the current teams
  assert.equal(teamName(2018, 10), "McLaren 1988");
  assert.equal(teamName(2018, 40), "Lotus 1978");
  assert.equal(teamName(2018, 23), undefined, "F2 came with F1 2019");
  assert.equal(teamName(2019, 23), "ART Grand Prix");
  assert.equal(teamName(2021, 10), undefined, "no classic cars from F1 2021");
  // 118 is an F2 2022 team in F1 22, a 2022 F1 car in F1 23
  assert.equal(teamName(2022, 118), "Prema '22");
  assert.equal(teamName(2023, 118), "Mercedes '22");
  assert.equal(teamName(2023, 130), "Prema '22");
  // 255: My Team in 2020, "invalid" afterwards
  assert.equal(teamName(2020, 255), "My Team");
  assert.equal(teamName(2021, 255), undefined);
  assert.equal(teamName(2025, 255), undefined);
  assert.equal(teamName(2024, 143), "Art GP '23");
  assert.equal(teamName(2025, 143), undefined);
  assert.equal(teamName(2025, 185), "Mercedes '24");
  assert.equal(teamName(2024, 185), undefined);
  assert.equal(teamName(2025, 41), "F1 Generic");
});

test("teams: every table value is a non-empty name", () => {
  for (const [format, table] of Object.entries(TEAMS_BY_FORMAT))
    for (const [id, name] of Object.entries(table))
      assert.ok(typeof name === "string" && name.length > 0, `${format}/${id}`);
});

// --- session types --------------------------------------------------------------------------------------------

test("session types: 12 is Time Trial until 2020, Race 3 from 2021", () => {
  assert.equal(sessionTypeName(2020, 12), "Time Trial");
  assert.equal(sessionTypeName(2020, 13), undefined);
  assert.equal(sessionTypeName(2021, 12), "Race 3");
  assert.equal(sessionTypeName(2021, 13), "Time Trial");
});

test("session types: 2022 and 2023 use the same numbering (per the F1 22 and F1 23 specs)", () => {
  for (const id of range(20)) assert.equal(sessionTypeName(2023, id), sessionTypeName(2022, id), `id ${id}`);
  assert.equal(sessionTypeName(2023, 10), "Race");
});

test("session types: the 2024 format adds sprint shootouts and moves the race from 10 to 15", () => {
  assert.equal(sessionTypeName(2024, 10), "Sprint Shootout 1");
  assert.equal(sessionTypeName(2024, 14), "One-Shot Sprint Shootout");
  assert.equal(sessionTypeName(2024, 15), "Race");
  assert.equal(sessionTypeName(2025, 18), "Time Trial");
  assert.equal(sessionTypeName(2025, 19), undefined);
  const changed = range(19).filter((id) => sessionTypeName(2023, id) !== sessionTypeName(2024, id));
  assert.deepEqual(changed, [10, 11, 12, 13, 14, 15, 16, 17, 18]);
  assert.equal(sessionType(2024, 12)?.kind, "qualifying");
  assert.equal(sessionType(2021, 12)?.kind, "race");
  assert.deepEqual(tableIds(SESSION_TYPES_2021), range(14));
  assert.deepEqual(tableIds(SESSION_TYPES_2024), range(19));
});

// --- events ---------------------------------------------------------------------------------------------------

test("event codes: every code is exactly 4 ASCII capitals, with a name, a description and a first format", () => {
  for (const [code, info] of Object.entries(EVENT_CODES)) {
    assert.match(code, /^[A-Z]{4}$/);
    assert.ok(info.name.length > 0 && info.description.length > 0, code);
    assert.ok((LOOKUP_FORMATS as readonly number[]).includes(info.since), code);
  }
});

test("event codes: each format's set, from 2 in 2018 to 21 in 2024/2025", () => {
  assert.deepEqual(eventCodesFor(2018), ["SSTA", "SEND"]);
  const counts = LOOKUP_FORMATS.map((f) => eventCodesFor(f).length);
  assert.deepEqual(counts, [2, 9, 11, 17, 17, 19, 21, 21]);
  const expected =
    "SSTA SEND FTLP RTMT DRSE DRSD TMPT CHQF RCWN PENA SPTP STLG LGOT DTSV SGSV FLBK BUTN RDFL OVTK SCAR COLL";
  assert.deepEqual(eventCodesFor(2025), expected.split(" "));
  assert.deepEqual(eventCodesFor(2017), []);
});

test("event codes: first formats and unknown codes", () => {
  assert.equal(eventCodeInfo("PENA")?.since, 2020);
  assert.equal(eventCodeInfo("BUTN")?.since, 2021);
  assert.equal(eventCodeInfo("OVTK")?.since, 2023);
  assert.equal(eventCodeInfo("COLL")?.since, 2024);
  assert.equal(eventName(2022, "OVTK"), undefined);
  assert.equal(eventName(2023, "OVTK"), "Overtake");
  assert.equal(eventCodeInfo("XXXX"), undefined);
  assert.equal(eventCodeInfo("ssta"), undefined);
  assert.equal(eventCodeInfo("constructor"), undefined);
});

test("event codes: the decoder's event layouts only use codes of their format", () => {
  for (const format of FORMATS) {
    const allowed = eventCodesFor(format.packetFormat) as string[];
    for (const code of Object.keys(format.events)) assert.ok(allowed.includes(code), `${format.packetFormat} ${code}`);
  }
});

test("event codes: the captured event files (single-2022-2024) are known in their format", () => {
  const files = readdirSync(join(FIXTURES_DIR, "single-2022-2024")).filter((f) => /^\d{4}-03-[A-Z]{4}\.bin$/.test(f));
  assert.ok(files.length >= 40);
  for (const file of files) {
    const [format, , code] = file.replace(".bin", "").split("-") as [string, string, string];
    assert.ok(eventName(Number(format), code), file);
  }
});

// --- penalties and infringements ------------------------------------------------------------------------------

test("penalties and infringements: ids are dense from 0", () => {
  assert.deepEqual(tableIds(PENALTY_TYPES), range(18));
  assert.deepEqual(tableIds(INFRINGEMENT_TYPES_2020), range(52));
  assert.deepEqual(tableIds(INFRINGEMENT_TYPES_2022), range(55));
});

test("infringements: F1 22 inserted 'Formation lap parking' at 40 and 'Parc Fermé change' at 49", () => {
  assert.equal(infringementTypeName(2021, 40), "Retired mechanical failure");
  assert.equal(infringementTypeName(2022, 40), "Formation lap parking");
  assert.equal(infringementTypeName(2022, 41), "Retired mechanical failure");
  assert.equal(infringementTypeName(2021, 49), "Retry penalty");
  assert.equal(infringementTypeName(2025, 49), "Parc Fermé change");
  assert.equal(infringementTypeName(2021, 52), undefined);
  assert.equal(infringementTypeName(2024, 54), "Attribute assigned");
  assert.equal(infringementTypeName(2019, 0), undefined, "no PENA event before 2020");
  assert.equal(penaltyTypeName(2019, 0), undefined);
  assert.equal(penaltyTypeName(2020, 4), "Time penalty");
  assert.equal(penaltyTypeName(2025, 18), undefined);
});

// --- tyres ----------------------------------------------------------------------------------------------------

test("tyres: actual compounds by format (C0 from 2023, C6 from 2025)", () => {
  assert.equal(actualTyreCompoundName(2019, 16), "C5");
  assert.equal(actualTyreCompoundName(2022, 21), undefined);
  assert.equal(actualTyreCompoundName(2023, 21), "C0");
  assert.equal(actualTyreCompoundName(2024, 22), undefined);
  assert.equal(actualTyreCompoundName(2025, 22), "C6");
  assert.equal(actualTyreCompoundName(2025, 7), "Inter");
  assert.equal(actualTyreCompoundName(2025, 9), "Dry");
  assert.equal(actualTyreCompoundName(2025, 11), "Super Soft");
  assert.equal(actualTyreCompoundName(2025, 0), undefined);
  assert.equal(actualTyreCompoundName(2026, 16), undefined);
});

test("tyres: visual compounds, F2's own visual ids from 2020, and 2018's single field", () => {
  assert.equal(visualTyreCompoundName(2019, 16), "Soft");
  assert.equal(visualTyreCompoundName(2019, 19), undefined);
  assert.equal(visualTyreCompoundName(2020, 19), "Super Soft");
  assert.equal(visualTyreCompoundName(2025, 22), "Hard");
  assert.equal(actualTyreCompoundName(2018, 0), "Hyper Soft");
  assert.equal(visualTyreCompoundName(2018, 6), "Super Hard");
  assert.equal(tyreCompound2018Name(3, 0), "Soft");
  assert.equal(tyreCompound2018Name(3, 1), "Dry");
  assert.equal(tyreCompound2018Name(8, 1), "Wet");
  assert.equal(tyreCompound2018Name(9, 0), undefined);
});

// --- session conditions ---------------------------------------------------------------------------------------

test("weather, temperature change, safety car, formula, ruleset and result status", () => {
  assert.deepEqual(
    range(7).map((id) => weatherName(id)),
    ["Clear", "Light Cloud", "Overcast", "Light Rain", "Heavy Rain", "Storm", undefined],
  );
  assert.equal(temperatureChangeName(2020, 0), undefined);
  assert.equal(temperatureChangeName(2021, 2), "No Change");
  assert.equal(safetyCarStatusName(2019, 3), undefined);
  assert.equal(safetyCarStatusName(2020, 3), "Formation Lap");
  assert.equal(safetyCarStatusName(2025, 2), "Virtual Safety Car");
  assert.equal(safetyCarEventTypeName(2023, 0), undefined);
  assert.equal(safetyCarEventTypeName(2024, 3), "Resume Race");
  assert.equal(formulaName(2018, 0), undefined, "2018 has m_era instead");
  assert.equal(formulaName(2021, 4), undefined);
  assert.equal(formulaName(2023, 5), "Supercars");
  assert.equal(formulaName(2024, 5), undefined);
  assert.equal(formulaName(2024, 8), "F1 World");
  assert.equal(rulesetName(2021, 1), undefined);
  assert.equal(rulesetName(2024, 11), "Rival Duel");
  assert.equal(rulesetName(2025, 11), undefined);
  assert.equal(rulesetName(2025, 12), "Elimination");
  assert.equal(resultStatusName(2020, 4), "Disqualified");
  assert.equal(resultStatusName(2021, 4), "Did Not Finish");
  assert.equal(resultStatusName(2021, 7), "Retired");
  assert.equal(resultStatusName(2020, 7), undefined);
});

// --- drivers and nationalities --------------------------------------------------------------------------------

test("drivers: F1 23 renumbered the ids from 127 on", () => {
  assert.equal(driverName(2018, 8), "Marcus Ericsson");
  assert.equal(driverName(2019, 8), undefined);
  assert.equal(driverName(2022, 127), "Jake Hughes");
  assert.equal(driverName(2023, 127), "Callie Mayer");
  assert.equal(driverName(2023, 129), "Jake Hughes");
  assert.equal(driverName(2024, 150), "Arthur Leclerc");
  assert.equal(driverName(2025, 150), undefined);
  assert.equal(driverName(2025, 165), "Andrea-Kimi Antonelli");
  assert.equal(driverName(2025, 34), "Lars Kaufmann");
  assert.equal(driverName(2025, 255), undefined);
  for (const table of Object.values(DRIVERS_BY_FORMAT)) assert.equal(lookup(table, 7), "Lewis Hamilton");
});

test("nationalities: the list shifts between formats", () => {
  assert.equal(nationalityName(2018, 81), "Taiwanese");
  assert.equal(nationalityName(2019, 81), "Thai");
  assert.equal(nationalityName(2020, 56), "North Korean");
  assert.equal(nationalityName(2021, 56), "Northern Irish");
  assert.equal(nationalityName(2021, 80), "Thai");
  assert.equal(nationalityName(2020, 87), "Barbadian");
  assert.equal(nationalityName(2021, 87), "Vietnamese");
  assert.equal(nationalityName(2023, 90), undefined);
  assert.equal(nationalityName(2024, 90), "Filipino");
  assert.equal(nationalityName(2025, 0), undefined);
});

// --- real captures (shared/fixtures/f1-udp/jsonl-2018-2025, the reference library's decode) -------------------

type Parsed = Record<string, unknown>;
const fixtures = new Map<number, JsonlFixture[]>(
  [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025].map((y) => [y, loadJsonlFixtures(y)]),
);
const parsedOf = (year: number) => (fixtures.get(year) ?? []).map((f) => f.parsed);
const num = (v: unknown) => v as number;
const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toUpperCase();
const surname = (name: string) => plain(name).split(/[ .]+/).filter(Boolean).at(-1) ?? "";

/** Nationalities of drivers found in the captures, spelled as in the tables. */
const NATIONALITY_OF: Record<string, string> = {
  ALBON: "Thai",
  ALONSO: "Spanish",
  BOTTAS: "Finnish",
  GASLY: "French",
  HAMILTON: "British",
  KUBICA: "Polish",
  KVYAT: "Russian",
  LATIFI: "Canadian",
  LECLERC: "Monegasque",
  NORRIS: "British",
  PEREZ: "Mexican",
  RUSSELL: "British",
  SAINZ: "Spanish",
  SIROTKIN: "Russian",
  TSUNODA: "Japanese",
  VERSTAPPEN: "Dutch",
  ZHOU: "Chinese",
};

test("captures: every team, driver and nationality in a Participants packet is known to its format", () => {
  let checked = 0;
  for (const [year] of fixtures) {
    for (const p of parsedOf(year)) {
      const list = p.m_participants as Parsed[] | undefined;
      if (!list) continue;
      for (const q of list.slice(0, num(p.m_numActiveCars))) {
        const name = String(q.m_name);
        assert.ok(teamName(year, num(q.m_teamId)), `${year} team ${q.m_teamId} (${name})`);
        if (num(q.m_driverId) === 255) continue;
        const driver = driverName(year, num(q.m_driverId));
        assert.equal(surname(driver ?? ""), surname(name), `${year} driver ${q.m_driverId}`);
        const expected = NATIONALITY_OF[surname(name)];
        if (expected) assert.equal(nationalityName(year, num(q.m_nationality)), expected, `${year} ${name}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 100);
});

test("captures: session types of known sessions (race is 10 up to 2023, 15 from 2024)", () => {
  const sessionOf = (year: number) => parsedOf(year).find((p) => "m_sessionType" in p) as Parsed;
  const expected: Record<number, string> = {
    2018: "Race", // Monza race
    2019: "Race", // Montreal race
    2020: "Practice 1", // Monaco FP1
    2021: "Practice 1", // Suzuka FP1
    2022: "Race", // Jeddah race
    2025: "Race", // Las Vegas race
  };
  for (const [year, name] of Object.entries(expected)) {
    const s = sessionOf(Number(year));
    assert.equal(sessionTypeName(Number(year), num(s.m_sessionType)), name, year);
    assert.ok(trackName(num(s.m_trackId)), `${year} track`);
    assert.ok(weatherName(num(s.m_weather)), `${year} weather`);
  }
  assert.equal(sessionOf(2022).m_sessionType, 10);
  assert.equal(sessionOf(2025).m_sessionType, 15);
  assert.equal(trackName(num(sessionOf(2025).m_trackId)), "Las Vegas");
  // a generic-car session: formula 3 and every car on team 41
  assert.equal(formulaName(2025, num(sessionOf(2025).m_formula)), "F1 Generic");
});

test("captures: events, penalties and tyre compounds are known to their format", () => {
  for (const [year] of fixtures) {
    for (const p of parsedOf(year)) {
      if (typeof p.m_eventStringCode === "string") {
        assert.ok(eventName(year, p.m_eventStringCode), `${year} ${p.m_eventStringCode}`);
        const d = p.m_eventDetails as Parsed | undefined;
        if (p.m_eventStringCode === "PENA" && d) {
          assert.ok(penaltyTypeName(year, num(d.penaltyType)), `${year} penalty ${d.penaltyType}`);
          assert.ok(infringementTypeName(year, num(d.infringementType)), `${year} infringement ${d.infringementType}`);
        }
      }
      for (const c of (p.m_carStatusData as Parsed[] | undefined) ?? []) {
        if (year === 2018) {
          assert.ok(actualTyreCompoundName(2018, num(c.m_tyreCompound)), `2018 tyre ${c.m_tyreCompound}`);
          continue;
        }
        const actual = num(c.m_actualTyreCompound);
        const visual = num(c.m_visualTyreCompound ?? c.m_tyreVisualCompound);
        if (actual !== 0) assert.ok(actualTyreCompoundName(year, actual), `${year} actual ${actual}`);
        if (visual !== 0) assert.ok(visualTyreCompoundName(year, visual), `${year} visual ${visual}`);
      }
    }
  }
});
