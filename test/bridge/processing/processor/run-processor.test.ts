import assert from "node:assert/strict";
import { test } from "node:test";
import { pino } from "pino";
import { MemoryBus } from "../../../../bridge/bus/memory-bus.ts";
import { parseOptions } from "../../../../bridge/config/options.ts";
import { PROCESSOR_OPTIONS } from "../../../../bridge/config/processing-config.ts";
import { startProcessor } from "../../../../bridge/processing/processor/run-processor.ts";
import { MemoryStateStore } from "../../../../bridge/state/memory-store.ts";
import { asRawRecords, syntheticSession } from "../../../support/synthetic-session.ts";
import { waitUntil } from "../../../support/wait.ts";

const config = parseOptions(PROCESSOR_OPTIONS, ["--topic-prefix", "rp"], {}).config;

/** As kafkajs reports it: a protocol error with Kafka's type, wrapped once its retries are spent. */
function kafkaError(type: string): Error {
  const protocol = Object.assign(new Error(`protocol error ${type}`), { type });
  return new Error("retries exceeded", { cause: protocol });
}

/** A bus whose first `failures` subscriptions fail with `error`; counts subscriptions. */
function failingBus(failures: number, error: () => Error) {
  const bus = new MemoryBus();
  const subscribe = bus.subscribe.bind(bus);
  const calls = { subscribe: 0 };
  bus.subscribe = async (options) => {
    if (++calls.subscribe <= failures) throw error();
    return subscribe(options);
  };
  return { bus, calls };
}

function capturingLogger() {
  const lines: string[] = [];
  return { log: pino({ level: "info" }, { write: (line: string) => void lines.push(line) }), lines };
}

test("a raw topic Kafka does not know yet is waited for, with a log line, then consumed", {
  timeout: 30_000,
}, async (t) => {
  const { bus, calls } = failingBus(2, () => kafkaError("UNKNOWN_TOPIC_OR_PARTITION"));
  const { log, lines } = capturingLogger();
  const processor = await startProcessor(config, bus, new MemoryStateStore(), log);
  t.after(() => processor.stop());
  assert.equal(calls.subscribe, 3, "started on the third try");
  assert.match(lines.join(""), /does not know the topics yet; waiting/);

  const stream = syntheticSession([{ speed: 50 }], { seconds: 2, sessionUID: "9" });
  await bus.write("rp.raw", asRawRecords("9", stream, Date.now() * 1000));
  await waitUntil(() => processor.counters.consumed === stream.length, 10_000, "the datagrams consumed");
});

test("any other failure to start is final", async () => {
  const { bus, calls } = failingBus(1, () => kafkaError("TOPIC_AUTHORIZATION_FAILED"));
  await assert.rejects(startProcessor(config, bus, new MemoryStateStore(), capturingLogger().log), /retries exceeded/);
  assert.equal(calls.subscribe, 1);
});
