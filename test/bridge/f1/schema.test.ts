import assert from "node:assert/strict";
import { test } from "node:test";
import {
  array,
  compile,
  f32,
  f64,
  i8,
  i16,
  i32,
  pad,
  scaled,
  str,
  struct,
  u8,
  u16,
  u32,
  u64,
} from "../../../bridge/f1/schema.ts";

const inner = struct({ a: u8, b: i16 });
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
  nested: array(inner, 2),
  grid: array(array(u8, 2), 2),
});

function bytes(): DataView {
  const v = new DataView(new ArrayBuffer(layout.size + 5));
  const start = 5; // the struct does not start at 0
  v.setUint8(start, 250);
  v.setInt8(start + 1, -5);
  v.setUint16(start + 2, 65000, true);
  v.setInt16(start + 4, -1234, true);
  v.setUint32(start + 6, 4_000_000_000, true);
  v.setInt32(start + 10, -70000, true);
  v.setFloat32(start + 14, 1.5, true);
  v.setFloat64(start + 18, -2.25, true);
  v.setBigUint64(start + 26, 18_446_744_073_709_551_615n, true);
  let o = start + 34;
  o += 3;
  new Uint8Array(v.buffer).set([0x48, 0xc3, 0xa9, 0xff, 0x00, 0x41, 0x42, 0x43], o); // "Hé", bad byte, NUL, junk
  o += 8;
  for (let i = 0; i < 3; i++) v.setUint16(o + i * 2, 1000 + i, true);
  o += 6;
  for (let i = 0; i < 10; i++) v.setInt8(o + i, -i);
  o += 10;
  v.setUint8(o, 7);
  v.setInt16(o + 1, -7, true);
  v.setUint8(o + 3, 8);
  v.setInt16(o + 4, -8, true);
  o += 6;
  new Uint8Array(v.buffer).set([1, 2, 3, 4], o);
  return v;
}

test("sizes are the packed sum of the fields", () => {
  assert.equal(inner.size, 3);
  assert.equal(layout.size, 1 + 1 + 2 + 2 + 4 + 4 + 4 + 8 + 8 + 3 + 8 + 6 + 10 + 6 + 4);
});

test("a compiled reader reads every kind little-endian at an offset, skips padding, stops strings at NUL", () => {
  const read = compile(layout);
  assert.equal(compile(layout), read, "compiled once");
  const value = read(bytes(), 5);
  assert.deepEqual(value, {
    u8: 250,
    i8: -5,
    u16: 65000,
    i16: -1234,
    u32: 4_000_000_000,
    i32: -70000,
    f32: 1.5,
    f64: -2.25,
    u64: "18446744073709551615",
    name: "Hé\uFFFD",
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
  });
  assert.equal("reserved" in value, false);
});

test("a scaled field reads the integer and divides it: inline, in a struct array, and in a long array", () => {
  const g = scaled(i16, 1000);
  const shape = struct({ g, many: array(g, 10), cars: array(struct({ g }), 2) });
  assert.equal(shape.size, 2 + 20 + 4);
  const v = new DataView(new ArrayBuffer(shape.size));
  for (let i = 0; i < 13; i++) v.setInt16(i * 2, i === 0 ? -2137 : 500 * i, true);
  const value = compile(shape)(v, 0);
  assert.equal(value.g, -2.137);
  assert.deepEqual(value.many, [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
  assert.deepEqual(value.cars, [{ g: 5.5 }, { g: 6 }]);
});
