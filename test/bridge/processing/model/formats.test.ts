// Format facts: F1 25 emitting older formats, UDP Format 2026's additions, and vocabularies covering every lookup.
import assert from "node:assert/strict";
import { test } from "node:test";
import { decode } from "../../../../bridge/f1/decode.ts";
import { FORMATS } from "../../../../bridge/f1/formats/index.ts";
import * as lookups from "../../../../bridge/f1/lookups/index.ts";
import { PACKET_ID } from "../../../../bridge/f1/packet-ids.ts";
import { offsetOf, type StructField } from "../../../../bridge/f1/schema.ts";
import * as code from "../../../../bridge/processing/model/enums.ts";
import type { ModelPacket } from "../../../../bridge/processing/model/types.ts";
import { fixtures, modelOf, normaliseDefined } from "./support.ts";

const GAME_YEAR_OFFSET = 2;

const withoutGameYear = (m: ModelPacket) => {
  const { gameYear: _, ...meta } = m.meta;
  return { ...m, meta };
};

test("F1 25 sending the 2023 (gameYear 0) and 2024 (gameYear 25) formats: read by packetFormat alone", () => {
  for (const [format, gameYear] of [
    [2023, 0],
    [2024, 25],
  ] as const) {
    const captures = fixtures().filter((f) => f.packet.packetFormat === format);
    assert.ok(captures.length > 20);
    for (const f of captures) {
      const bytes = Buffer.from(f.bytes);
      bytes.writeUInt8(gameYear, GAME_YEAR_OFFSET);
      const r = decode(bytes);
      assert.ok(r.ok, f.source);
      const fromF1_25 = normaliseDefined(r.packet);
      const original = normaliseDefined(f.packet);
      assert.deepEqual(fromF1_25.map(withoutGameYear), original.map(withoutGameYear), f.source);
      for (const m of fromF1_25) assert.equal(m.meta.gameYear, gameYear === 0 ? undefined : 25);
    }
  }
});

/** A zeroed 2026 datagram of one packet on the real 2026 capture's header; `edit` writes into its body. */
function datagram2026(name: keyof typeof PACKET_ID, edit: (body: Buffer, layout: StructField) => void) {
  const format = FORMATS.find((f) => f.packetFormat === 2026);
  const layout = format?.packets[name as keyof typeof format.packets] as StructField | undefined;
  const real = fixtures().find((f) => f.source === "2026 datagram-06.bin");
  assert.ok(format && layout && real);
  const headerSize = format.header.size;
  const bytes = Buffer.alloc(headerSize + layout.size);
  real.bytes.copy(bytes, 0, 0, headerSize);
  bytes.writeUInt8(PACKET_ID[name], offsetOf(format.header, "packetId"));
  edit(bytes.subarray(headerSize), layout);
  const r = decode(bytes);
  assert.ok(r.ok, r.ok ? "" : r.rejection.detail);
  return r.packet;
}

test("2026 Car Telemetry 2: active aero and overtake per car, 24 cars", () => {
  const packet = datagram2026("carTelemetry2", (body) => {
    // Car 3 (10 bytes a car): straight mode, available, 120 m to overtake activation, 2026 car.
    body.writeUInt8(1, 30);
    body.writeUInt8(1, 31);
    body.writeUInt16LE(0, 32);
    body.writeUInt8(1, 34);
    body.writeUInt16LE(120, 36);
    body.writeUInt8(1, 38);
  });
  const m = modelOf(packet, "telemetry2");
  assert.equal(m.cars.length, 24);
  assert.deepEqual(m.cars[3], {
    activeAeroMode: "straight",
    activeAeroAvailable: true,
    activeAeroActivationDistanceM: 0,
    overtakeAvailable: true,
    overtakeActive: false,
    overtakeActivationDistanceM: 120,
    regulations2026: true,
    drivingWrongWay: false,
  });
  assert.equal(m.cars[0]?.activeAeroMode, "corner");
});

test("2026 session: active aero and DRS zones cut to their counts; F1 25's fields still there", () => {
  const packet = datagram2026("session", (body, layout) => {
    body.writeUInt8(2, offsetOf(layout, "numActiveAeroZonesFull"));
    const zones = offsetOf(layout, "activeAeroZonesFull");
    body.writeFloatLE(0.25, zones + 8);
    body.writeFloatLE(0.5, zones + 12);
    body.writeUInt8(1, offsetOf(layout, "activeAeroTrackStatus"));
    body.writeFloatLE(0.2125, offsetOf(layout, "startReactionTime"));
  });
  const m = modelOf(packet, "session");
  assert.deepEqual(m.activeAeroZonesFull, [
    { startFraction: 0, endFraction: 0 },
    { startFraction: 0.25, endFraction: 0.5 },
  ]);
  assert.deepEqual(m.activeAeroZonesPartial, []);
  assert.deepEqual(m.drsZones, []);
  assert.equal(m.activeAeroTrackStatus, "partial");
  assert.equal(m.startReactionTimeMs, 213);
  assert.ok("sector2StartM" in m && "rules" in m && "antiLockBrakes" in (m.assists ?? {}));
});

test("2026 ERS mode 3 is boost; its harvest limit is in joules as sent", () => {
  const capture = fixtures().find((f) => f.packet.packetFormat === 2026 && f.packet.name === "carStatus");
  assert.ok(capture);
  const bytes = Buffer.from(capture.bytes);
  const status = FORMATS.find((f) => f.packetFormat === 2026)?.packets.carStatus;
  assert.ok(status);
  const car = status.fields.carStatusData.of as StructField;
  bytes.writeUInt8(3, 29 + offsetOf(car, "ersDeployMode"));
  const r = decode(bytes);
  assert.ok(r.ok && r.packet.name === "carStatus" && "ersHarvestLimitPerLap" in (r.packet.data.carStatusData[0] ?? {}));
  const m = modelOf(r.packet, "status");
  assert.equal(m.cars[0]?.ersDeployMode, "boost");
  assert.equal(typeof m.cars[0]?.ersHarvestLimitPerLapJ, "number");
});

test("every name the lookups give, in every format, has a word in the model's vocabularies", () => {
  const formats = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
  const pairs: [string, (f: number, id: number) => unknown, (f: number, id: number) => unknown][] = [
    ["session type", (f, id) => lookups.sessionType(f, id), code.sessionType],
    ["session kind", (f, id) => lookups.sessionType(f, id), code.sessionKind],
    ["weather", (_, id) => lookups.weatherName(id), (_, id) => code.weather(id)],
    ["temperature change", lookups.temperatureChangeName, code.temperatureChange],
    ["safety car", lookups.safetyCarStatusName, code.safetyCarStatus],
    ["safety car type", lookups.safetyCarTypeName, code.safetyCarType],
    ["safety car event", lookups.safetyCarEventTypeName, code.safetyCarEventType],
    ["result status", lookups.resultStatusName, code.resultStatus],
    ["ERS deploy mode", lookups.ersDeployModeName, code.ersDeployMode],
    ["penalty type", lookups.penaltyTypeName, code.penaltyType],
    ["active aero mode", lookups.activeAeroModeName, code.activeAeroMode],
    ["active aero track status", lookups.activeAeroTrackStatusName, code.activeAeroTrackStatus],
    ["collision severity", lookups.collisionSeverityName, code.collisionSeverity],
  ];
  for (const [what, lookup, vocabulary] of pairs) {
    for (const f of formats) {
      for (let id = 0; id < 256; id++) {
        if (lookup(f, id) === undefined) continue;
        assert.notEqual(vocabulary(f, id), undefined, `${what} ${id} in ${f}`);
      }
    }
  }
});
