import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import kafkajs from "kafkajs";
import { classifyWriteError } from "../../../bridge/bus/write-errors.ts";
import { SlipstreamError } from "../../../bridge/errors.ts";
import { kafkaWriteError } from "../ingest/kafka-like-sink.ts";

const require = createRequire(import.meta.url);
const { createErrorFromCode } = require("kafkajs/src/protocol/error") as { createErrorFromCode(code: number): Error };

// As kafkajs's retrier gives up (its typings leave out the second argument).
const RetriesExceeded = kafkajs.KafkaJSNumberOfRetriesExceeded as unknown as new (e: Error, o: object) => Error;
const retriesExceeded = (e: Error) => new RetriesExceeded(e, { retryCount: 2, retryTime: 100 });

test("Kafka's final refusals are not retriable; everything else is, with a reason from a closed set", () => {
  const cases: [Error, string, boolean][] = [
    [kafkaWriteError(10), "too-large", false],
    [kafkaWriteError(18), "too-large", false],
    [kafkaWriteError(87), "invalid-record", false],
    [kafkaWriteError(32), "invalid-timestamp", false],
    [kafkaWriteError(29), "not-authorized", true],
    [kafkaWriteError(3), "unknown-topic", true],
    [kafkaWriteError(45), "producer-state", true],
    [kafkaWriteError(44), "other", true], // POLICY_VIOLATION
    [retriesExceeded(createErrorFromCode(6)), "unavailable", true], // NOT_LEADER_FOR_PARTITION
    [
      new SlipstreamError("bus-write-failed", "x", { cause: new kafkajs.KafkaJSConnectionError("refused") }),
      "unavailable",
      true,
    ],
    [new Error("down"), "unavailable", true],
  ];
  for (const [error, reason, retriable] of cases) {
    const got = classifyWriteError(error);
    assert.deepEqual([got.reason, got.retriable], [reason, retriable], error.message);
  }
});
