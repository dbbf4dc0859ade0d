// `slipstream demo` (npm start) serves the live web view: its gateway streams the sample race to a browser.
import assert from "node:assert/strict";
import { test } from "node:test";
import { startBridgeProcess } from "../../support/bridge-process.ts";
import { waitUntil } from "../../support/wait.ts";
import { connect } from "./harness.ts";

test("the demo prints the web view's URL and its WebSocket streams the sample race", async (t) => {
  const demo = await startBridgeProcess(["--summary-interval", "1"], { KAFKA_BROKERS: "", REDIS_URL: "" }, "demo");
  t.after(async () => assert.equal(await demo.stop(), 0));
  const url = () => demo.output.map((l) => /^Watch live: (http:\/\/\S+)\//.exec(l)?.[1]).find(Boolean);
  await waitUntil(
    () => url() !== undefined,
    20_000,
    () => `the URL in:\n${demo.output.join("\n")}`,
  );
  const c = await connect(`${(url() as string).replace("http:", "ws:")}/ws`);
  t.after(() => c.close());
  await waitUntil(
    () => c.ofType("sessions").some((m) => m.sessions.length > 0),
    30_000,
    () => `a live session, got ${JSON.stringify(c.ofType("sessions"))}`,
  );
  const uid = c.ofType("sessions").findLast((m) => m.sessions.length > 0).sessions[0].sessionUID;
  c.send({ type: "subscribe", sessionUID: uid, channels: ["positions", "tower"] });
  const snapshot = await c.next("snapshot");
  assert.equal(snapshot.session.track, "Austria");
  const positions = await c.next("positions", 1, 20_000);
  assert.equal(positions.sessionUID, uid);
  assert.ok(positions.cars.length >= 20, `${positions.cars.length} cars`);
});
