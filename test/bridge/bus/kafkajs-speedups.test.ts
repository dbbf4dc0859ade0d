// The kafkajs replacements must change nothing on the wire: the same CRC-32C, and the same produce request bytes
// as kafkajs alone (encoded in a child process that never loads the replacements).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { test } from "node:test";
import { crc32c, kafkajsSpeedups, originalModule } from "../../../bridge/bus/kafkajs-speedups.ts";

const require = createRequire(import.meta.url);

// A produce request as the processor sends them: several topics and partitions, small and 12 KB values, headers.
// The body of an async function of `require`, resolving to the request's bytes.
const encodeWith = (compression: number) => `
  const Long = require("kafkajs/src/utils/long");
  const request = require("kafkajs/src/protocol/requests/produce/v3/request");
  const wrap = require("kafkajs/src/protocol/request");
  const value = (n, size) => Buffer.from(JSON.stringify({ n, pad: "x".repeat(size) }));
  const partitions = (topic) => [0, 1, 2].map((partition) => ({
    partition,
    firstSequence: partition * 7,
    messages: Array.from({ length: 40 }, (_, i) => ({
      key: String(1000 + i),
      value: value(i, i % 9 === 0 ? 12000 : i * 37),
      headers: { "slipstream-type": topic, "slipstream-v": "1" },
      timestamp: String(1764186081000 + i),
    })),
  }));
  const topicData = ["s.cars", "s.traces"].map((topic) => ({ topic, partitions: partitions(topic) }));
  const produce = request({ acks: -1, timeout: 30000, topicData, producerId: Long.fromInt(42), producerEpoch: 3, compression: ${compression} });
  return (await wrap({ correlationId: 9, clientId: "test", request: produce })).buffer;`;

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test("both replacements are in effect once the Kafka bus is loaded", async () => {
  await import("../../../bridge/bus/kafka-bus.ts");
  assert.deepEqual(kafkajsSpeedups, {
    crc32c: true,
    encoder: true,
    record: true,
    recordBatch: true,
    recordDecoder: true,
  });
  assert.equal(require("kafkajs/src/protocol/recordBatch/crc32C/index.js"), crc32c);
});

test("CRC-32C matches kafkajs's own on every length and offset", () => {
  const original = require("kafkajs/src/protocol/recordBatch/crc32C/crc32C.js") as (b: Buffer) => number;
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 131 + (i >> 3)) & 0xff));
  assert.equal(crc32c(Buffer.from("123456789")), 0xe3069283);
  for (let length = 0; length < 70; length++) {
    for (const start of [0, 1, 3, 7]) {
      const slice = bytes.subarray(start, start + length);
      assert.equal(crc32c(slice), original(slice) >>> 0, `length ${length} at ${start}`);
    }
  }
  assert.equal(crc32c(bytes), original(bytes) >>> 0);
});

for (const [name, compression] of [
  ["uncompressed", 0],
  ["gzip (left to kafkajs)", 1],
] as const) {
  test(`a produce request, ${name}, encodes to the same bytes as with kafkajs alone`, async () => {
    const body = encodeWith(compression);
    const script = `(async () => {${body}})().then((b) => process.stdout.write(require("node:crypto").createHash("sha256").update(b).digest("hex")))`;
    const alone = execFileSync(process.execPath, ["-e", script], { cwd: process.cwd(), encoding: "utf8" });
    await import("../../../bridge/bus/kafka-bus.ts");
    const encode = new Function("require", `return (async () => {${body}})();`) as (r: NodeRequire) => Promise<Buffer>;
    const here = await encode(require);
    assert.ok(here.length > (compression === 0 ? 400_000 : 1000));
    assert.equal(sha(here), alone);
  });
}

test("records decode to the same objects as with kafkajs's own decoder", async () => {
  await import("../../../bridge/bus/kafka-bus.ts");
  type Decode = (decoder: unknown, context: unknown) => unknown;
  const original = originalModule("recordBatch/record/v0/decoder.js") as Decode;
  const ours = require("kafkajs/src/protocol/recordBatch/record/v0/decoder.js") as Decode;
  assert.notEqual(ours, original);
  const encode = require("kafkajs/src/protocol/recordBatch/record/v0/index.js") as (r: unknown) => { buffer: Buffer };
  const Decoder = require("kafkajs/src/protocol/decoder.js") as new (b: Buffer) => { readVarIntBytes(): Buffer };
  const records: Record<string, unknown>[] = [
    { offsetDelta: 0, timestampDelta: 0, key: "4242", value: Buffer.from("datagram"), headers: { a: "1", b: "x" } },
    { offsetDelta: 5, timestampDelta: -3, key: null, value: null, headers: {} },
    { offsetDelta: 70_000, timestampDelta: 2 ** 40, key: Buffer.from([1, 2]), value: Buffer.alloc(300, 7) },
    {
      offsetDelta: 1,
      timestampDelta: 2 ** 52,
      key: "k",
      value: "v",
      headers: { h: ["1", "2", "3"], ["__proto__"]: "p" },
    },
    { offsetDelta: 2, timestampDelta: -(2 ** 50), key: "k", value: "v", headers: { toString: "t", constructor: "c" } },
  ];
  const contexts = [
    { firstOffset: "0", firstTimestamp: "1764186081000", magicByte: 2, timestampType: 0, maxTimestamp: "1" },
    { firstOffset: "9007199254740990", firstTimestamp: "-1", magicByte: 2, timestampType: 0, maxTimestamp: "1" },
    { firstOffset: "9223372036854775000", firstTimestamp: "9223372036854775000", magicByte: 2, timestampType: 0 },
    {
      firstOffset: "12",
      firstTimestamp: "5",
      magicByte: 2,
      timestampType: 1,
      maxTimestamp: "99",
      isControlBatch: true,
    },
  ];
  for (const record of records) {
    const bytes = encode(record).buffer;
    for (const context of contexts) {
      const decoded = (decode: Decode) => decode(new Decoder(new Decoder(bytes).readVarIntBytes()), context);
      const mine = decoded(ours) as { headers: object };
      const theirs = decoded(original) as { headers: object };
      assert.deepEqual(mine, theirs);
      assert.equal(Object.getPrototypeOf(mine.headers), Object.getPrototypeOf(theirs.headers));
      assert.deepEqual(Object.keys(mine.headers), Object.keys(theirs.headers));
    }
  }
});
