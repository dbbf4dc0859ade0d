// The `slipstream bridge` process exits promptly on SIGTERM once its queue is empty: nothing left pending
// (a timer, a socket) may hold it open until the drain deadline.
import assert from "node:assert/strict";
import { test } from "node:test";
import { startBridgeProcess } from "../../support/bridge-process.ts";
import { sendUdp, validFixtureDatagrams } from "../../support/datagram-stream.ts";
import { waitUntil } from "../../support/wait.ts";

test("SIGTERM with an empty queue: the bridge exits in well under its 5 s drain deadline", {
  timeout: 60_000,
}, async (t) => {
  // No brokers: the in-process bus.
  const bridge = await startBridgeProcess(["--summary-interval", "0"], { KAFKA_BROKERS: "" });
  t.after(() => bridge.stop());
  await sendUdp(bridge.udpPort, validFixtureDatagrams().slice(0, 20));
  await waitUntil(
    async () => (await bridge.metric("slipstream_bridge_records_produced_total")) === 20,
    10_000,
    "produced",
  );
  const t0 = performance.now();
  assert.equal(await bridge.stop(), 0);
  const took = performance.now() - t0;
  assert.ok(took < 1500, `exited ${Math.round(took)} ms after SIGTERM`);
});
