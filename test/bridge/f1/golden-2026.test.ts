// Golden tests for UDP Format 2026 on the real F1 25 "2026 Season Pack" captures (test/fixtures/f1-udp/
// pits-n-giggles-2026). Only datagram-06.bin is a whole datagram. The payload-NN.bin files come without their header:
// their header here is MADE UP (datagram-06's, with the packetId byte set to NN; see load2026Fixtures), so nothing
// below asserts a header field of a payload. There is no Session capture: formula 13 and the track are checked by
// lookup and by the cars' world positions against the track outlines in data/tracks.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { type DecodeResult, decode, validateDatagram } from "../../../bridge/f1/decode.ts";
import {
  collisionSeverityName,
  driverName,
  formulaName,
  isNetworkHumanDriverId,
  nationalityName,
  teamName,
  trackName,
} from "../../../bridge/f1/lookups/index.ts";
import { packetName } from "../../../bridge/f1/packet-ids.ts";
import { load2026Fixtures, TRACKS_DIR } from "../../support/fixtures.ts";

const fixtures = load2026Fixtures();

/** The decoded packet of one capture, by packet name; fails the test when it does not decode. */
function packet<N extends string>(name: N) {
  const fx = fixtures.find((f) => packetName(f.packetId) === name);
  assert.ok(fx, `no ${name} capture`);
  const r: DecodeResult = decode(fx.bytes);
  assert.ok(r.ok && r.packet.packetFormat === 2026 && r.packet.name === name);
  return r.packet as Extract<typeof r.packet, { packetFormat: 2026; name: N }>;
}

describe("every 2026 capture decodes as its packet, strictly", () => {
  for (const fx of fixtures) {
    test(`${fx.file}${fx.madeUpHeader ? " (made-up header)" : ""}`, () => {
      const r = decode(fx.bytes);
      assert.ok(r.ok, r.ok ? "" : `${r.rejection.reason}: ${r.rejection.detail}`);
      assert.equal(r.packet.packetFormat, 2026);
      assert.equal(r.packet.name, packetName(fx.packetId));
      assert.ok(validateDatagram(fx.bytes).ok);
      const shorter = decode(fx.bytes.subarray(0, fx.bytes.length - 1));
      assert.ok(!shorter.ok && shorter.rejection.reason === "size-mismatch");
    });
  }
});

test("the real header: packetFormat 2026 while gameYear says 25, v1.20, player on car 21", () => {
  const p = packet("carTelemetry");
  assert.deepEqual(p.header, {
    packetFormat: 2026,
    gameYear: 25,
    gameMajorVersion: 1,
    gameMinorVersion: 20,
    packetVersion: 1,
    packetId: 6,
    sessionUID: "5033478843801469859",
    sessionTime: p.header.sessionTime,
    frameIdentifier: 37496,
    overallFrameIdentifier: 37496,
    playerCarIndex: 21,
    secondaryPlayerCarIndex: 255,
  });
  assert.equal(p.data.carTelemetryData.length, 24);
  const car = p.data.carTelemetryData[21];
  assert.deepEqual([car?.speed, car?.gear, car?.engineRPM, car?.engineTemperature], [56, 5, 4005, 106]); // u8 °C
  assert.deepEqual([p.data.mfdPanelIndex, p.data.mfdPanelIndexSecondaryPlayer, p.data.suggestedGear], [0, 255, 0]);
});

test("the grid: 22 of 24 slots on the 2026 teams (476-486), the player on Cadillac (486), empty slots 65535", () => {
  const { numActiveCars, participants } = packet("participants").data;
  assert.equal(numActiveCars, 22);
  assert.equal(participants.length, 24);
  const active = participants.slice(0, numActiveCars);
  assert.deepEqual(
    [...new Set(active.map((p) => p.teamId))].sort(),
    [476, 477, 478, 479, 480, 481, 482, 483, 484, 485, 486],
  );
  const player = participants[21]; // the real header's playerCarIndex
  assert.equal(player?.teamId, 486);
  assert.equal(teamName(2026, player?.teamId ?? -1), "Cadillac '26");
  assert.equal(player?.aiControlled, 0);
  const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toUpperCase();
  for (const p of active) {
    assert.ok(teamName(2026, p.teamId), `team ${p.teamId}`);
    assert.equal(
      plain(driverName(2026, p.driverId) ?? "")
        .split(" ")
        .at(-1),
      plain(p.name),
      `driver ${p.driverId}`,
    );
    assert.equal(p.networkId, 65535, "offline: no network ids");
  }
  for (const empty of participants.slice(numActiveCars)) {
    assert.deepEqual([empty.driverId, empty.teamId, empty.name], [65535, 65535, ""]);
    assert.ok(isNetworkHumanDriverId(2026, empty.driverId));
  }
  assert.equal(nationalityName(2026, participants[5]?.nationality ?? -1), "Dutch"); // Verstappen
});

test("the collision event carries its severity (the header is made up)", () => {
  const { data } = packet("event");
  assert.equal(data.eventStringCode, "COLL");
  assert.ok(data.eventStringCode === "COLL");
  assert.deepEqual(data.eventDetails, { vehicle1Idx: 16, vehicle2Idx: 21, severity: 1 });
  assert.equal(collisionSeverityName(2026, data.eventDetails.severity), "Medium");
});

test("motion: int16 g-forces decode in g (÷1000), and the moving cars drive on Silverstone (track 7)", () => {
  const cars = packet("motion").data.carMotionData;
  assert.equal(cars.length, 24);
  const car5 = cars[5];
  assert.deepEqual([car5?.gForceLateral, car5?.gForceLongitudinal, car5?.gForceVertical], [-2.137, 0.708, 0.065]);
  const moving = cars.filter((c) => Math.hypot(c.worldVelocityX, c.worldVelocityZ) > 5);
  assert.equal(moving.length, 5);
  const outlines = JSON.parse(readFileSync(join(TRACKS_DIR, "f1_2025_world_xz.json"), "utf8")) as {
    tracks: Record<string, { points_xz: [number, number][] }>;
  };
  const worst = Object.entries(outlines.tracks)
    .map(([track, { points_xz }]) => {
      const off = moving.map((c) =>
        Math.min(...points_xz.map(([x, z]) => Math.hypot(x - c.worldPositionX, z - c.worldPositionZ))),
      );
      return { track, metres: Math.max(...off) };
    })
    .sort((a, b) => a.metres - b.metres);
  const [best, , other] = worst;
  assert.match(best?.track ?? "", /^Silverstone/);
  assert.ok((best?.metres ?? Infinity) < 20, `${best?.metres} m off the Silverstone line`);
  assert.ok((other?.metres ?? 0) > 100, `${other?.track} is ${other?.metres} m away`);
  assert.equal(trackName(7), "Silverstone");
  assert.equal(formulaName(2026, 13), "F1 26");
});

test("car status: the new ERS harvest limit per lap sits between MGU-H harvest and deployed energy", () => {
  const status = packet("carStatus").data.carStatusData;
  assert.equal(status.length, 24);
  const player = status[21];
  assert.deepEqual([player?.ersStoreEnergy, player?.ersHarvestLimitPerLap], [4_000_000, 9_000_000]);
  assert.deepEqual([player?.fuelCapacity, player?.maxGears, player?.actualTyreCompound], [110, 9, 19]);
  const limits = new Set(status.slice(0, 22).map((car) => car.ersHarvestLimitPerLap));
  assert.deepEqual(
    [...limits].sort((a, b) => a - b),
    [8_500_000, 9_000_000],
  ); // joules per lap, set per car
  assert.ok(
    status.slice(22).every((car) => car.ersHarvestLimitPerLap === 0),
    "empty slots",
  );
});

test("lap data, lap positions, lobby, final classification: 24-car arrays with the known values", () => {
  const lap = packet("lapData").data;
  assert.equal(lap.lapData.length, 24);
  assert.deepEqual(
    [lap.lapData[21]?.carPosition, lap.lapData[21]?.currentLapNum, lap.lapData[21]?.lastLapTimeInMS],
    [3, 3, 94981],
  );
  assert.deepEqual(
    lap.lapData
      .slice(0, 22)
      .map((l) => l.carPosition)
      .sort((a, b) => a - b),
    [...Array(22).keys()].map((i) => i + 1),
  );
  const positions = packet("lapPositions").data;
  assert.deepEqual([positions.numLaps, positions.lapStart, positions.positionForVehicleIdx.length], [6, 0, 50]);
  assert.ok(positions.positionForVehicleIdx.every((row) => row.length === 24));
  assert.equal(positions.positionForVehicleIdx[0]?.[21], 3);
  const lobby = packet("lobbyInfo").data; // the player's name has a no-break space, as the game sent it
  assert.deepEqual(
    [lobby.numPlayers, lobby.lobbyPlayers[0]?.name, lobby.lobbyPlayers[0]?.teamId],
    [1, "Milk\u00a0Sheik", 65535],
  );
  const classification = packet("finalClassification").data;
  assert.equal(classification.numCars, 22);
  assert.equal(classification.classificationData.length, 24);
});
