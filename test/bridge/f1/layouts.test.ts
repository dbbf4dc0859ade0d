import assert from "node:assert/strict";
import { test } from "node:test";
import { FORMATS } from "../../../bridge/f1/formats/index.ts";
import { OFFICIAL_SIZES } from "../../../bridge/f1/official-sizes.ts";
import { PACKET_NAMES } from "../../../bridge/f1/packet-ids.ts";

for (const format of FORMATS) {
  test(`${format.packetFormat}: every packet has a layout of the official size`, () => {
    const official = OFFICIAL_SIZES[format.packetFormat] ?? [];
    const ours = PACKET_NAMES.map((name) => {
      if (name === "event") return format.header.size + 4 + format.eventDetailsBytes;
      const layout = (format.packets as Record<string, { size: number } | undefined>)[name];
      return layout ? format.header.size + layout.size : undefined;
    }).slice(0, official.length);
    assert.deepEqual(ours, official);
    const extra = PACKET_NAMES.slice(official.length).filter((n) => n in format.packets);
    assert.deepEqual(extra, []);
  });
}
