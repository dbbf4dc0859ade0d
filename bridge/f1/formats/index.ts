import type { FormatDefinition, PacketsOf } from "../format.ts";
import { format2018 } from "./2018.ts";
import { format2019 } from "./2019.ts";
import { format2020 } from "./2020.ts";
import { format2021 } from "./2021.ts";
import { format2022 } from "./2022.ts";
import { format2023 } from "./2023.ts";
import { format2024 } from "./2024.ts";
import { format2025 } from "./2025.ts";
import { format2026 } from "./2026.ts";

export const FORMATS = [
  format2018,
  format2019,
  format2020,
  format2021,
  format2022,
  format2023,
  format2024,
  format2025,
  format2026,
] as const satisfies readonly FormatDefinition[];

export type SupportedFormat = (typeof FORMATS)[number]["packetFormat"];

/** Every packet of every supported format, discriminated on `packetFormat` and `name`. */
export type DecodedPacket = {
  [I in keyof typeof FORMATS & `${number}`]: PacketsOf<(typeof FORMATS)[I]>;
}[keyof typeof FORMATS & `${number}`];
