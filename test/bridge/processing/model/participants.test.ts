// Participants and lobby: names from each format's own tables; unknown ids keep the id with no name.
import assert from "node:assert/strict";
import { test } from "node:test";
import { copy, decodedOf, modelOf, pairs } from "./support.ts";

test("every format: ids kept, names looked up in the format's tables, the game's name string as sent", () => {
  for (const [p, m] of pairs("participants", "participants")) {
    const d = p.data;
    assert.equal(m.numActiveCars, "numCars" in d ? d.numCars : d.numActiveCars);
    d.participants.forEach((raw, i) => {
      const car = m.cars[i];
      assert.ok(car);
      assert.equal(car.name, raw.name);
      assert.equal(car.teamId, raw.teamId);
      assert.equal(car.driverId, raw.driverId);
      assert.equal(car.nationalityId, raw.nationality);
      assert.equal("telemetryPublic" in car, p.packetFormat >= 2019);
      assert.equal("myTeam" in car, p.packetFormat >= 2021);
      assert.equal("liveryColours" in car, p.packetFormat >= 2025);
    });
  }
  const grosjean = pairs("participants", "participants", 2018)[0]?.[1].cars[0];
  assert.deepEqual(
    [grosjean?.driver, grosjean?.team, grosjean?.nationality, grosjean?.raceNumber],
    ["Romain Grosjean", "Haas", "French", 8],
  );
});

test("network humans and empty slots: driverId kept without a driver name, no network id for AI", () => {
  const vegas = pairs("participants", "participants", 2025)[0]?.[1];
  assert.ok(vegas);
  assert.equal(vegas.numActiveCars, 7);
  const player = vegas.cars[0];
  assert.equal(player?.driverId, 255);
  assert.equal(player && "driver" in player, false);
  assert.equal(player?.networkId, 3);
  assert.equal(player?.platform, "xbox");
  const ai = pairs("participants", "participants", 2024)[0]?.[1].cars[0];
  assert.equal(ai?.aiControlled, true);
  assert.equal(ai && "networkId" in ai, false);
});

test("a team id the format does not list keeps its id and has no team name", () => {
  const [p] = decodedOf("participants", 2022);
  assert.ok(p);
  const edited = copy(p);
  const raw = edited.data.participants[0];
  assert.ok(raw);
  raw.teamId = 250;
  raw.name = "<b>Not HTML</b>";
  const car = modelOf(edited, "participants").cars[0];
  assert.equal(car?.teamId, 250);
  assert.equal(car && "team" in car, false);
  assert.equal(car?.name, "<b>Not HTML</b>");
});

test("lobby players are cut to numPlayers, in lobby order", () => {
  for (const [p, m] of pairs("lobbyInfo", "lobbyInfo")) {
    assert.equal(m.players.length, p.data.numPlayers);
    m.players.forEach((player, i) => {
      assert.equal(player.name, p.data.lobbyPlayers[i]?.name);
      assert.equal("carNumber" in player, p.packetFormat >= 2021);
      assert.equal("platform" in player, p.packetFormat >= 2023 && player.platform !== undefined);
    });
  }
});
