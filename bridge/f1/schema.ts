/**
 * A small declarative layout language for the EA packet structs, compiled once into straight-line
 * decoder functions. Why not a generic binary parser: we want the decoded TypeScript types inferred from
 * the same declaration that reads the bytes, exact static sizes for strict validation, and decoders that
 * cost nothing to set up per packet (the reference library rebuilds its parsers on every datagram).
 */

export type Primitive = "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "f32" | "f64" | "u64";

export type PrimitiveField<P extends Primitive = Primitive> = { readonly kind: "primitive"; readonly type: P };
export type StringField = { readonly kind: "string"; readonly bytes: number };
export type PadField = { readonly kind: "pad"; readonly bytes: number };
/** An integer the game quantised: the decoded value is the integer divided by `divisor`. */
export type ScaledField = {
  readonly kind: "scaled";
  readonly of: PrimitiveField<Exclude<Primitive, "u64">>;
  readonly divisor: number;
};
export interface ArrayField<F extends Field = Field> {
  readonly kind: "array";
  readonly of: F;
  readonly count: number;
}
export interface StructField<S extends Shape = Shape> {
  readonly kind: "struct";
  readonly fields: S;
  readonly size: number;
}
export type Field = PrimitiveField | StringField | PadField | ScaledField | ArrayField | StructField;
export interface Shape {
  readonly [name: string]: Field;
}

/** The decoded value of a field; u64 values are carried as decimal strings (JSON has no 64-bit integers). */
export type Infer<F> =
  F extends PrimitiveField<infer P>
    ? P extends "u64"
      ? string
      : number
    : F extends StringField
      ? string
      : F extends ScaledField
        ? number
        : F extends ArrayField<infer E>
          ? Infer<E>[]
          : F extends StructField<infer S>
            ? InferShape<S>
            : never;

export type InferShape<S extends Shape> = {
  -readonly [K in keyof S as S[K] extends PadField ? never : K]: Infer<S[K]>;
};

const PRIMITIVE_SIZE: Record<Primitive, number> = {
  u8: 1,
  i8: 1,
  u16: 2,
  i16: 2,
  u32: 4,
  i32: 4,
  f32: 4,
  f64: 8,
  u64: 8,
};

const prim = <P extends Primitive>(type: P): PrimitiveField<P> => Object.freeze({ kind: "primitive", type });
export const u8 = prim("u8");
export const i8 = prim("i8");
export const u16 = prim("u16");
export const i16 = prim("i16");
export const u32 = prim("u32");
export const i32 = prim("i32");
export const f32 = prim("f32");
export const f64 = prim("f64");
export const u64 = prim("u64");

/** A fixed-size, NUL-terminated UTF-8 char array (driver names and the like). */
export const str = (bytes: number): StringField => Object.freeze({ kind: "string", bytes });
/** Bytes the layout reserves but we do not expose (padding, unions decoded elsewhere). */
export const pad = (bytes: number): PadField => Object.freeze({ kind: "pad", bytes });
/** A quantised integer decoded as `raw / divisor` (F1 25's 2026 format packs g-forces as int16 thousandths). */
export const scaled = (of: PrimitiveField<Exclude<Primitive, "u64">>, divisor: number): ScaledField =>
  Object.freeze({ kind: "scaled", of, divisor });
export const array = <F extends Field>(of: F, count: number): ArrayField<F> =>
  Object.freeze({ kind: "array", of, count });
export const struct = <S extends Shape>(fields: S): StructField<S> =>
  Object.freeze({ kind: "struct", fields, size: shapeSize(fields) });

export function sizeOf(field: Field): number {
  switch (field.kind) {
    case "primitive":
      return PRIMITIVE_SIZE[field.type];
    case "string":
    case "pad":
      return field.bytes;
    case "scaled":
      return sizeOf(field.of);
    case "array":
      return sizeOf(field.of) * field.count;
    case "struct":
      return field.size;
  }
}

function shapeSize(shape: Shape): number {
  let size = 0;
  for (const field of Object.values(shape)) size += sizeOf(field);
  return size;
}

/** Byte offset of a named field inside a struct. */
export function offsetOf(layout: StructField, name: string): number {
  let offset = 0;
  for (const [field, type] of Object.entries(layout.fields)) {
    if (field === name) return offset;
    offset += sizeOf(type);
  }
  throw new Error(`the struct has no field ${name}`);
}

/** Reads one struct at a byte offset of a DataView. */
export type StructReader<S extends Shape> = (view: DataView, offset: number) => InferShape<S>;

const utf8 = new TextDecoder("utf-8", { fatal: false });

/** Reads a NUL-terminated string; bytes after the first NUL are ignored, invalid UTF-8 becomes U+FFFD. */
export function readString(view: DataView, offset: number, bytes: number): string {
  const all = new Uint8Array(view.buffer, view.byteOffset + offset, bytes);
  const end = all.indexOf(0);
  return utf8.decode(end === -1 ? all : all.subarray(0, end));
}

export function readU64(view: DataView, offset: number): string {
  return view.getBigUint64(offset, true).toString();
}

const GETTER: Record<Exclude<Primitive, "u64">, string> = {
  u8: "getUint8(#)",
  i8: "getInt8(#)",
  u16: "getUint16(#, true)",
  i16: "getInt16(#, true)",
  u32: "getUint32(#, true)",
  i32: "getInt32(#, true)",
  f32: "getFloat32(#, true)",
  f64: "getFloat64(#, true)",
};

/** Arrays of primitives up to this length are unrolled into array literals. */
const UNROLL_LIMIT = 8;

type FieldReader = (view: DataView, offset: number) => unknown;
const compiled = new WeakMap<StructField, StructReader<Shape>>();

/** A reader for one array: a plain counted loop over the element reader. */
function arrayReader(element: FieldReader, count: number, step: number): FieldReader {
  return (view, offset) => {
    const out = new Array(count);
    for (let i = 0; i < count; i++) out[i] = element(view, offset + i * step);
    return out;
  };
}

function fieldReader(field: Field): FieldReader {
  if (field.kind === "struct") return compile(field) as FieldReader;
  if (field.kind === "array") return arrayReader(fieldReader(field.of), field.count, sizeOf(field.of));
  if (field.kind === "string") return (view, offset) => readString(view, offset, field.bytes);
  if (field.kind === "pad") throw new Error("pad has no value");
  if (field.kind === "scaled") {
    const raw = fieldReader(field.of);
    return (view, offset) => (raw(view, offset) as number) / field.divisor;
  }
  if (field.type === "u64") return readU64;
  return new Function("v", "o", `return v.${GETTER[field.type].replace("#", "o")};`) as FieldReader;
}

/**
 * Compiles a struct into a reader function. The generated code is one object literal per struct (a single
 * hidden class for V8) with constant offsets for primitives; nested structs and long arrays call readers
 * compiled once for them.
 */
export function compile<S extends Shape>(layout: StructField<S>): StructReader<S> {
  const cached = compiled.get(layout as StructField);
  if (cached) return cached as StructReader<S>;
  const helpers: FieldReader[] = [];
  const call = (reader: FieldReader, at: string): string => {
    helpers.push(reader);
    return `h${helpers.length - 1}(v, ${at})`;
  };
  const expr = (field: Field, at: string): string => {
    if (field.kind === "primitive" && field.type !== "u64") return `v.${GETTER[field.type].replace("#", at)}`;
    if (field.kind === "scaled") return `(${expr(field.of, at)} / ${field.divisor})`;
    if (field.kind === "array" && field.of.kind === "primitive" && field.count <= UNROLL_LIMIT) {
      const step = sizeOf(field.of);
      return `[${Array.from({ length: field.count }, (_, i) => expr(field.of, `${at} + ${i * step}`)).join(", ")}]`;
    }
    return call(fieldReader(field), at);
  };

  const entries: string[] = [];
  let offset = 0;
  for (const [name, field] of Object.entries(layout.fields)) {
    if (field.kind !== "pad") entries.push(`${JSON.stringify(name)}: ${expr(field, `o + ${offset}`)}`);
    offset += sizeOf(field);
  }
  const names = helpers.map((_, i) => `h${i}`);
  const source = `return function read(v, o) { return { ${entries.join(", ")} }; };`;
  const reader = new Function(...names, source)(...helpers) as StructReader<S>;
  compiled.set(layout as StructField, reader as StructReader<Shape>);
  return reader;
}
