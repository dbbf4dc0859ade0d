// A bridge with --spool-dir stopped while its bus is away: the next bridge on that directory sends what the
// first accepted, exactly once, byte-identical and with its original headers.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestContext, test } from "node:test";
import { MemoryBus } from "../../../bridge/bus/memory-bus.ts";
import type { ConsumedRecord } from "../../../bridge/bus/types.ts";
import { Bridge, type BridgeOptions } from "../../../bridge/ingest/bridge.ts";
import { metricTotal } from "../../../bridge/ingest/bridge-metrics.ts";
import { createLogger } from "../../../bridge/observability/log.ts";
import { validFixtureDatagrams } from "../../support/datagram-stream.ts";
import { waitUntil } from "../../support/wait.ts";

const timeout = 20_000;
const remote = { address: "127.0.0.1", port: 5000, family: "IPv4" } as const;

function options(spoolDir: string): BridgeOptions {
  return {
    udpHost: "127.0.0.1",
    udpPort: 0,
    receiveBufferBytes: 1 << 20,
    topicPrefix: "spooled",
    topicPartitions: 1,
    topicRetentionMs: 60_000,
    rigId: "rig-s",
    lingerMs: 2,
    maxBatchRecords: 100,
    maxBatchBytes: 1 << 20,
    queueMaxBytes: 16 << 20,
    dropPolicy: "drop-newest",
    ratePerSource: 0,
    allow: [],
    forwardTo: [],
    spoolDir,
  };
}

async function startBridge(t: TestContext, spoolDir: string, bus: MemoryBus) {
  const bridge = new Bridge(options(spoolDir), bus, createLogger("silent"));
  t.after(() => bridge.stop(50));
  await bridge.start();
  const got: ConsumedRecord[] = [];
  await bus.subscribe({ groupId: "check", topics: [bridge.topicName], onRecords: (r) => void got.push(...r) });
  return { bridge, got };
}

test("what a bridge accepted while the bus was away is sent by the next bridge on its spool, once", {
  timeout,
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "slipstream-bridge-spool-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const datagrams = validFixtureDatagrams().slice(0, 300);

  const away = new MemoryBus();
  away.write = () => Promise.reject(new Error("down"));
  const first = await startBridge(t, dir, away);
  for (const d of datagrams) assert.equal(first.bridge.receive(d, remote), "accepted");
  await first.bridge.stop(50);
  assert.equal(await metricTotal(first.bridge.metrics.dropped), 0, "nothing counted lost: the spool keeps it");

  const second = await startBridge(t, dir, new MemoryBus());
  assert.equal(await metricTotal(second.bridge.metrics.restored), datagrams.length);
  await waitUntil(() => second.got.length >= datagrams.length, 5000, "the spooled records");
  await second.bridge.stop();
  assert.deepEqual(
    second.got.map((r) => Buffer.from(r.value)),
    datagrams,
  );
  assert.ok(second.got.every((r) => r.headers["slipstream-rig-id"] === "rig-s" && r.headers["slipstream-source"]));

  const third = await startBridge(t, dir, new MemoryBus());
  assert.equal(await metricTotal(third.bridge.metrics.restored), 0, "acknowledged records never come back");
  await third.bridge.stop();
  assert.deepEqual(
    readdirSync(dir).filter((n) => n.endsWith(".seg")),
    [],
  );
});
