// Every packet of every format normalises: the real captures, and random datagrams of every layout.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { decode } from "../../../../bridge/f1/decode.ts";
import { FORMATS } from "../../../../bridge/f1/formats/index.ts";
import { PACKET_ID } from "../../../../bridge/f1/packet-ids.ts";
import { offsetOf } from "../../../../bridge/f1/schema.ts";
import type { ModelKind, ModelPacket } from "../../../../bridge/processing/model/types.ts";
import { fixtures, normaliseDefined } from "./support.ts";

const KIND_OF_NAME: Record<string, ModelKind> = {
  motion: "motion",
  session: "session",
  lapData: "lapData",
  event: "event",
  participants: "participants",
  carSetups: "carSetups",
  carTelemetry: "telemetry",
  carStatus: "status",
  finalClassification: "finalClassification",
  lobbyInfo: "lobbyInfo",
  carDamage: "damage",
  sessionHistory: "sessionHistory",
  tyreSets: "tyreSets",
  motionEx: "motionEx",
  timeTrial: "timeTrial",
  lapPositions: "lapPositions",
  carTelemetry2: "telemetry2",
};

/** The kinds one packet gives: older formats' Motion and Car Status also give what EA later moved out of them. */
function expectedKinds(packetFormat: number, name: string): ModelKind[] {
  const kind = KIND_OF_NAME[name];
  assert.ok(kind, `no kind for ${name}`);
  if (name === "motion" && packetFormat <= 2022) return ["motion", "motionEx"];
  if (name === "carStatus" && packetFormat <= 2020) return ["status", "damage"];
  return [kind];
}

const GRID: Record<number, number> = { 2018: 20, 2019: 20, 2026: 24 };
const gridOf = (packetFormat: number) => GRID[packetFormat] ?? 22;

/** Paths of numbers that are NaN or infinite: unit conversions of real data must give none. */
function nonFinite(value: unknown, path = ""): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
}

function checkShape(m: ModelPacket, packetFormat: number): void {
  assert.equal(m.meta.packetFormat, packetFormat);
  if ("cars" in m) assert.equal(m.cars.length, gridOf(packetFormat), `${m.kind} cars`);
}

describe("real captures", () => {
  const all = fixtures();
  for (const packetFormat of [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]) {
    test(`${packetFormat}: every datagram normalises to the kinds of its packet, with the format's grid`, () => {
      const ofFormat = all.filter((f) => f.packet.packetFormat === packetFormat);
      assert.ok(ofFormat.length > 0);
      for (const f of ofFormat) {
        const models = normaliseDefined(f.packet);
        assert.deepEqual(
          models.map((m) => m.kind),
          expectedKinds(packetFormat, f.packet.name),
          f.source,
        );
        for (const m of models) {
          checkShape(m, packetFormat);
          assert.deepEqual(nonFinite(m), [], f.source);
        }
      }
    });
  }

  test("meta reads each header generation; 255 player indices are absent", () => {
    for (const f of all) {
      const h = f.packet.header;
      const [m] = normaliseDefined(f.packet);
      assert.ok(m);
      assert.equal(m.meta.sessionUID, h.sessionUID);
      assert.equal(m.meta.frame, h.frameIdentifier);
      assert.equal(m.meta.sessionTimeMs, h.sessionTime * 1000);
      assert.equal(m.meta.playerCarIndex, h.playerCarIndex === 255 ? undefined : h.playerCarIndex);
      assert.equal("overallFrame" in m.meta, h.packetFormat >= 2023, f.source);
      assert.equal("gameVersion" in m.meta, h.packetFormat >= 2019, f.source);
      if (h.packetFormat < 2020) assert.equal("secondaryPlayerCarIndex" in m.meta, false);
      if (h.packetFormat < 2023) assert.equal("gameYear" in m.meta, false);
    }
    // F1 25's Las Vegas capture was recorded spectating.
    const spectating = all
      .filter((f) => f.packet.packetFormat === 2025)
      .map((f) => normaliseDefined(f.packet)[0]?.meta);
    assert.ok(spectating.every((meta) => meta && !("playerCarIndex" in meta)));
  });
});

/** Random bytes of a layout's exact size with a valid header, packet id and (for events) event code. */
function randomDatagrams(perLayout: number): Buffer[] {
  const out: Buffer[] = [];
  for (const format of FORMATS) {
    const headerSize = format.header.size;
    const idAt = offsetOf(format.header, "packetId");
    const layouts: [number, number, string | undefined][] = [
      ...Object.entries(format.packets).map(([name, layout]): [number, number, undefined] => [
        PACKET_ID[name as keyof typeof PACKET_ID],
        headerSize + (layout?.size ?? 0),
        undefined,
      ]),
      ...Object.keys(format.events).map((code): [number, number, string] => [
        PACKET_ID.event,
        headerSize + 4 + format.eventDetailsBytes,
        code,
      ]),
    ];
    for (const [id, size, code] of layouts) {
      for (let i = 0; i < perLayout; i++) {
        const bytes = randomBytes(size);
        bytes.writeUInt16LE(format.packetFormat, 0);
        bytes.writeUInt8(id, idAt);
        if (code) bytes.write(code, headerSize, "latin1");
        out.push(bytes);
      }
    }
  }
  return out;
}

test("random datagrams of every format, packet and event code normalise without throwing", () => {
  let count = 0;
  for (const bytes of randomDatagrams(25)) {
    const r = decode(bytes);
    assert.ok(r.ok, r.ok ? "" : r.rejection.detail);
    const models = normaliseDefined(r.packet);
    assert.deepEqual(
      models.map((m) => m.kind),
      expectedKinds(r.packet.packetFormat, r.packet.name),
    );
    for (const m of models) checkShape(m, r.packet.packetFormat);
    count++;
  }
  assert.ok(count > 1000);
});
