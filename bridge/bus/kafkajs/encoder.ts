// kafkajs's Encoder, sped up in place: buffers grow uninitialised (bytes past `offset` are never read), arrays of
// small encoders are sized once, and a nested encoder of 64 KiB or more (a record batch, then each layer of a
// produce request around it) is kept by reference and joined once, when the request is sent.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export interface KafkajsEncoder {
  buf: Buffer;
  offset: number;
  /** Rope encoders only: bytes written before `buf`, kept by reference (see writeEncoder). */
  chunks?: Buffer[];
  chunked?: number;
  /** The concatenation last returned by `buffer`, and the size it had. */
  joined?: Buffer;
  ensureAvailable(length: number): void;
  size(): number;
}
interface EncoderClass {
  prototype: KafkajsEncoder & Record<string, unknown>;
  nextPowerOfTwo(value: number): number;
}

export function isEncoder(value: unknown): value is KafkajsEncoder {
  return value != null && Buffer.isBuffer((value as KafkajsEncoder).buf);
}

/** Nested encoders at least this large are kept by reference, not copied. */
const BY_REFERENCE_BYTES = 64 * 1024;

/** Keeps a large nested encoder's bytes by reference: the rest of `buf` goes on after them. */
function attach(to: KafkajsEncoder, value: KafkajsEncoder): void {
  to.chunks ??= [];
  to.chunked ??= 0;
  if (to.offset > 0) {
    to.chunks.push(to.buf.subarray(0, to.offset));
    to.chunked += to.offset;
    to.buf = to.buf.subarray(to.offset);
    to.offset = 0;
  }
  if (value.chunks) for (const c of value.chunks) to.chunks.push(c);
  to.chunks.push(value.buf.subarray(0, value.offset));
  to.chunked += (value.chunked ?? 0) + value.offset;
}

export function speedUpEncoder(): boolean {
  const Encoder = require("kafkajs/src/protocol/encoder.js") as EncoderClass;
  const proto = Encoder.prototype;
  const bufferGetter = Object.getOwnPropertyDescriptor(proto, "buffer")?.get;
  if (typeof proto.ensureAvailable !== "function" || typeof proto.writeEncoderArray !== "function") return false;
  if (typeof proto.size !== "function" || !bufferGetter) return false;
  proto.ensureAvailable = function (this: KafkajsEncoder, length: number) {
    if (this.offset + length <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Encoder.nextPowerOfTwo(this.offset + length));
    this.buf.copy(grown, 0, 0, this.offset);
    this.buf = grown;
  };
  proto.size = function (this: KafkajsEncoder) {
    return (this.chunked ?? 0) + this.offset;
  };
  Object.defineProperty(proto, "buffer", {
    configurable: true,
    get(this: KafkajsEncoder) {
      if (!this.chunks) return bufferGetter.call(this);
      const size = this.size();
      // connection.js reads it twice (its length, then the socket write): one concatenation.
      if (this.joined?.length !== size)
        this.joined = Buffer.concat([...this.chunks, this.buf.subarray(0, this.offset)], size);
      return this.joined;
    },
  });
  proto.writeEncoder = function (this: KafkajsEncoder, value: unknown) {
    if (!isEncoder(value)) throw new Error("value should be an instance of Encoder");
    if (value.chunks || value.offset >= BY_REFERENCE_BYTES) {
      attach(this, value);
      return this;
    }
    this.ensureAvailable(value.offset);
    value.buf.copy(this.buf, this.offset, 0, value.offset);
    this.offset += value.offset;
    return this;
  };
  proto.writeEncoderArray = function (this: KafkajsEncoder, values: unknown) {
    if (!Array.isArray(values) || !values.every(isEncoder))
      throw new Error("all values should be an instance of Encoder[]");
    let total = 0;
    for (const v of values) total += v.chunks ? BY_REFERENCE_BYTES : v.offset;
    if (total >= BY_REFERENCE_BYTES) {
      for (const v of values) (this as unknown as { writeEncoder(e: KafkajsEncoder): void }).writeEncoder(v);
      return this;
    }
    this.ensureAvailable(total);
    for (const v of values) {
      v.buf.copy(this.buf, this.offset, 0, v.offset);
      this.offset += v.offset;
    }
    return this;
  };
  return true;
}
