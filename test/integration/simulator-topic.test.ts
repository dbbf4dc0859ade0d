// The simulator on a real broker: replay straight into <prefix>.raw, then record ranges of it back to captures.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import kafkajs from "kafkajs";
import { validateDatagram } from "../../bridge/f1/decode.ts";
import { RAW_HEADERS } from "../../bridge/protocol/raw-topic.ts";
import { type CaptureEntry, CaptureReader } from "../../simulator/capture/reader.ts";
import { CaptureWriter } from "../../simulator/capture/writer.ts";
import { startCli } from "../simulator/support/cli-process.ts";
import { validFixtureDatagrams } from "../support/datagram-stream.ts";
import { kafkaBus, requireKafkaBrokers } from "../support/kafka.ts";
import { expectedBySession, readTopic, valuesByKey } from "../support/read-topic.ts";

async function entriesOf(file: string): Promise<CaptureEntry[]> {
  const out: CaptureEntry[] = [];
  for await (const e of await CaptureReader.open(file)) out.push(e);
  return out;
}

function bySession(entries: readonly { bytes: Buffer }[]): Map<string, Buffer[]> {
  return expectedBySession(entries.map((e) => e.bytes));
}

test("replay --to-topic writes what the bridge would; record --from-topic reads it back in receive order, ranges included", async (t) => {
  const brokers = requireKafkaBrokers();
  const env = { KAFKA_BROKERS: brokers.join(",") };
  const prefix = `it-sim-${randomUUID().slice(0, 8)}`;
  const dir = mkdtempSync(join(tmpdir(), "slipstream-sim-topic-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bus = kafkaBus(brokers);
  t.after(() => bus.close());
  const admin = new kafkajs.Kafka({ brokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  t.after(async () => {
    await admin.deleteTopics({ topics: [`${prefix}.raw`] }).catch(() => {});
    await admin.disconnect();
  });

  // A capture of every valid fixture datagram (several sessions and formats), 1 ms apart, and one that is not F1.
  const valid = validFixtureDatagrams();
  const source = join(dir, "source.slipcap");
  const writer = CaptureWriter.create(source, { sources: true, startUnixUs: 1_764_000_000_000_000 });
  valid.forEach((bytes, i) => {
    writer.append(i * 1000, bytes, "192.168.1.20:50000");
    if (i === 3) writer.append(i * 1000, Buffer.from("not telemetry"), "192.168.1.20:50000");
  });
  writer.close();

  const replay = startCli(
    [
      ...["replay", source, "--to-topic", "--speed", "max", "--topic-prefix", prefix],
      ...["--rig-id", "rig-7", "--topic-partitions", "3", "--topic-retention-ms", "3600000"],
    ],
    env,
  );
  assert.equal(await replay.exited(), 0, replay.stderr.join("\n"));
  assert.match(replay.stderr.join("\n"), /1 not valid F1 telemetry left out/);
  const records = await readTopic(bus, `${prefix}.raw`, valid.length, 60_000, 500);
  assert.equal(records.length, valid.length);
  assert.deepEqual(valuesByKey(records), expectedBySession(valid), "keyed by sessionUID, in order per session");
  for (const r of records) {
    assert.equal(r.headers[RAW_HEADERS.rigId], "rig-7");
    assert.equal(r.headers[RAW_HEADERS.source], "192.168.1.20:50000");
    assert.match(r.headers[RAW_HEADERS.receivedAtUs] ?? "", /^\d{16}$/);
  }

  // The whole topic back to a capture: every record once, sessions in order, times from the receive header.
  const whole = join(dir, "whole.slipcap");
  const record = startCli(["record", whole, "--from-topic", `${prefix}.raw`], env);
  assert.equal(await record.exited(), 0, record.stderr.join("\n"));
  assert.match(record.stderr.join("\n"), new RegExp(`recorded ${valid.length} packets`));
  const entries = await entriesOf(whole);
  assert.equal(entries.length, valid.length);
  assert.deepEqual(bySession(entries), expectedBySession(valid));
  assert.ok(entries.every((e) => e.source === "192.168.1.20:50000"));
  assert.equal(entries[0]?.timeUs, 0);
  const received = records.map((r) => Number(r.headers[RAW_HEADERS.receivedAtUs])).sort((a, b) => a - b);
  assert.equal(entries.at(-1)?.timeUs, (received.at(-1) ?? 0) - (received[0] ?? 0), "times are receive times");
  const header = (await CaptureReader.open(whole)).header;
  assert.equal(header.startUnixUs, received[0]);

  // Offsets [2, 5) of every partition.
  const offsets = await admin.fetchTopicOffsets(`${prefix}.raw`);
  const expected = offsets.reduce((n, p) => n + Math.max(0, Math.min(5, Number(p.high)) - 2), 0);
  const part = join(dir, "part.slipcap");
  const ranged = startCli(
    ["record", part, "--from-topic", `${prefix}.raw`, "--from-offset", "2", "--to-offset", "5"],
    env,
  );
  assert.equal(await ranged.exited(), 0, ranged.stderr.join("\n"));
  const partEntries = await entriesOf(part);
  assert.equal(partEntries.length, expected);
  assert.ok(partEntries.every((e) => validateDatagram(e.bytes).ok));

  // A time range before everything holds nothing; the file is still a valid (empty) capture.
  const none = join(dir, "none.slipcap");
  const early = startCli(["record", none, "--from-topic", `${prefix}.raw`, "--to-time", "2020-01-01T00:00:00Z"], env);
  assert.equal(await early.exited(), 0, early.stderr.join("\n"));
  assert.equal((await entriesOf(none)).length, 0);
});
