// `slipstream analyze --kafka-topic`: a range of a real raw topic through the same processing as a file.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import type { BusRecord } from "../../bridge/bus/types.ts";
import { analyzeCommand } from "../../bridge/cli/commands/analyze-command.ts";
import type { Analysis } from "../../bridge/processing/analyze/analyze.ts";
import { kafkaBus, requireKafkaBrokers } from "../support/kafka.ts";
import { asRawRecords, syntheticSession } from "../support/synthetic-session.ts";

async function run(args: string[]): Promise<{ code: number; analysis: Analysis }> {
  const out: string[] = [];
  const ctx = {
    env: {},
    out: (l: string) => out.push(l),
    err: () => {},
    untilSignal: () => new Promise<void>(() => {}),
  };
  const code = await analyzeCommand.run(["--json", ...args], ctx);
  return { code, analysis: JSON.parse(out.join("\n")) as Analysis };
}

test("analyze reads a range of the raw topic: laps as the game timed them; an offset range leaves laps out", {
  timeout: 120_000,
}, async (t) => {
  const brokers = requireKafkaBrokers();
  const topic = `it-${randomUUID().slice(0, 8)}.raw`;
  const bus = kafkaBus(brokers);
  await bus.connect();
  t.after(() => bus.close());
  await bus.ensureTopics([{ topic, partitions: 1, retentionMs: 3_600_000 }]);
  const startUs = Date.now() * 1000;
  const stream = syntheticSession([{ speed: 50 }, { speed: 49 }], { seconds: 90, trackM: 2000, sessionUID: "5150" });
  const records: BusRecord[] = asRawRecords("5150", stream, startUs);
  for (let i = 0; i < records.length; i += 400) await bus.write(topic, records.slice(i, i + 400));

  const whole = await run(["--kafka-topic", topic, "--kafka-brokers", brokers.join(",")]);
  assert.equal(whole.code, 0);
  const [session] = whole.analysis.sessions;
  assert.equal(session?.counts.packets, records.length);
  assert.deepEqual(
    session?.cars.map((c) => c.laps.map((l) => l.timeMs)),
    [
      [40_000, 40_000],
      [40_816, 40_816],
    ],
  );
  // From the middle of the range on, the first laps were never seen completing.
  const half = await run([
    "--kafka-topic",
    topic,
    "--kafka-brokers",
    brokers.join(","),
    "--from-offset",
    String(Math.floor(records.length * 0.6)),
  ]);
  assert.deepEqual(
    half.analysis.sessions[0]?.cars.map((c) => c.laps.map((l) => l.lap)),
    [[2], [2]],
  );
});
