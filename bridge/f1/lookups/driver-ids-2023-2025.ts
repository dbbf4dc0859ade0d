// Driver ids of packetFormat 2023-2025 (Participants m_driverId) from the F1 23, F1 24 and F1 25 appendices (spec
// misspellings corrected). F1 23 renumbers from 127 on (F1 22's 127 Jake Hughes is 129 here); F1 25 drops many ids.
import { DRIVERS_2022 } from "./driver-ids-2018-2022.ts";
import { pick } from "./tables.ts";

/** F1 23: every id of F1 22 from 127 on is given again (renumbered), plus 139-144. */
export const DRIVERS_2023 = {
  ...DRIVERS_2022,
  127: "Callie Mayer",
  128: "Noah Bell",
  129: "Jake Hughes",
  130: "Frederik Vesti",
  131: "Olli Caldwell",
  132: "Logan Sargeant",
  133: "Cem Bolukbasi",
  134: "Ayumu Iwasa",
  135: "Clement Novalak",
  136: "Jack Doohan",
  137: "Amaury Cordeel",
  138: "Dennis Hauger",
  139: "Calan Williams",
  140: "Jamie Chadwick",
  141: "Kamui Kobayashi",
  142: "Pastor Maldonado",
  143: "Mika Hakkinen",
  144: "Nigel Mansell",
} as const;

export const DRIVERS_2024 = {
  ...DRIVERS_2023,
  145: "Zane Maloney",
  146: "Victor Martins",
  147: "Oliver Bearman",
  148: "Jack Crawford",
  149: "Isack Hadjar",
  150: "Arthur Leclerc",
  151: "Brad Benavides",
  152: "Roman Stanek",
  153: "Kush Maini",
  154: "James Hunt",
  155: "Juan Pablo Montoya",
  156: "Brendon Leigh",
  157: "David Tonizza",
  158: "Jarno Opmeer",
  159: "Lucas Blakeley",
} as const;

/** The F1 24 ids that F1 25 keeps unchanged. */
const KEPT_BY_F1_25 = [
  0, 2, 3, 4, 7, 9, 10, 11, 15, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 35, 36, 38, 39, 40, 41,
  50, 54, 58, 59, 62, 70, 71, 77, 80, 83, 90, 94, 102, 109, 110, 112, 113, 116, 123, 125, 126, 127, 132, 136, 137, 138,
  145, 146, 147, 149, 152, 153, 156, 157, 158, 159,
] as const;

/** F1 25: keeps KEPT_BY_F1_25, respells 14, 34 and 148, and adds 160-175 and 185. */
export const DRIVERS_2025 = {
  ...pick(DRIVERS_2024, KEPT_BY_F1_25),
  14: "Sergio Pérez",
  34: "Lars Kaufmann",
  148: "Jak Crawford",
  160: "Paul Aron",
  161: "Gabriel Bortoleto",
  162: "Franco Colapinto",
  163: "Taylor Barnard",
  164: "Joshua Dürksen",
  165: "Andrea-Kimi Antonelli",
  166: "Ritomo Miyata",
  167: "Rafael Villagómez",
  168: "Zak O'Sullivan",
  169: "Pepe Marti",
  170: "Sonny Hayes",
  171: "Joshua Pearce",
  172: "Callum Voisin",
  173: "Matias Zagazeta",
  174: "Nikola Tsolov",
  175: "Tim Tramnitz",
  185: "Luca Cortez",
} as const;

/**
 * UDP Format 2026: EA's text repeats F1 25's appendix; 188 is from the real 2026 capture (test/fixtures/f1-udp/
 * pits-n-giggles-2026, payload-04.bin), whose Participants packet names driver 188 "LINDBLAD".
 */
export const DRIVERS_2026 = {
  ...DRIVERS_2025,
  188: "Arvid Lindblad",
} as const;
