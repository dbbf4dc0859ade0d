import type { CompareOptions } from "../../../support/reference-compare.ts";
import { differences2018 } from "./2018.ts";
import { differences2019 } from "./2019.ts";
import { differences2020 } from "./2020.ts";
import { differences2021 } from "./2021.ts";
import { differences2022 } from "./2022.ts";
import { differences2023 } from "./2023.ts";
import { differences2024 } from "./2024.ts";
import { differences2025 } from "./2025.ts";

export const KNOWN_DIFFERENCES: Readonly<Record<number, CompareOptions>> = {
  2018: differences2018,
  2019: differences2019,
  2020: differences2020,
  2021: differences2021,
  2022: differences2022,
  2023: differences2023,
  2024: differences2024,
  2025: differences2025,
};
