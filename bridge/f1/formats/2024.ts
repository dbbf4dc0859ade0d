import { defineFormat } from "../format.ts";
import { header2023 } from "./headers.ts";

// TODO(layouts): packet bodies for 2024 are being written.
export const format2024 = defineFormat({
  packetFormat: 2024,
  header: header2023,
  packets: {},
  eventDetailsBytes: 0,
  events: {},
});
