// `npm start` runs `slipstream demo`: the bridge on the in-process bus with a live view of the sessions.
import assert from "node:assert/strict";
import { test } from "node:test";
import { decode } from "../../../bridge/f1/decode.ts";
import { startBridgeProcess } from "../../support/bridge-process.ts";
import { sendUdp } from "../../support/datagram-stream.ts";
import { loadJsonlFixtures } from "../../support/fixtures.ts";
import { waitUntil } from "../../support/wait.ts";

test("the demo shows each session it receives, with its packet mix", async (t) => {
  const demo = await startBridgeProcess(["--summary-interval", "1"], { KAFKA_BROKERS: "" }, "demo");
  t.after(async () => assert.equal(await demo.stop(), 0));
  const datagrams = loadJsonlFixtures(2025).map((f) => f.bytes);
  const first = decode(datagrams[0] as Buffer);
  assert.ok(first.ok);
  await sendUdp(demo.udpPort, datagrams);
  const line = () => demo.output.find((l) => l.includes(`session ${first.packet.header.sessionUID} F1 2025`));
  await waitUntil(
    () => line() !== undefined,
    10_000,
    () => `a line for the session in:\n${demo.output.join("\n")}`,
  );
  assert.match(line() ?? "", new RegExp(`: ${datagrams.length} packets, .*motion:1`));
  assert.ok(demo.output.some((l) => l.includes("on the in-process bus")));
  // The in-process bus reports what it holds, so a long-running demo's memory can be watched.
  const topic = 'topic="slipstream.raw"';
  assert.equal(await demo.metric("slipstream_memory_bus_retained_records", topic), datagrams.length);
  assert.equal(await demo.metric("slipstream_memory_bus_deleted_records_total", topic), 0);
});
