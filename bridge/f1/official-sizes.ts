/**
 * Datagram sizes in bytes (header included) from EA's "Data Output from F1 xx" documents, by packetFormat
 * then packetId. Layouts are checked against this table in tests: a layout that disagrees is a bug.
 */
export const OFFICIAL_SIZES: Readonly<Record<number, readonly number[]>> = {
  2018: [1341, 147, 841, 25, 1082, 841, 1085, 1061],
  2019: [1343, 149, 843, 32, 1104, 843, 1347, 1143],
  2020: [1464, 251, 1190, 35, 1213, 1102, 1307, 1344, 839, 1169],
  2021: [1464, 625, 970, 36, 1257, 1102, 1347, 1058, 839, 1191, 882, 1155],
  2022: [1464, 632, 972, 40, 1257, 1102, 1347, 1058, 1015, 1191, 948, 1155],
  2023: [1349, 644, 1131, 45, 1306, 1107, 1352, 1239, 1020, 1218, 953, 1460, 231, 217],
  2024: [1349, 753, 1285, 45, 1350, 1133, 1352, 1239, 1020, 1306, 953, 1460, 231, 237, 101],
  2025: [1349, 753, 1285, 45, 1284, 1133, 1352, 1239, 1042, 954, 1041, 1460, 231, 273, 101, 1131],
  // "Data Output from F1 25 2026 Season Pack" (UDP Format 2026): 24 cars, and id 16 Car Telemetry 2.
  2026: [1325, 926, 1399, 45, 1470, 1233, 1448, 1445, 1134, 1062, 1133, 1460, 231, 273, 104, 1231, 269],
};
