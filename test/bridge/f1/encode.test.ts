// The encoder is the decoder's inverse: every captured datagram of every format decodes and encodes back to the same
// bytes (save the documented exceptions, each named where it occurs), seeded random packets of every packet id and
// event code of every format survive encode -> decode, and emptyPacket() encodes to a datagram the bridge accepts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decode, validateDatagram } from "../../../bridge/f1/decode.ts";
import { emptyPacket, encode, encodedSize, encodeInto, eventCodes, packetNames } from "../../../bridge/f1/encode.ts";
import type { FormatDefinition } from "../../../bridge/f1/format.ts";
import { type DecodedPacket, FORMATS, type SupportedFormat } from "../../../bridge/f1/formats/index.ts";
import { OFFICIAL_SIZES } from "../../../bridge/f1/official-sizes.ts";
import { PACKET_ID, PACKET_NAMES } from "../../../bridge/f1/packet-ids.ts";
import {
  array,
  compile,
  type Field,
  f32,
  f64,
  i8,
  i16,
  i32,
  offsetOf,
  pad,
  scaled,
  str,
  struct,
  u8,
  u16,
  u32,
  u64,
} from "../../../bridge/f1/schema.ts";
import { compileWriter, F32_MAX, toU64 } from "../../../bridge/f1/schema-writer.ts";
import { JSONL_YEARS, load2026Fixtures, loadBinFixtures, loadJsonlFixtures } from "../../support/fixtures.ts";
import { randomDatagram, seededRandom } from "./random-datagram.ts";

const definitionOf = (packetFormat: number): FormatDefinition => {
  const definition = FORMATS.find((f) => f.packetFormat === packetFormat);
  assert.ok(definition, `no format ${packetFormat}`);
  return definition;
};

const bodyOf = (definition: FormatDefinition, name: string): Field | undefined =>
  (definition.packets as Record<string, Field | undefined>)[name];

/** Every primitive, string or pad of a layout placed at `base`: [offset, field]. */
function leaves(field: Field, base: number, out: [number, Field][] = []): [number, Field][] {
  if (field.kind === "array") {
    const step = sizeOfField(field.of);
    for (let i = 0; i < field.count; i++) leaves(field.of, base + i * step, out);
  } else if (field.kind === "struct") {
    let offset = base;
    for (const f of Object.values(field.fields)) {
      leaves(f, offset, out);
      offset += sizeOfField(f);
    }
  } else out.push([base, field]);
  return out;
}

function sizeOfField(field: Field): number {
  switch (field.kind) {
    case "primitive":
      return { u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, f64: 8, u64: 8 }[field.type];
    case "string":
    case "pad":
      return field.bytes;
    case "scaled":
      return sizeOfField(field.of);
    case "array":
      return sizeOfField(field.of) * field.count;
    case "struct":
      return field.size;
  }
}

/**
 * Why the encoder's bytes differ from the original at each differing offset. The decoder drops exactly these:
 * - `event-union-tail`: the event details union past what the event code's details read;
 * - `string-after-nul`: a char array's bytes after its NUL terminator;
 * - `string-invalid-utf8` / `string-unterminated`: bytes of a string decoded with U+FFFD, or one with no NUL;
 * - `nan-payload`: a float that is NaN on both sides (the payload bits are not kept);
 * - `pad`: bytes the layout reserves.
 * Anything else is `unexplained` and fails the tests.
 */
function explainDifferences(original: Uint8Array, encoded: Uint8Array, packet: DecodedPacket): Map<string, number> {
  const definition = definitionOf(packet.packetFormat);
  const headerSize = definition.header.size;
  const fields = leaves(definition.header, 0);
  let tailStart = original.length;
  if (packet.name === "event") {
    const details = (definition.events as Record<string, Field | null>)[packet.data.eventStringCode];
    if (details) leaves(details, headerSize + 4, fields);
    tailStart = headerSize + 4 + (details ? sizeOfField(details) : 0);
  } else {
    const body = bodyOf(definition, packet.name);
    if (body) leaves(body, headerSize, fields);
  }
  const reasons = new Map<string, number>();
  const count = (reason: string) => reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  assert.equal(encoded.length, original.length);
  const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < original.length; i++) {
    if (original[i] === encoded[i]) continue;
    if (i >= tailStart) {
      count("event-union-tail");
      continue;
    }
    const leaf = fields.find(([at, f]) => i >= at && i < at + sizeOfField(f));
    if (!leaf) {
      count("unexplained");
      continue;
    }
    const [at, field] = leaf;
    if (field.kind === "pad") count("pad");
    else if (field.kind === "string") {
      const bytes = original.subarray(at, at + field.bytes);
      const nul = bytes.indexOf(0);
      const text = Buffer.from(bytes.subarray(0, nul === -1 ? bytes.length : nul)).toString("utf8");
      if (nul !== -1 && i > at + nul && encoded[i] === 0) count("string-after-nul");
      else if (text.includes("\uFFFD")) count("string-invalid-utf8");
      else if (nul === -1) count("string-unterminated");
      else count("unexplained");
    } else if (field.kind === "primitive" && (field.type === "f32" || field.type === "f64")) {
      const read = (b: Uint8Array) =>
        field.type === "f32" ? view(b).getFloat32(at, true) : view(b).getFloat64(at, true);
      count(Number.isNaN(read(original)) && Number.isNaN(read(encoded)) ? "nan-payload" : "unexplained");
    } else count("unexplained");
  }
  return reasons;
}

function decoded(bytes: Uint8Array): DecodedPacket {
  const r = decode(bytes);
  assert.ok(r.ok, r.ok ? "" : `${r.rejection.reason}: ${r.rejection.detail}`);
  return r.packet;
}

describe("every captured datagram: decode then encode gives its bytes back", () => {
  const captures = [
    ...loadBinFixtures()
      .filter((f) => f.file !== "2024-03-RDFL.bin" && f.file !== "2024-03-SCAR.bin") // wrong size upstream: no decode
      .map((f) => ({ name: `single-2022-2024/${f.file}`, bytes: f.bytes })),
    ...JSONL_YEARS.flatMap((year) =>
      loadJsonlFixtures(year).map((f) => ({ name: `jsonl ${year} line ${f.line}`, bytes: f.bytes })),
    ),
    ...load2026Fixtures().map((f) => ({ name: `pits-n-giggles-2026/${f.file}`, bytes: f.bytes })),
  ];
  const met = new Map<string, number>();
  let identical = 0;
  for (const capture of captures) {
    test(capture.name, () => {
      const packet = decoded(capture.bytes);
      const bytes = encode(packet);
      const reasons = explainDifferences(capture.bytes, bytes, packet);
      assert.equal(reasons.get("unexplained"), undefined, [...reasons].join(", "));
      if (packet.name !== "event") assert.deepEqual([...reasons], [], "only event packets differ in the captures");
      for (const [reason, n] of reasons) met.set(reason, (met.get(reason) ?? 0) + n);
      if (reasons.size === 0) identical++;
      assert.deepEqual(decoded(bytes), packet);
    });
  }
  test("the only exception the captures meet is the event union's unread tail (games leave old bytes there)", () => {
    assert.deepEqual([...met.keys()], ["event-union-tail"]);
    assert.ok(identical >= 150, `${identical} of ${captures.length} captures byte-identical`);
  });
});

/** Every packet of a format: [name, event code or undefined]. */
function everyPacket(definition: FormatDefinition): [string, string | undefined][] {
  return PACKET_NAMES.flatMap((name): [string, string | undefined][] => {
    if (name === "event") return Object.keys(definition.events).map((code) => [name, code]);
    return bodyOf(definition, name) ? [[name, undefined]] : [];
  });
}

describe("seeded random datagrams of every packet and event code: decode, encode, same bytes, same packet", () => {
  for (const definition of FORMATS) {
    test(`${definition.packetFormat}`, () => {
      const random = seededRandom(definition.packetFormat);
      const met = new Map<string, number>();
      for (const [name, code] of everyPacket(definition)) {
        const id = PACKET_ID[name as keyof typeof PACKET_ID];
        const size = OFFICIAL_SIZES[definition.packetFormat]?.[id] ?? -1;
        for (let i = 0; i < (code ? 8 : 16); i++) {
          const original = randomDatagram(definition.packetFormat, id, size, code, random.bytes);
          const packet = decoded(original);
          const bytes = encode(packet);
          const reasons = explainDifferences(original, bytes, packet);
          assert.equal(reasons.get("unexplained"), undefined, `${name} ${code ?? ""}: ${[...reasons].join(", ")}`);
          for (const [reason, n] of reasons) met.set(reason, (met.get(reason) ?? 0) + n);
          assert.deepEqual(decoded(bytes), packet, `${name} ${code ?? ""}`);
        }
      }
      // Random bytes hold NaNs with other payloads, and random tails in the event union (from 2019 on).
      assert.ok(met.has("nan-payload"));
      assert.equal(met.has("event-union-tail"), definition.eventDetailsBytes > 0);
    });
  }
});

type Random = ReturnType<typeof seededRandom>;

/** A random value for a field, within its type (strings: any Unicode, fitting with their NUL). */
function randomValue(field: Field, random: Random): unknown {
  switch (field.kind) {
    case "primitive":
      switch (field.type) {
        case "u8":
          return random.int(0x100);
        case "i8":
          return random.int(0x100) - 0x80;
        case "u16":
          return random.int(0x10000);
        case "i16":
          return random.int(0x10000) - 0x8000;
        case "u32":
          return random.int(0x1_0000_0000);
        case "i32":
          return random.int(0x1_0000_0000) - 0x8000_0000;
        case "f32":
          return Math.fround(randomFloat(random));
        case "f64":
          return randomFloat(random);
        case "u64":
          return ((BigInt(random.int(0x1_0000_0000)) << 32n) | BigInt(random.int(0x1_0000_0000))).toString();
      }
      break;
    case "scaled": {
      const raw = randomValue(field.of, random) as number;
      return raw / field.divisor;
    }
    case "string":
      return randomText(random, field.bytes - 1);
    case "array":
      return Array.from({ length: field.count }, () => randomValue(field.of, random));
    case "struct": {
      const out: Record<string, unknown> = {};
      for (const [name, f] of Object.entries(field.fields)) if (f.kind !== "pad") out[name] = randomValue(f, random);
      return out;
    }
    case "pad":
      return undefined;
  }
}

function randomFloat(random: Random): number {
  const pick = random.int(20);
  if (pick === 0)
    return [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY][random.int(5)] as number;
  return (random.int(2) ? -1 : 1) * (random.int(1_000_000) / 997) * 10 ** (random.int(16) - 8);
}

const ALPHABET = ["a", "Z", "0", " ", "é", "ß", "Ł", "Ж", "中", "文", "🏎", "🇧🇷", "…"];

/** Random text of at most `bytes` bytes of UTF-8, without NUL. */
function randomText(random: Random, bytes: number): string {
  let text = "";
  for (let n = random.int(30); n > 0; n--) {
    const next = text + ALPHABET[random.int(ALPHABET.length)];
    if (Buffer.byteLength(next) > bytes) break;
    text = next;
  }
  return text;
}

describe("seeded random packets of every packet and event code: encode then decode gives the packet back", () => {
  for (const definition of FORMATS) {
    test(`${definition.packetFormat}`, () => {
      const packetFormat = definition.packetFormat as SupportedFormat;
      const random = seededRandom(definition.packetFormat + 1);
      for (const [name, code] of everyPacket(definition)) {
        for (let i = 0; i < (code ? 4 : 8); i++) {
          const header = randomValue(definition.header, random) as Record<string, unknown>;
          header.packetFormat = packetFormat;
          header.packetId = PACKET_ID[name as keyof typeof PACKET_ID];
          let data: unknown;
          if (code) {
            const details = (definition.events as Record<string, Field | null>)[code];
            data = { eventStringCode: code, eventDetails: details ? randomValue(details, random) : null };
          } else data = randomValue(bodyOf(definition, name) as Field, random);
          const packet = { packetFormat, name, header, data } as DecodedPacket;
          const bytes = encode(packet);
          assert.equal(bytes.length, OFFICIAL_SIZES[packetFormat]?.[PACKET_ID[packet.name]]);
          assert.deepEqual(decoded(bytes), packet, `${name} ${code ?? ""}`);
          assert.deepEqual(encode(decoded(bytes)), bytes);
        }
      }
    });
  }
});

/** emptyPacket for a format and name known only at run time. */
const anyEmptyPacket = emptyPacket as unknown as (packetFormat: number, name: string, code?: string) => DecodedPacket;

describe("emptyPacket: the right shape, all zeros, a datagram the bridge accepts and the decoder gives back", () => {
  for (const definition of FORMATS) {
    test(`${definition.packetFormat}`, () => {
      const packetFormat = definition.packetFormat as SupportedFormat;
      const names = packetNames(packetFormat);
      assert.deepEqual(
        names.map((n) => PACKET_ID[n]),
        (OFFICIAL_SIZES[packetFormat] ?? []).map((_, id) => id),
      );
      for (const name of names) {
        const codes: (string | undefined)[] = name === "event" ? eventCodes(packetFormat) : [undefined];
        for (const code of codes) {
          const packet = anyEmptyPacket(packetFormat, name, code);
          assert.equal(packet.name, name);
          assert.equal(packet.header.packetFormat, packetFormat);
          assert.equal(packet.header.packetId, PACKET_ID[name]);
          if (code) assert.ok(packet.name === "event" && packet.data.eventStringCode === code);
          const bytes = encode(packet);
          assert.equal(bytes.length, OFFICIAL_SIZES[packetFormat]?.[PACKET_ID[name]]);
          assert.equal(encodedSize(packetFormat, name), bytes.length);
          const valid = validateDatagram(bytes);
          assert.ok(valid.ok, valid.ok ? "" : valid.rejection.detail);
          assert.deepEqual(
            [valid.info.packetFormat, valid.info.name, valid.info.sessionUID],
            [packetFormat, name, "0"],
          );
          assert.deepEqual(decoded(bytes), packet);
          // Only packetFormat, packetId and the event code are not zero.
          const idOffset = offsetOf(definition.header, "packetId");
          const eventCode = code ? [definition.header.size, definition.header.size + 4] : [0, 0];
          const nonZero = [...bytes.keys()].filter((i) => bytes[i] !== 0 && i > 1 && i !== idOffset);
          assert.deepEqual(
            nonZero.filter((i) => i < (eventCode[0] ?? 0) || i >= (eventCode[1] ?? 0)),
            [],
          );
        }
      }
    });
  }

  test("every call is a fresh object; the event packet defaults to SSTA", () => {
    const a = emptyPacket(2026, "carTelemetry");
    a.data.carTelemetryData[0] = { ...a.data.carTelemetryData[1], speed: 300 } as (typeof a.data.carTelemetryData)[0];
    assert.equal(emptyPacket(2026, "carTelemetry").data.carTelemetryData[0]?.speed, 0);
    assert.equal(emptyPacket(2026, "carTelemetry").data.carTelemetryData.length, 24);
    assert.equal(emptyPacket(2025, "lapData").data.lapData.length, 22);
    const event = anyEmptyPacket(2018, "event");
    assert.ok(event.name === "event" && event.data.eventStringCode === "SSTA" && event.data.eventDetails === null);
  });
});

describe("the header and the name agree, and what cannot be encoded throws", () => {
  test("packetFormat and packetId are written from the packet, whatever its header object says", () => {
    const packet = emptyPacket(2024, "motion");
    packet.header.packetId = 9;
    packet.header.packetFormat = 2019;
    const r = decode(encode(packet));
    assert.ok(r.ok && r.packet.packetFormat === 2024 && r.packet.name === "motion" && r.packet.header.packetId === 0);
  });

  test("an unsupported packetFormat, a packet the format lacks, an unknown event code: RangeError", () => {
    const bad = (packet: unknown) => assert.throws(() => encode(packet as DecodedPacket), RangeError);
    bad({ ...emptyPacket(2024, "motion"), packetFormat: 2017 });
    bad({ ...emptyPacket(2019, "motion"), name: "carDamage" });
    bad({ ...emptyPacket(2025, "motion"), name: "carTelemetry2" });
    bad({ ...emptyPacket(2022, "event", "SSTA"), data: { eventStringCode: "OVTK", eventDetails: null } });
  });
});

describe("out-of-range values are clamped, never refused", () => {
  const layout = struct({
    u8,
    i8,
    u16,
    i16,
    u32,
    i32,
    f32,
    f64,
    u64,
    reserved: pad(3),
    name: str(8),
    short: array(u16, 3),
    long: array(i8, 10),
    nested: array(struct({ a: u8, b: i16 }), 2),
    grid: array(array(u8, 2), 2),
    g: scaled(i16, 1000),
  });
  const write = compileWriter(layout);
  const read = compile(layout);
  const roundTrip = (value: unknown) => {
    const view = new DataView(new ArrayBuffer(layout.size + 7));
    new Uint8Array(view.buffer).fill(0xa5); // writers write every byte: no stale byte survives
    write(view, 7, value as Parameters<typeof write>[2]);
    assert.deepEqual([...new Uint8Array(view.buffer, 0, 7)], new Array(7).fill(0xa5), "nothing before the offset");
    return { value: read(view, 7), bytes: new Uint8Array(view.buffer, 7) };
  };
  const zeros = read(new DataView(new ArrayBuffer(layout.size)), 0);

  test("one layout, both directions: every kind at an offset", () => {
    const value = {
      u8: 250,
      i8: -5,
      u16: 65000,
      i16: -1234,
      u32: 4_000_000_000,
      i32: -70000,
      f32: 1.5,
      f64: -2.25,
      u64: "18446744073709551615",
      name: "Hé",
      short: [1000, 1001, 1002],
      long: [0, -1, -2, -3, -4, -5, -6, -7, -8, -9],
      nested: [
        { a: 7, b: -7 },
        { a: 8, b: -8 },
      ],
      grid: [
        [1, 2],
        [3, 4],
      ],
      g: -2.137,
    };
    const out = roundTrip(value);
    assert.deepEqual(out.value, value);
    assert.deepEqual([...out.bytes.subarray(34, 37)], [0, 0, 0], "pad bytes are zero");
  });

  test("integers: rounded to nearest (halves up), clamped to the type, NaN and missing are 0", () => {
    const { value } = roundTrip({
      ...zeros,
      u8: 300,
      i8: -200,
      u16: -1,
      i16: 1e9,
      u32: 2 ** 40,
      i32: Number.NEGATIVE_INFINITY,
      short: [Number.NaN, 1.5, 65534.6],
      long: [-2.5, 2.5, 127.4, 127.6, -128.6, Number.POSITIVE_INFINITY],
    });
    assert.deepEqual(
      [value.u8, value.i8, value.u16, value.i16, value.u32, value.i32],
      [255, -128, 0, 32767, 4294967295, -2147483648],
    );
    assert.deepEqual(value.short, [0, 2, 65535]);
    assert.deepEqual(value.long, [-2, 3, 127, 127, -128, 127, 0, 0, 0, 0]);
  });

  test("scaled: value times the divisor, rounded and clamped to the integer (+-32.767 g for i16 / 1000)", () => {
    const g = (x: number) => roundTrip({ ...zeros, g: x }).value.g;
    assert.deepEqual(
      [g(2.1374), g(-2.1376), g(40), g(-40), g(Number.NaN), g(0.0005)],
      [2.137, -2.138, 32.767, -32.768, 0, 0.001],
    );
  });

  test("f32: beyond the float's range becomes its largest finite value; infinities and NaN stay", () => {
    const f = (x: number) => roundTrip({ ...zeros, f32: x }).value.f32;
    assert.deepEqual(
      [f(1e39), f(-1e300), f(Number.POSITIVE_INFINITY), f(Number.NaN), f(-0)],
      [Math.fround(F32_MAX), -Math.fround(F32_MAX), Number.POSITIVE_INFINITY, Number.NaN, -0],
    );
    assert.equal(f(0.1), Math.fround(0.1));
  });

  test("u64: a decimal string, clamped to 0..2^64-1; anything else is 0; bigint and number accepted", () => {
    const u = (x: unknown) => roundTrip({ ...zeros, u64: x }).value.u64;
    assert.deepEqual(
      [u("5033478843801469859"), u("18446744073709551616"), u("-1"), u("abc"), u(""), u(" 42 "), u("1e3")],
      ["5033478843801469859", "18446744073709551615", "0", "0", "0", "42", "0"],
    );
    assert.deepEqual(
      [u(123n), u(-5n), u(2n ** 70n), u(12.6), u(-3), u(1e30), u(Number.NaN)],
      ["123", "0", "18446744073709551615", "13", "0", "18446744073709551615", "0"],
    );
    assert.equal(toU64("77"), 77n);
    assert.equal(toU64("77"), 77n, "the cached value");
  });

  test("strings: UTF-8, NUL-terminated and NUL-padded, cut at a character boundary", () => {
    const s = (x: unknown) => roundTrip({ ...zeros, name: x });
    const at = 37; // name's offset
    assert.deepEqual([...s("Hé").bytes.subarray(at, at + 8)], [0x48, 0xc3, 0xa9, 0, 0, 0, 0, 0]);
    assert.equal(s("ABCDEFGHIJ").value.name, "ABCDEFG", "7 bytes and the NUL");
    assert.equal(s("ABCDEFé").value.name, "ABCDEF", "é (2 bytes) would not fit with the NUL");
    assert.equal(s("AB🏎️xyz").value.name, "AB🏎", "the 4-byte car fits, its variation selector does not");
    assert.equal(s("中文字").value.name, "中文", "6 bytes, the third character would need 9");
    assert.equal(s("\uD800x").value.name, "\uFFFDx", "a lone surrogate is written as U+FFFD");
    assert.equal(s(undefined).value.name, "");
    assert.equal(s("a\u0000b").value.name, "a", "an embedded NUL ends the string for every reader");
  });

  test("missing values are zeros: a short array, an absent struct, an absent field, an absent value", () => {
    const { value, bytes } = roundTrip({ u8: 9, long: [1, 2], nested: [{ a: 1 }], grid: [[5]] });
    assert.deepEqual(value, {
      ...zeros,
      u8: 9,
      long: [1, 2, 0, 0, 0, 0, 0, 0, 0, 0],
      nested: [
        { a: 1, b: 0 },
        { a: 0, b: 0 },
      ],
      grid: [
        [5, 0],
        [0, 0],
      ],
    });
    assert.deepEqual(roundTrip(undefined).value, zeros);
    assert.equal(bytes.length, layout.size);
  });
});

describe("encodeInto and partial packets", () => {
  test("encodeInto writes the same bytes into a reused buffer at an offset and returns the size", () => {
    const packet = decoded(load2026Fixtures()[0]?.bytes ?? new Uint8Array());
    const expected = encode(packet);
    const copy = Uint8Array.from(expected);
    encode(emptyPacket(2026, "motion"));
    assert.deepEqual(expected, copy, "encode returns a datagram of its own: the next call leaves it alone");
    assert.equal(expected.buffer.byteLength, expected.length);
    const target = new Uint8Array(expected.length + 10).fill(0xee);
    assert.equal(encodeInto(packet, target, 5), expected.length);
    assert.deepEqual(target.subarray(5, 5 + expected.length), expected);
    assert.deepEqual([...target.subarray(0, 5), ...target.subarray(5 + expected.length)], new Array(10).fill(0xee));
    const event = emptyPacket(2025, "event", "FTLP");
    const dirty = new Uint8Array(100).fill(0xff);
    encodeInto(event, dirty);
    assert.deepEqual(dirty.subarray(0, encodedSize(2025, "event")), encode(event), "the union's tail is zeroed too");
    assert.throws(() => encodeInto(packet, new Uint8Array(expected.length - 1)), RangeError);
    assert.throws(() => encodeInto(packet, target, 11), RangeError);
  });

  test("a packet with only some data encodes the rest as zeros", () => {
    const partial = {
      packetFormat: 2025,
      name: "carTelemetry",
      header: { sessionUID: "42", frameIdentifier: 7 },
      data: { carTelemetryData: [{ speed: 301, tyresPressure: [23.5] }] },
    };
    const packet = decoded(encode(partial as unknown as DecodedPacket));
    const expected = emptyPacket(2025, "carTelemetry");
    expected.header.sessionUID = "42";
    expected.header.frameIdentifier = 7;
    const car = expected.data.carTelemetryData[0];
    assert.ok(car);
    car.speed = 301;
    car.tyresPressure[0] = 23.5;
    assert.deepEqual(packet, expected);
  });
});
