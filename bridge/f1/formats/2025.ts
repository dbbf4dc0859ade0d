import { defineFormat } from "../format.ts";
import { header2023 } from "./headers.ts";

// TODO(layouts): packet bodies for 2025 are being written.
export const format2025 = defineFormat({
  packetFormat: 2025,
  header: header2023,
  packets: {},
  eventDetailsBytes: 0,
  events: {},
});
