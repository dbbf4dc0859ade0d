import { defineFormat } from "../format.ts";
import { header2018 } from "./headers.ts";

// TODO(layouts): packet bodies for 2018 are being written.
export const format2018 = defineFormat({
  packetFormat: 2018,
  header: header2018,
  packets: {},
  eventDetailsBytes: 0,
  events: {},
});
