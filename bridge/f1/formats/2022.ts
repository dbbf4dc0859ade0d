import { defineFormat } from "../format.ts";
import { header2020 } from "./headers.ts";

// TODO(layouts): packet bodies for 2022 are being written.
export const format2022 = defineFormat({
  packetFormat: 2022,
  header: header2020,
  packets: {},
  eventDetailsBytes: 0,
  events: {},
});
