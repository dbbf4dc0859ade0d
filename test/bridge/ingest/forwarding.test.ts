// Raw forwarding through the bridge over loopback UDP: which datagrams get copies, where, and what a failure
// looks like. Issue 9: a forward to the bridge's own port looped forever, an IPv4 socket could not reach
// [::1], names were resolved on every datagram, and failures were never logged.
import assert from "node:assert/strict";
import { createSocket, type SocketType } from "node:dgram";
import dns from "node:dns";
import { type TestContext, test } from "node:test";
import { pino } from "pino";
import { MemoryBus } from "../../../bridge/bus/memory-bus.ts";
import { SlipstreamError } from "../../../bridge/errors.ts";
import { Bridge, type BridgeOptions } from "../../../bridge/ingest/bridge.ts";
import { metricTotal } from "../../../bridge/ingest/bridge-metrics.ts";
import type { ForwardTarget } from "../../../bridge/ingest/forwarder.ts";
import { createLogger, type Logger } from "../../../bridge/observability/log.ts";
import { testBridgeOptions } from "../../support/bridge-options.ts";
import { sendUdp, validFixtureDatagrams } from "../../support/datagram-stream.ts";
import { waitUntil } from "../../support/wait.ts";

const timeout = 20_000;

const base = testBridgeOptions;

async function startBridge(t: TestContext, overrides: Partial<BridgeOptions>, log: Logger = createLogger("silent")) {
  const bridge = new Bridge({ ...base, ...overrides }, new MemoryBus(), log);
  t.after(() => bridge.stop(50));
  return { bridge, port: await bridge.start() };
}

/** A UDP listener on loopback that collects what it receives. */
async function listen(t: TestContext, type: SocketType = "udp4", port = 0) {
  const socket = createSocket(type);
  const got: Buffer[] = [];
  socket.on("message", (m) => got.push(m));
  await new Promise<void>((r) => socket.bind(port, type === "udp6" ? "::1" : "127.0.0.1", () => r()));
  t.after(() => socket.close());
  return { got, port: socket.address().port };
}

/** sendUdp, from a socket of the address's family. */
async function sendTo(host: string, port: number, datagrams: readonly Buffer[]): Promise<void> {
  const socket = createSocket(host.includes(":") ? "udp6" : "udp4");
  for (const d of datagrams) await new Promise((r, j) => socket.send(d, port, host, (e) => (e ? j(e) : r(e))));
  socket.close();
}

async function freePort(): Promise<number> {
  const socket = createSocket("udp4");
  await new Promise<void>((r) => socket.bind(0, "127.0.0.1", () => r()));
  const { port } = socket.address();
  await new Promise<void>((r) => socket.close(() => r()));
  return port;
}

const total = (metric: Parameters<typeof metricTotal>[0], target?: string) =>
  metricTotal(metric, (v) => target === undefined || v.labels.target === target);

test("a forward target that is the bridge's own listening address is refused at start", { timeout }, async (t) => {
  for (const host of ["127.0.0.1", "::ffff:127.0.0.1"]) {
    const port = await freePort();
    const bridge = new Bridge(
      { ...base, udpPort: port, forwardTo: [{ host, port }] },
      new MemoryBus(),
      createLogger("silent"),
    );
    t.after(() => bridge.stop(50));
    await assert.rejects(
      bridge.start(),
      (e: unknown) =>
        e instanceof SlipstreamError && e.code === "invalid-config" && /own listening address/.test(e.message),
      host,
    );
    // The port is free again: a refused start leaves nothing bound.
    const { port: again } = await listen(t, "udp4", port);
    assert.equal(again, port);
  }
});

test("only datagrams that passed the allowlist and the rate limit are forwarded", { timeout }, async (t) => {
  const target = await listen(t);
  const { bridge, port } = await startBridge(t, {
    ratePerSource: 20,
    forwardTo: [{ host: "127.0.0.1", port: target.port }],
  });
  const datagrams = validFixtureDatagrams().slice(0, 60);
  await sendUdp(port, datagrams);
  await new Promise((r) => setTimeout(r, 200));
  await bridge.stop();
  const accepted = await metricTotal(bridge.metrics.accepted);
  assert.ok(accepted >= 20 && accepted < 60, `${accepted} passed the rate limit`);
  assert.equal(target.got.length, accepted, "a copy for what passed, none for what was limited");
  assert.equal(await total(bridge.metrics.forwarded), accepted);

  const closed = await listen(t);
  const refused = await startBridge(t, { allow: ["10.9.8.7"], forwardTo: [{ host: "127.0.0.1", port: closed.port }] });
  await sendUdp(refused.port, datagrams.slice(0, 10));
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(closed.got.length, 0, "a source outside the allowlist gets nothing forwarded");
});

test("targets of both address families get every copy, whichever family the bridge listens on", {
  timeout,
}, async (t) => {
  const v4 = await listen(t, "udp4");
  const v6 = await listen(t, "udp6");
  const forwardTo: ForwardTarget[] = [
    { host: "127.0.0.1", port: v4.port },
    { host: "::1", port: v6.port },
  ];
  const datagrams = validFixtureDatagrams().slice(0, 20);
  for (const udpHost of ["127.0.0.1", "::1"]) {
    v4.got.length = 0;
    v6.got.length = 0;
    const { bridge, port } = await startBridge(t, { udpHost, forwardTo });
    await sendTo(udpHost, port, datagrams);
    await waitUntil(
      () => v4.got.length + v6.got.length >= 40,
      5000,
      () => `copies (${v4.got.length}, ${v6.got.length})`,
    );
    assert.deepEqual(v4.got, datagrams, `IPv4 target, bridge on ${udpHost}`);
    assert.deepEqual(v6.got, datagrams, `IPv6 target, bridge on ${udpHost}`);
    assert.equal(await total(bridge.metrics.forwardErrors), 0);
    await bridge.stop();
  }
});

/** Replaces dns.lookup (which dgram uses too) for one test, counting the names asked for. */
function spyOnLookup(t: TestContext, fail: (host: string) => boolean): string[] {
  const asked: string[] = [];
  const original = dns.lookup;
  const spy = (host: string, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (error: Error | null, ...result: unknown[]) => void;
    if (typeof host === "string" && !/^[\d.]+$|:/.test(host)) asked.push(host);
    if (fail(host)) {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
      process.nextTick(callback, error);
      return;
    }
    return (original as (...args: unknown[]) => void)(host, ...rest);
  };
  dns.lookup = spy as typeof dns.lookup;
  t.after(() => {
    dns.lookup = original;
  });
  return asked;
}

test("a host name is resolved when the bridge starts, not for every datagram", { timeout }, async (t) => {
  const asked = spyOnLookup(t, () => false);
  const target = await listen(t);
  const { bridge, port } = await startBridge(t, { forwardTo: [{ host: "localhost", port: target.port }] });
  const datagrams = validFixtureDatagrams().slice(0, 50);
  await sendUdp(port, datagrams);
  await new Promise((r) => setTimeout(r, 200));
  await bridge.stop();
  assert.ok(asked.filter((h) => h === "localhost").length <= 1, `localhost looked up ${asked.length} times`);
});

test("a failing target is logged once and counted per target; the others still get their copies", {
  timeout,
}, async (t) => {
  spyOnLookup(t, (host) => host === "nowhere.invalid");
  const lines: string[] = [];
  const log = pino({ level: "warn" }, { write: (l: string) => void lines.push(l) });
  const good = await listen(t);
  const { bridge, port } = await startBridge(
    t,
    {
      forwardTo: [
        { host: "nowhere.invalid", port: 9 },
        { host: "127.0.0.1", port: good.port },
      ],
    },
    log,
  );
  const datagrams = validFixtureDatagrams().slice(0, 30);
  await sendUdp(port, datagrams);
  await waitUntil(() => good.got.length >= 30, 5000, "copies to the good target");
  await waitUntil(async () => (await total(bridge.metrics.forwardErrors)) >= 30, 5000, "failures counted");
  await bridge.stop();
  assert.equal(await total(bridge.metrics.forwardErrors, "nowhere.invalid:9"), 30);
  assert.equal(await total(bridge.metrics.forwardErrors, `127.0.0.1:${good.port}`), 0);
  assert.equal(await total(bridge.metrics.forwarded, `127.0.0.1:${good.port}`), 30);
  const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.target === "nowhere.invalid:9");
  assert.equal(warnings.length, 1, "logged once, not per datagram");
  assert.match(JSON.stringify(warnings[0]), /ENOTFOUND/);
});
