import { defineFormat } from "../format.ts";
import { header2023 } from "./headers.ts";

// TODO(layouts): packet bodies for 2023 are being written.
export const format2023 = defineFormat({
  packetFormat: 2023,
  header: header2023,
  packets: {},
  eventDetailsBytes: 0,
  events: {},
});
