import { defineFormat } from "../format.ts";
import { header2020 } from "./headers.ts";

// TODO(layouts): packet bodies for 2020 are being written.
export const format2020 = defineFormat({
  packetFormat: 2020,
  header: header2020,
  packets: {},
  eventDetailsBytes: 0,
  events: {},
});
