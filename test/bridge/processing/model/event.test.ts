// Events: every captured code, and the details later formats add (crafted where no capture has them).
import assert from "node:assert/strict";
import { test } from "node:test";
import { decode } from "../../../../bridge/f1/decode.ts";
import { FORMATS } from "../../../../bridge/f1/formats/index.ts";
import { PACKET_ID } from "../../../../bridge/f1/packet-ids.ts";
import { offsetOf } from "../../../../bridge/f1/schema.ts";
import type { ModelEvent } from "../../../../bridge/processing/model/types.ts";
import { decodedOf, fixtures, modelOf } from "./support.ts";

const eventsOf = (format?: number): ModelEvent[] => decodedOf("event", format).map((p) => modelOf(p, "event").event);

/** An Event datagram of `format` on the header of one of its captures, with the given code and detail bytes. */
function crafted(format: number, code: string, details: number[], floats: [at: number, value: number][] = []) {
  const definition = FORMATS.find((f) => f.packetFormat === format);
  const source = fixtures().find((f) => f.packet.packetFormat === format);
  assert.ok(definition && source, `no ${format} capture`);
  const headerSize = definition.header.size;
  const bytes = Buffer.alloc(headerSize + 4 + definition.eventDetailsBytes);
  source.bytes.copy(bytes, 0, 0, headerSize);
  bytes.writeUInt8(PACKET_ID.event, offsetOf(definition.header, "packetId"));
  bytes.write(code, headerSize, "latin1");
  Buffer.from(details).copy(bytes, headerSize + 4);
  for (const [at, value] of floats) bytes.writeFloatLE(value, headerSize + 4 + at);
  const r = decode(bytes);
  assert.ok(r.ok, r.ok ? "" : r.rejection.detail);
  return modelOf(r.packet, "event").event;
}

test("every captured event keeps its code", () => {
  for (const p of decodedOf("event")) assert.equal(modelOf(p, "event").event.code, p.data.eventStringCode);
});

test("fastest lap: 2019's float seconds to rounded ms", () => {
  assert.deepEqual(
    eventsOf(2019).find((e) => e.code === "FTLP"),
    { code: "FTLP", vehicleIndex: 3, lapTimeMs: 78_551 },
  );
});

test("penalties: type and infringement named per format; 255 time and places are absent", () => {
  const penalties = eventsOf().filter((e) => e.code === "PENA");
  assert.ok(penalties.length >= 3);
  assert.deepEqual(
    eventsOf(2024).find((e) => e.code === "PENA"),
    {
      code: "PENA",
      penaltyTypeId: 4,
      penaltyType: "time-penalty",
      infringementTypeId: 45,
      infringement: "Unserved stop go penalty",
      vehicleIndex: 3,
      timeS: 5,
      lapNumber: 14,
    },
  );
  const warning = penalties.find((e) => e.code === "PENA" && e.penaltyType === "warning" && e.otherVehicleIndex);
  assert.ok(warning && !("timeS" in warning) && warning.placesGained === 0);
});

test("safety car events (F1 24) and collision severity (2026)", () => {
  const scar = eventsOf(2024).filter((e) => e.code === "SCAR");
  assert.deepEqual(
    scar.map((e) => e.code === "SCAR" && [e.safetyCarType, e.eventType]),
    [
      ["virtual", "deployed"],
      ["full", "deployed"],
      ["full", "returning"],
      ["full", "returned"],
      ["none", "resume-race"],
    ],
  );
  assert.deepEqual(eventsOf(2026), [{ code: "COLL", vehicle1Index: 16, vehicle2Index: 21, severity: "medium" }]);
  const coll = eventsOf(2024).find((e) => e.code === "COLL");
  assert.ok(coll && !("severity" in coll));
});

test("speed trap: 2021's flag names and F1 22's session best both read into one shape", () => {
  assert.deepEqual(crafted(2021, "SPTP", [4, 0, 0, 0, 0, 1, 0], [[1, 301.5]]), {
    code: "SPTP",
    vehicleIndex: 4,
    speedKmh: 301.5,
    isOverallFastestInSession: true,
    isDriverFastestInSession: false,
  });
  assert.deepEqual(crafted(2020, "SPTP", [4], [[1, 280.25]]), { code: "SPTP", vehicleIndex: 4, speedKmh: 280.25 });
  const f1_22 = eventsOf(2022).find((e) => e.code === "SPTP");
  assert.ok(f1_22 && "fastestSpeedInSessionKmh" in f1_22 && "fastestVehicleIndexInSession" in f1_22);
});

test("F1 25's retirement and DRS reasons and stop-go time; absent before", () => {
  assert.deepEqual(crafted(2025, "RTMT", [6, 8]), { code: "RTMT", vehicleIndex: 6, reason: "mechanical-failure" });
  assert.deepEqual(crafted(2025, "DRSD", [1]), { code: "DRSD", reason: "safety-car" });
  assert.deepEqual(crafted(2025, "SGSV", [6], [[1, 10.25]]), { code: "SGSV", vehicleIndex: 6, stopTimeMs: 10_250 });
  assert.deepEqual(crafted(2024, "RTMT", [6, 8]), { code: "RTMT", vehicleIndex: 6 });
  assert.deepEqual(crafted(2024, "DRSD", [1]), { code: "DRSD" });
});

test("flashback: the frame and session time gone back to, unrounded like meta.sessionTimeMs", () => {
  const flashback = eventsOf(2022).find((e) => e.code === "FLBK");
  assert.deepEqual(flashback, { code: "FLBK", frame: 794, sessionTimeMs: 28_270.042419433594 });
});
