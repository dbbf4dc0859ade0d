import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { FORMATS } from "../../../bridge/f1/formats/index.ts";
import {
  activeAeroModeName,
  activeAeroTrackStatusName,
  actualTyreCompoundName,
  collisionSeverityName,
  colourBlindModeName,
  DRIVERS_BY_FORMAT,
  driverName,
  EVENT_CODES,
  ersDeployModeName,
  eventCodeInfo,
  eventCodesFor,
  eventName,
  formulaName,
  INFRINGEMENT_TYPES_2020,
  INFRINGEMENT_TYPES_2022,
  infringementTypeName,
  isNetworkHumanDriverId,
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
  TEAM_ID_MY_TEAM_2026,
  TEAMS_BY_FORMAT,
  TRACKS,
  tableIds,
  teamName,
  temperatureChangeName,
  trackName,
  tractionControlAssistName,
  tyreCompound2018Name,
  visualTyreCompoundName,
  weatherName,
} from "../../../bridge/f1/lookups/index.ts";
import { FIXTURES_DIR, type JsonlFixture, loadJsonlFixtures, TRACKS_DIR } from "../../support/fixtures.ts";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** `expected[format][id]` is what `fn(format, id)` returns, for every format and id listed. */
function expectByFormat(
  fn: (format: number, id: number) => unknown,
  expected: Readonly<Record<number, Readonly<Record<number, unknown>>>>,
): void {
  for (const [format, byId] of Object.entries(expected)) {
    for (const [id, value] of Object.entries(byId)) {
      assert.equal(fn(Number(format), Number(id)), value, `${fn.name}(${format}, ${id})`);
    }
  }
}

// --- generic lookup -------------------------------------------------------------------------------------------

test("lookup: unknown, negative, fractional and NaN ids give undefined", () => {
  const table = { 0: "zero", 2: "two" } as const;
  assert.equal(lookup(table, 2), "two");
  for (const id of [1, 3, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(lookup(table, id), undefined);
  // formats outside 2018..2026 are not guessed
  expectByFormat(teamName, { 2017: { 0: undefined }, 2027: { 0: undefined } });
  expectByFormat(sessionTypeName, { 2027: { 1: undefined } });
});

// --- tracks ---------------------------------------------------------------------------------------------------

test("tracks: the table equals data/tracks/track-ids.json (regenerate with generate-tracks.ts)", () => {
  const json = JSON.parse(readFileSync(join(TRACKS_DIR, "track-ids.json"), "utf8")) as {
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
  const known = [
    [10, "Spa"],
    [0, "Melbourne"],
    [32, "Losail"],
    [39, "Silverstone (Reverse)"],
    [-1, undefined],
    [33, undefined],
  ] as const;
  for (const [id, name] of known) assert.equal(trackName(id), name, `track ${id}`);
});

// --- teams ----------------------------------------------------------------------------------------------------

test("teams: every format has its ten current teams at 0-9", () => {
  for (const format of LOOKUP_FORMATS) for (const id of range(10)) assert.ok(teamName(format, id), `${format}/${id}`);
});

test("teams: names follow the format, not one merged table", () => {
  expectByFormat(teamName, {
    // 2018: classic cars share the id space with the current teams; F2 (23) came with F1 2019
    2018: { 4: "Force India", 6: "Toro Rosso", 10: "McLaren 1988", 23: undefined, 40: "Lotus 1978" },
    2019: { 4: "Racing Point", 23: "ART Grand Prix" },
    // 255: My Team in 2020, "invalid" afterwards; no classic cars from F1 2021
    2020: { 255: "My Team" },
    2021: { 4: "Aston Martin", 10: undefined, 255: undefined },
    // 118 is an F2 2022 team in F1 22, a 2022 F1 car in F1 23
    2022: { 118: "Prema '22" },
    2023: { 9: "Alfa Romeo", 118: "Mercedes '22", 130: "Prema '22" },
    2024: { 6: "RB", 143: "Art GP '23", 185: undefined },
    2025: { 9: "Sauber", 41: "F1 Generic", 143: undefined, 185: "Mercedes '24", 255: undefined },
  });
});

test("teams as EA's appendices list them: McLaren 2008 (20) is in F1 2018 and F1 2020, not F1 2019; 63-65 only in F1 2019", () => {
  expectByFormat(teamName, {
    2018: { 20: "McLaren 2008", 63: undefined },
    2019: { 20: undefined, 63: "Ferrari 1990", 64: "McLaren 2010", 65: "Ferrari 2010" },
    2020: { 20: "McLaren 2008", 41: "F1 Generic car", 56: "Jordan 1991", 63: undefined, 64: undefined, 65: undefined },
  });
});

test("teams: every table value is a non-empty name", () => {
  for (const [format, table] of Object.entries(TEAMS_BY_FORMAT))
    for (const [id, name] of Object.entries(table))
      assert.ok(typeof name === "string" && name.length > 0, `${format}/${id}`);
});

test("teams of UDP Format 2026: the 2026 cars 476-486, F2 '25 465-475, My Team '26; and the 2025-format aliases", () => {
  const cars2026 = ["Mercedes", "Ferrari", "Red Bull Racing", "Williams", "Aston Martin", "Alpine", "RB", "Haas"];
  const names = [...cars2026, "McLaren", "Audi", "Cadillac"].map((team) => `${team} '26`);
  names.forEach((name, i) => {
    assert.equal(teamName(2026, 476 + i), name);
    assert.equal(teamName(2025, 220 + i), name, "the pack's 2025-format alias (low byte of 476 + i)");
    assert.equal(teamName(2024, 220 + i), undefined);
  });
  expectByFormat(teamName, {
    2025: { 231: undefined, 465: undefined, 476: undefined },
    2026: { 0: "Mercedes", 194: "Sauber '24", 220: undefined, 465: "Art GP '25", 475: "Invicta '25", 487: undefined },
  });
  assert.equal(teamName(2026, TEAM_ID_MY_TEAM_2026), "My Team '26");
});

// --- session types --------------------------------------------------------------------------------------------

test("session types: 12 is Time Trial until 2020, Race 3 from 2021", () => {
  expectByFormat(sessionTypeName, {
    2020: { 12: "Time Trial", 13: undefined },
    2021: { 12: "Race 3", 13: "Time Trial" },
  });
});

test("session types: 2022 and 2023 use the same numbering (per the F1 22 and F1 23 specs)", () => {
  for (const id of range(20)) assert.equal(sessionTypeName(2023, id), sessionTypeName(2022, id), `id ${id}`);
  assert.equal(sessionTypeName(2023, 10), "Race");
});

test("session types: the 2024 format adds sprint shootouts and moves the race from 10 to 15", () => {
  expectByFormat(sessionTypeName, {
    2024: { 10: "Sprint Shootout 1", 14: "One-Shot Sprint Shootout", 15: "Race" },
    2025: { 18: "Time Trial", 19: undefined },
  });
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

test("event codes: each format's set, from 2 in 2018 to 21 in 2024 to 2026", () => {
  assert.deepEqual(eventCodesFor(2018), ["SSTA", "SEND"]);
  const counts = LOOKUP_FORMATS.map((f) => eventCodesFor(f).length);
  assert.deepEqual(counts, [2, 9, 11, 17, 17, 19, 21, 21, 21]);
  const expected =
    "SSTA SEND FTLP RTMT DRSE DRSD TMPT CHQF RCWN PENA SPTP STLG LGOT DTSV SGSV FLBK BUTN RDFL OVTK SCAR COLL";
  assert.deepEqual(eventCodesFor(2025), expected.split(" "));
  assert.deepEqual(eventCodesFor(2026), expected.split(" "));
  assert.deepEqual(eventCodesFor(2017), []);
});

test("event codes: first formats and unknown codes", () => {
  const since = { PENA: 2020, BUTN: 2021, OVTK: 2023, COLL: 2024 } as const;
  for (const [code, first] of Object.entries(since)) assert.equal(eventCodeInfo(code)?.since, first, code);
  assert.equal(eventName(2022, "OVTK"), undefined);
  assert.equal(eventName(2023, "OVTK"), "Overtake");
  for (const code of ["XXXX", "ssta", "constructor"]) assert.equal(eventCodeInfo(code), undefined, code);
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
  expectByFormat(infringementTypeName, {
    2019: { 0: undefined }, // no PENA event before 2020
    2021: { 40: "Retired mechanical failure", 49: "Retry penalty", 52: undefined },
    2022: { 40: "Formation lap parking", 41: "Retired mechanical failure" },
    2024: { 54: "Attribute assigned" },
    2025: { 49: "Parc Fermé change" },
  });
  expectByFormat(penaltyTypeName, { 2019: { 0: undefined }, 2020: { 4: "Time penalty" }, 2025: { 18: undefined } });
});

// --- tyres ----------------------------------------------------------------------------------------------------

test("tyres: actual compounds by format (C0 from 2023, C6 from 2025)", () => {
  expectByFormat(actualTyreCompoundName, {
    2019: { 16: "C5" },
    2022: { 21: undefined },
    2023: { 21: "C0" },
    2024: { 22: undefined },
    2025: { 0: undefined, 7: "Inter", 9: "Dry", 11: "Super Soft", 22: "C6" },
    2026: { 16: "C5", 22: "C6" },
    2027: { 16: undefined },
  });
});

test("tyres: visual compounds, F2's own visual ids from 2020, and 2018's single field", () => {
  expectByFormat(visualTyreCompoundName, {
    2018: { 6: "Super Hard" },
    2019: { 16: "Soft", 19: undefined },
    2020: { 19: "Super Soft" },
    2025: { 22: "Hard" },
  });
  expectByFormat(actualTyreCompoundName, { 2018: { 0: "Hyper Soft" } });
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
  expectByFormat(temperatureChangeName, { 2020: { 0: undefined }, 2021: { 2: "No Change" } });
  // 3 (formation lap) is first listed by the F1 2021 document; the F1 2020 one stops at 2
  expectByFormat(safetyCarStatusName, {
    2019: { 3: undefined },
    2020: { 2: "Virtual Safety Car", 3: undefined },
    2021: { 3: "Formation Lap" },
    2025: { 2: "Virtual Safety Car" },
  });
  expectByFormat(safetyCarEventTypeName, { 2023: { 0: undefined }, 2024: { 3: "Resume Race" } });
  // 2018 has m_era instead of m_formula
  expectByFormat(formulaName, {
    2018: { 0: undefined },
    2021: { 4: undefined },
    2023: { 5: "Supercars" },
    2024: { 5: undefined, 8: "F1 World" },
    2025: { 13: undefined },
    2026: { 9: "F1 Elimination", 13: "F1 26" },
  });
  expectByFormat(rulesetName, {
    2021: { 1: undefined },
    2024: { 11: "Rival Duel" },
    2025: { 11: undefined, 12: "Elimination" },
  });
  expectByFormat(resultStatusName, {
    2020: { 4: "Disqualified", 7: undefined },
    2021: { 4: "Did Not Finish", 7: "Retired" },
  });
});

test("ERS deploy modes: 0-5 in 2018/2019, 2020's order, hotlap before overtake from 2021, and 3 = boost in 2026", () => {
  expectByFormat(ersDeployModeName, {
    2018: { 3: "High", 5: "Hotlap" },
    2019: { 4: "Overtake" },
    2020: { 2: "Overtake", 3: "Hotlap", 4: undefined },
    2021: { 2: "Hotlap", 3: "Overtake" },
    2025: { 3: "Overtake" },
    2026: { 2: "Hotlap", 3: "Boost" },
    2027: { 0: undefined },
  });
});

test("2026 fields: active aero, collision severity, assists (undefined before UDP Format 2026)", () => {
  expectByFormat(activeAeroTrackStatusName, {
    2025: { 0: undefined },
    2026: { 0: "Full", 1: "Partial", 2: undefined },
  });
  expectByFormat(activeAeroModeName, { 2026: { 0: "Corner", 1: "Straight" } });
  expectByFormat(collisionSeverityName, { 2025: { 1: undefined }, 2026: { 0: "Low", 1: "Medium", 2: "High" } });
  expectByFormat(tractionControlAssistName, { 2026: { 2: "Full" } });
  expectByFormat(colourBlindModeName, { 2026: { 3: "Tritanopia", 4: undefined } });
  assert.match(trackName(42) ?? "", /^Madrid/);
});

// --- drivers and nationalities --------------------------------------------------------------------------------

test("drivers: F1 23 renumbered the ids from 127 on", () => {
  expectByFormat(driverName, {
    2018: { 8: "Marcus Ericsson" },
    2019: { 8: undefined },
    2022: { 127: "Jake Hughes" },
    2023: { 127: "Callie Mayer", 129: "Jake Hughes" },
    2024: { 150: "Arthur Leclerc" },
    2025: { 34: "Lars Kaufmann", 150: undefined, 165: "Andrea-Kimi Antonelli", 255: undefined },
  });
  for (const table of Object.values(DRIVERS_BY_FORMAT)) assert.equal(lookup(table, 7), "Lewis Hamilton");
});

test("drivers: UDP Format 2026 keeps F1 25's ids (plus 188 from its capture); a network human is 65535, not 255", () => {
  expectByFormat(driverName, { 2026: { 165: "Andrea-Kimi Antonelli", 188: "Arvid Lindblad", 65535: undefined } });
  expectByFormat(isNetworkHumanDriverId, {
    2020: { 255: false },
    2021: { 255: true },
    2025: { 255: true, 65535: false },
    2026: { 255: false, 65535: true },
  });
});

test("nationalities: the list shifts between formats", () => {
  expectByFormat(nationalityName, {
    2018: { 81: "Taiwanese" },
    2019: { 2: "Argentinian", 81: "Thai" },
    2020: { 2: "Argentinean", 56: "North Korean", 87: "Barbadian" },
    2021: { 56: "Northern Irish", 80: "Thai", 87: "Vietnamese" },
    2023: { 90: undefined },
    2024: { 90: "Filipino" },
    2025: { 0: undefined },
    2026: { 10: "British", 90: "Filipino" },
  });
});

// --- real captures (test/fixtures/f1-udp/jsonl-2018-2025, the reference library's decode) -------------------

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
