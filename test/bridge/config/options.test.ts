import assert from "node:assert/strict";
import { test } from "node:test";
import { BRIDGE_OPTIONS } from "../../../bridge/config/bridge-config.ts";
import { parseOptions, renderHelp } from "../../../bridge/config/options.ts";
import { SlipstreamError } from "../../../bridge/errors.ts";

test("defaults, then environment, then flags", () => {
  const d = parseOptions(BRIDGE_OPTIONS, [], {}).config;
  assert.equal(d.udpPort, 20777);
  assert.equal(d.udpHost, "0.0.0.0");
  assert.deepEqual(d.kafkaBrokers, []);
  assert.equal(d.lingerMs, 5);
  const e = parseOptions(BRIDGE_OPTIONS, [], { SLIPSTREAM_UDP_PORT: "30000", KAFKA_BROKERS: "a:1, b:2" }).config;
  assert.equal(e.udpPort, 30000);
  assert.deepEqual(e.kafkaBrokers, ["a:1", "b:2"]);
  const f = parseOptions(BRIDGE_OPTIONS, ["--udp-port", "40000", "--drop-policy=drop-oldest"], {
    SLIPSTREAM_UDP_PORT: "30000",
  });
  assert.equal(f.config.udpPort, 40000);
  assert.equal(f.config.dropPolicy, "drop-oldest");
  assert.ok(Object.isFrozen(f.config));
});

test("invalid values are clear configuration errors naming the flag and variable", () => {
  assert.throws(
    () => parseOptions(BRIDGE_OPTIONS, ["--udp-port", "70000"], {}),
    (e: unknown) =>
      e instanceof SlipstreamError &&
      e.code === "invalid-config" &&
      /--udp-port \/ SLIPSTREAM_UDP_PORT/.test(e.message),
  );
  assert.throws(() => parseOptions(BRIDGE_OPTIONS, [], { SLIPSTREAM_LINGER_MS: "soon" }), /not a whole number/);
  assert.throws(() => parseOptions(BRIDGE_OPTIONS, ["--acks", "2"], {}), /not one of all, -1, 1, 0/);
  assert.throws(() => parseOptions(BRIDGE_OPTIONS, ["--no-such-flag"], {}), SlipstreamError);
});

test("help lists every option with its variable", () => {
  const help = renderHelp("slipstream bridge", "d", BRIDGE_OPTIONS);
  for (const spec of Object.values(BRIDGE_OPTIONS)) {
    assert.ok(help.includes(`--${spec.flag}`), spec.flag);
    if (spec.env) assert.ok(help.includes(spec.env), spec.env);
  }
});
