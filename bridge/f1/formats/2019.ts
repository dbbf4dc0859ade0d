import { defineFormat } from "../format.ts";
import { header2019 } from "./headers.ts";

// TODO(layouts): packet bodies for 2019 are being written.
export const format2019 = defineFormat({
  packetFormat: 2019,
  header: header2019,
  packets: {},
  eventDetailsBytes: 0,
  events: {},
});
