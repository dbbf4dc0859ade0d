// Issue 9: a burst of 100k datagrams counted 39,258 received while the kernel dropped 60,742, invisibly.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { MemoryBus } from "../../../bridge/bus/memory-bus.ts";
import { Bridge } from "../../../bridge/ingest/bridge.ts";
import { metricTotal } from "../../../bridge/ingest/bridge-metrics.ts";
import { createSummary } from "../../../bridge/ingest/summary.ts";
import { createLogger } from "../../../bridge/observability/log.ts";
import { testBridgeOptions } from "../../support/bridge-options.ts";
import { waitUntil } from "../../support/wait.ts";

const linuxOnly = process.platform !== "linux" && "the drop count comes from Linux's /proc/net/udp";

test("datagrams the kernel drops while the bridge is busy are counted and summarised", {
  timeout: 30_000,
  skip: linuxOnly,
}, async (t) => {
  const bridge = new Bridge(
    { ...testBridgeOptions, receiveBufferBytes: 65536 },
    new MemoryBus(),
    createLogger("silent"),
  );
  t.after(() => bridge.stop(50));
  const port = await bridge.start();
  const summary = createSummary(bridge);
  const sent = 2000;
  const send = `const s = require("node:dgram").createSocket("udp4"); let n = 0;
    for (let i = 0; i < ${sent}; i++) s.send(Buffer.alloc(1400), ${port}, "127.0.0.1", () => ++n === ${sent} && s.close());`;
  // spawnSync blocks this event loop: the bridge reads nothing while the child sends, so its buffer overflows.
  const child = spawnSync(process.execPath, ["-e", send], { timeout: 20_000 });
  assert.equal(child.status, 0, String(child.stderr));
  const drops = async () =>
    Number(/^slipstream_bridge_socket_drops_total (\d+)$/m.exec(await bridge.metrics.registry.metrics())?.[1]);
  const received = () => metricTotal(bridge.metrics.received);
  let seen = 0;
  const settled = async () => {
    seen = await received();
    return seen + (await drops()) >= sent;
  };
  await waitUntil(settled, 5000, () => `a drop count to go with ${seen} received`);
  const dropped = await drops();
  assert.ok(dropped > 0, "the kernel dropped some");
  assert.equal((await received()) + dropped, sent, "every datagram either read or counted as dropped");
  assert.match(await summary(), new RegExp(`\\| kernel drops ${dropped} \\|`));
});
