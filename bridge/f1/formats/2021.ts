import { defineFormat } from "../format.ts";
import { header2020 } from "./headers.ts";

// TODO(layouts): packet bodies for 2021 are being written.
export const format2021 = defineFormat({
  packetFormat: 2021,
  header: header2020,
  packets: {},
  eventDetailsBytes: 0,
  events: {},
});
