import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { networkInterfaces } from "node:os";
import { type TestContext, test } from "node:test";
import { pino } from "pino";
import { Forwarder, type Resolve } from "../../../bridge/ingest/forwarder.ts";
import { isOwnAddress } from "../../../bridge/ingest/own-address.ts";
import { waitUntil } from "../../support/wait.ts";

test("a wildcard listener owns every local address: loopback, 0.0.0.0, ::, and the interfaces' addresses", () => {
  const interfaceAddress = Object.values(networkInterfaces())
    .flatMap((infos) => infos ?? [])
    .find((i) => !i.internal)?.address;
  for (const host of ["0.0.0.0", "::"]) {
    const listen = { host, port: 20777 };
    for (const own of ["127.0.0.1", "127.1.2.3", "::1", "0.0.0.0", "::", "::ffff:127.0.0.1", interfaceAddress ?? "::1"])
      assert.equal(isOwnAddress(own, 20777, listen), true, `${own} on ${host}`);
    assert.equal(isOwnAddress("127.0.0.1", 20778, listen), false, "another port");
    assert.equal(isOwnAddress("203.0.113.5", 20777, listen), false, "another machine");
  }
});

test("a listener on one address owns only that address (in any spelling) and the wildcards", () => {
  const v4 = { host: "127.0.0.1", port: 20777 };
  for (const [address, own] of [
    ["127.0.0.1", true],
    ["::ffff:127.0.0.1", true],
    ["0.0.0.0", true],
    ["127.0.0.2", false],
    ["::1", false],
  ] as const)
    assert.equal(isOwnAddress(address, 20777, v4), own, address);
  const v6 = { host: "::1", port: 20777 };
  assert.equal(isOwnAddress("0:0:0:0:0:0:0:1", 20777, v6), true);
  assert.equal(isOwnAddress("::", 20777, v6), true);
  assert.equal(isOwnAddress("127.0.0.1", 20777, v6), false);
});

/** One loopback port listened on in both families, so a target's name can move between them. */
async function dualListener(t: TestContext) {
  const got = { v4: 0, v6: 0 };
  const v4 = createSocket("udp4").on("message", () => got.v4++);
  await new Promise<void>((r) => v4.bind(0, "127.0.0.1", () => r()));
  const port = v4.address().port;
  const v6 = createSocket("udp6").on("message", () => got.v6++);
  await new Promise<void>((r) => v6.bind(port, "::1", () => r()));
  t.after(() => {
    v4.close();
    v6.close();
  });
  return { got, port };
}

function forwarderFor(t: TestContext, port: number, resolve: Resolve) {
  const results: Record<"ok" | "failed", number> = { ok: 0, failed: 0 };
  const logs: string[] = [];
  const forwarder = new Forwarder([{ host: "app.test", port }], {
    log: pino({ level: "warn" }, { write: (l: string) => void logs.push(l) }),
    onResult: (_target, error) => void results[error ? "failed" : "ok"]++,
    resolve,
    refreshMs: 20,
  });
  t.after(() => forwarder.stop());
  return { forwarder, results, logs };
}

test("names are looked up again periodically: copies follow the new address", { timeout: 10_000 }, async (t) => {
  const { got, port } = await dualListener(t);
  const answers = ["unresolvable", "127.0.0.1", "unresolvable", "::1"];
  let asked = 0;
  const resolve: Resolve = async () => {
    const answer = answers[Math.min(asked++, answers.length - 1)] ?? "";
    if (answer === "unresolvable") throw new Error("getaddrinfo EAI_AGAIN app.test");
    return answer;
  };
  const { forwarder, results, logs } = forwarderFor(t, port, resolve);
  await forwarder.start({ host: "127.0.0.1", port: 1 });
  forwarder.send(Buffer.from("before any address"));
  assert.deepEqual(results, { ok: 0, failed: 1 }, "no address yet: counted as a failure");
  await waitUntil(() => asked >= 2, 2000, "a refresh");
  forwarder.send(Buffer.from("to 127.0.0.1"));
  await waitUntil(() => got.v4 === 1, 2000, "the IPv4 copy");
  await waitUntil(() => asked >= 3, 2000, "a failed refresh");
  forwarder.send(Buffer.from("still 127.0.0.1"));
  await waitUntil(() => got.v4 === 2, 2000, "a failed refresh keeps the last address");
  await waitUntil(() => asked >= 4, 2000, "another refresh");
  forwarder.send(Buffer.from("to ::1"));
  await waitUntil(() => got.v6 === 1, 2000, "the IPv6 copy");
  assert.equal(logs.length, 1, "the first failure is logged, later ones only counted");
});

test("a name that comes to point at the bridge itself is no longer used", { timeout: 10_000 }, async (t) => {
  const { port } = await dualListener(t);
  let asked = 0;
  const { forwarder, results, logs } = forwarderFor(t, port, async () => (asked++ === 0 ? "::1" : "127.0.0.1"));
  await forwarder.start({ host: "127.0.0.1", port });
  await waitUntil(() => asked >= 2, 2000, "a refresh");
  forwarder.send(Buffer.from("would loop"));
  assert.equal(results.failed, 1);
  assert.match(logs[0] ?? "", /own listening address/);
});
