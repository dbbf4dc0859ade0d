/**
 * The other direction of schema.ts: the same layout declarations compiled into straight-line writers, so one
 * declaration both reads and writes a struct. A writer takes exactly what the compiled reader returns and puts
 * back the bytes it came from.
 *
 * Writers never throw on input of the declared types, whatever the values. Out-of-range values are clamped to
 * what the field can hold:
 * - integers (u8..i32, and the raw integer of a `scaled` field after multiplying by its divisor): rounded to the
 *   nearest integer (halves up, as Math.round), then clamped to the type's range; NaN (and a missing value) is 0;
 * - f32: finite values beyond the float's range become +-3.4028235e38 (its largest finite value), not Infinity;
 *   +-Infinity and NaN are written as such; f64 is written as given;
 * - u64 (sessionUID): a decimal string (bigint and number accepted too); negative is 0, above 2^64 - 1 is
 *   2^64 - 1, anything that is no decimal integer is 0;
 * - strings: UTF-8, truncated at a character (code point) boundary to leave room for the NUL terminator (at most
 *   `bytes - 1` bytes of text), NUL-padded to the field's size;
 * - pad bytes are zero.
 * A missing value (a shorter array, an absent nested struct or field) is written as zeros, so every byte of the
 * struct's range is written: a writer can reuse a buffer.
 */

import {
  type Field,
  type InferShape,
  type Primitive,
  type ScaledField,
  type Shape,
  type StructField,
  sizeOf,
} from "./schema.ts";

/** Writes one struct at a byte offset of a DataView: every byte of its range. */
export type StructWriter<S extends Shape> = (view: DataView, offset: number, value: InferShape<S>) => void;

type NumberPrimitive = Exclude<Primitive, "u64">;

const SETTER: Record<NumberPrimitive, string> = {
  u8: "setUint8",
  i8: "setInt8",
  u16: "setUint16",
  i16: "setInt16",
  u32: "setUint32",
  i32: "setInt32",
  f32: "setFloat32",
  f64: "setFloat64",
};

/** The range of each integer type. */
export const INTEGER_RANGE: Readonly<Record<Exclude<NumberPrimitive, "f32" | "f64">, readonly [number, number]>> = {
  u8: [0, 0xff],
  i8: [-0x80, 0x7f],
  u16: [0, 0xffff],
  i16: [-0x8000, 0x7fff],
  u32: [0, 0xffffffff],
  i32: [-0x80000000, 0x7fffffff],
};

/** The largest finite float32. */
export const F32_MAX = 3.4028234663852886e38;
const U64_MAX = 0xffff_ffff_ffff_ffffn;

/**
 * The statement that writes the number `x` (already converted with `+`) as `type` at `at`: clamped and rounded
 * inline, so a struct's writer is one function of constant-offset stores.
 */
function store(type: NumberPrimitive, at: string): string {
  const le = type === "u8" || type === "i8" ? "" : ", true";
  let value: string;
  if (type === "f64") value = "x";
  else if (type === "f32") {
    value = `(x > ${F32_MAX} ? (x === Infinity ? x : ${F32_MAX}) : x < -${F32_MAX} ? (x === -Infinity ? x : -${F32_MAX}) : x)`;
  } else {
    const [min, max] = INTEGER_RANGE[type];
    // NaN stays NaN through min and max, and DataView writes NaN as 0. (Math.min/max keep the value a float64 in
    // optimised code; the same clamp as nested conditionals ran four times slower.)
    value = `Math.max(${min}, Math.min(${max}, Math.round(x)))`;
  }
  return `v.${SETTER[type]}(${at}, ${value}${le});`;
}

/** `+(value ?? 0)`: a missing number is 0. */
const num = (src: string): string => `+(${src} ?? 0)`;

function scaledStatements(field: ScaledField, src: string, at: string): string {
  return `x = ${num(src)} * ${field.divisor}; ${store(field.of.type, at)}`;
}

const utf8 = new TextEncoder();

/** Writes a string as NUL-terminated, NUL-padded UTF-8, cut at a character boundary to at most `bytes - 1` bytes. */
export function writeString(view: DataView, offset: number, bytes: number, value: unknown): void {
  const target = new Uint8Array(view.buffer, view.byteOffset + offset, bytes);
  const text = typeof value === "string" ? value : value == null ? "" : String(value);
  let written = 0;
  if (text.length > 0 && bytes > 1) written = utf8.encodeInto(text, target.subarray(0, bytes - 1)).written;
  target.fill(0, written);
}

/** Parsed sessionUIDs: a session sends thousands of datagrams with the same one, a simulator a few sessions. */
const u64Cache = new Map<string, bigint>();
const U64_CACHE_LIMIT = 256;

function parseU64(value: string): bigint {
  const text = value.trim();
  if (!/^\+?\d+$/.test(text)) return 0n;
  const big = BigInt(text.startsWith("+") ? text.slice(1) : text);
  return big > U64_MAX ? U64_MAX : big;
}

/** A u64 from a decimal string (or a bigint or number), clamped to 0..2^64-1; anything else is 0. */
export function toU64(value: unknown): bigint {
  if (typeof value === "string") {
    let parsed = u64Cache.get(value);
    if (parsed === undefined) {
      parsed = parseU64(value);
      if (u64Cache.size >= U64_CACHE_LIMIT) u64Cache.clear();
      u64Cache.set(value, parsed);
    }
    return parsed;
  }
  if (typeof value === "bigint") return value < 0n ? 0n : value > U64_MAX ? U64_MAX : value;
  if (typeof value === "number") {
    if (!(value > 0)) return 0n;
    return value >= 2 ** 64 ? U64_MAX : BigInt(Math.round(value));
  }
  return 0n;
}

export function writeU64(view: DataView, offset: number, value: unknown): void {
  view.setBigUint64(offset, toU64(value), true);
}

function zero(view: DataView, offset: number, bytes: number): void {
  new Uint8Array(view.buffer, view.byteOffset + offset, bytes).fill(0);
}

/** Arrays of primitives up to this length are unrolled (as the reader does); longer arrays are loops. */
const UNROLL_LIMIT = 8;

const EMPTY_ARRAY: readonly unknown[] = Object.freeze([]);
const EMPTY_OBJECT: Readonly<Record<string, unknown>> = Object.freeze({});

const compiledWriters = new WeakMap<StructField, StructWriter<Shape>>();

/**
 * Compiles a struct into a writer function: one function per layout with everything inlined, constant-offset stores
 * with inline clamping, nested structs inlined, short primitive arrays unrolled and other arrays as counted loops.
 * One function per layout (no shared array helper) keeps V8's type feedback monomorphic for each.
 */
export function compileWriter<S extends Shape>(layout: StructField<S>): StructWriter<S> {
  const cached = compiledWriters.get(layout as StructField);
  if (cached) return cached as StructWriter<S>;
  const helpers: unknown[] = [];
  const helper = (value: unknown): string => {
    const index = helpers.indexOf(value);
    if (index !== -1) return `h${index}`;
    helpers.push(value);
    return `h${helpers.length - 1}`;
  };
  const emptyArray = helper(EMPTY_ARRAY);
  const emptyObject = helper(EMPTY_OBJECT);
  let locals = 0;
  const local = (): string => `t${locals++}`;

  const lines: string[] = [];
  const emit = (field: Field, src: string, at: string): void => {
    switch (field.kind) {
      case "primitive":
        if (field.type === "u64") lines.push(`${helper(writeU64)}(v, ${at}, ${src});`);
        else lines.push(`x = ${num(src)}; ${store(field.type, at)}`);
        return;
      case "scaled":
        lines.push(scaledStatements(field, src, at));
        return;
      case "string":
        lines.push(`${helper(writeString)}(v, ${at}, ${field.bytes}, ${src});`);
        return;
      case "pad":
        lines.push(`${helper(zero)}(v, ${at}, ${field.bytes});`);
        return;
      case "array": {
        const items = local();
        const step = sizeOf(field.of);
        lines.push(`${items} = ${src}; if (!Array.isArray(${items})) ${items} = ${emptyArray};`);
        if (field.of.kind === "primitive" && field.of.type !== "u64" && field.count <= UNROLL_LIMIT) {
          for (let i = 0; i < field.count; i++) emit(field.of, `${items}[${i}]`, `${at} + ${i * step}`);
          return;
        }
        // Elements past a short array's end read as undefined: written as zeros.
        const i = local();
        const base = local();
        lines.push(`for (${i} = 0; ${i} < ${field.count}; ${i}++) { ${base} = ${at} + ${i} * ${step};`);
        emit(field.of, `${items}[${i}]`, base);
        lines.push("}");
        return;
      }
      case "struct": {
        const value = local();
        lines.push(`${value} = ${src}; if (${value} == null) ${value} = ${emptyObject};`);
        emitFields(field, value, at);
        return;
      }
    }
  };
  const emitFields = (struct: StructField, value: string, at: string): void => {
    let offset = 0;
    for (const [name, field] of Object.entries(struct.fields)) {
      emit(field, `${value}[${JSON.stringify(name)}]`, `${at} + ${offset}`);
      offset += sizeOf(field);
    }
  };

  lines.push(`if (s == null) s = ${emptyObject};`);
  emitFields(layout as StructField, "s", "o");
  const declared = ["x", ...Array.from({ length: locals }, (_, i) => `t${i}`)].join(", ");
  const names = helpers.map((_, i) => `h${i}`);
  const source = `return function write(v, o, s) { let ${declared};\n${lines.join("\n")}\n};`;
  const writer = new Function(...names, source)(...helpers) as StructWriter<S>;
  compiledWriters.set(layout as StructField, writer as StructWriter<Shape>);
  return writer;
}

/** The value a field decodes from all-zero bytes: 0, "0" for u64, "" for strings, arrays of the right length. */
export function zeroValue<F extends Field>(field: F): unknown {
  switch (field.kind) {
    case "primitive":
      return field.type === "u64" ? "0" : 0;
    case "scaled":
      return 0;
    case "string":
      return "";
    case "pad":
      return undefined;
    case "array":
      return Array.from({ length: field.count }, () => zeroValue(field.of));
    case "struct":
      return emptyStruct(field);
  }
}

/** A fresh object of a struct's decoded shape, every value what all-zero bytes decode to. */
export function emptyStruct<S extends Shape>(layout: StructField<S>): InferShape<S> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(layout.fields)) {
    if (field.kind !== "pad") out[name] = zeroValue(field);
  }
  return out as InferShape<S>;
}
