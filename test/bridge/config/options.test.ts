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
  assert.equal(d.lingerMs, 1);
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

const refused = (argv: string[], why: RegExp) =>
  assert.throws(
    () => parseOptions(BRIDGE_OPTIONS, argv, {}),
    (e: unknown) => e instanceof SlipstreamError && e.code === "invalid-config" && why.test(e.message),
  );

test("Kafka brokers must be host:port with a usable port", () => {
  refused(["--kafka-brokers", "localhost"], /--kafka-brokers \/ KAFKA_BROKERS: "localhost" is not host:port/);
  refused(["--kafka-brokers", "a:9092,b"], /"b" is not host:port/);
  refused(["--kafka-brokers", "localhost:0"], /port/);
  refused(["--kafka-brokers", "localhost:99999"], /port/);
  refused(["--kafka-brokers", "::1:9092"], /host:port/);
  refused(["--kafka-brokers", "bad host:9092"], /host/);
  // Well-formed, but the Kafka client splits bootstrap servers at the first colon: refused with the reason.
  refused(["--kafka-brokers", "[::1]:9092"], /IPv6/);
  const ok = parseOptions(BRIDGE_OPTIONS, ["--kafka-brokers", "kafka-1.example:9092,10.0.0.7:19092"], {}).config;
  assert.deepEqual(ok.kafkaBrokers, ["kafka-1.example:9092", "10.0.0.7:19092"]);
});

test("negative numbers work as separate values, as the help shows them", () => {
  const c = parseOptions(BRIDGE_OPTIONS, ["--metrics-port", "-1", "--topic-retention-ms", "-1"], {}).config;
  assert.equal(c.metricsPort, -1);
  assert.equal(c.topicRetentionMs, -1);
  assert.equal(parseOptions(BRIDGE_OPTIONS, ["--acks", "-1"], {}).config.acks, "-1");
  refused(["--metrics-port", "-2"], /is below -1/);
});

test("summaries and timeouts stay within what a timer can hold", () => {
  refused(["--summary-interval", "3000000"], /--summary-interval .* is above 86400/);
  refused(["--kafka-request-timeout-ms", "3000000000"], /is above/);
  for (const [key, spec] of Object.entries(BRIDGE_OPTIONS)) {
    if (spec.type !== "integer") continue;
    assert.ok(spec.max !== undefined && Number.isSafeInteger(spec.max), `${key} has an upper bound`);
    if (/Ms$/.test(key) && key !== "topicRetentionMs" && key !== "memoryRetentionMs")
      assert.ok(spec.max <= 2 ** 31 - 1, `${key} fits a timer`);
  }
  assert.ok(BRIDGE_OPTIONS.summaryIntervalS.max * 1000 <= 2 ** 31 - 1);
  refused(["--queue-max-bytes", "99999999999999999999999"], /is above/);
});

test("addresses and topic names are checked at start, not on first use", () => {
  refused(["--udp-host", "not a host"], /--udp-host .* is not an IP address or host name/);
  refused(["--metrics-host", "300.1.1.1"], /--metrics-host .* is not an IP address or host name/);
  assert.equal(parseOptions(BRIDGE_OPTIONS, ["--udp-host", "::"], {}).config.udpHost, "::");
  assert.equal(parseOptions(BRIDGE_OPTIONS, ["--metrics-host", "localhost"], {}).config.metricsHost, "localhost");
  refused(["--topic-prefix", "my topics"], /--topic-prefix .* letters, digits/);
  refused(["--topic-prefix", "x".repeat(230)], /--topic-prefix .* longer than/);
});

test("the in-process bus's retention is configurable, with bounded demo defaults", () => {
  const d = parseOptions(BRIDGE_OPTIONS, [], {}).config;
  assert.equal(d.memoryRetentionBytes, 64 * 1024 * 1024);
  assert.equal(d.memoryRetentionMs, 10 * 60 * 1000);
  const e = parseOptions(BRIDGE_OPTIONS, ["--memory-retention-bytes", "1048576"], {
    SLIPSTREAM_MEMORY_RETENTION_MS: "60000",
  }).config;
  assert.equal(e.memoryRetentionBytes, 1048576);
  assert.equal(e.memoryRetentionMs, 60000);
});

test("text sent with every record is short and printable", () => {
  refused(["--rig-id", "x".repeat(70_000)], /--rig-id \/ SLIPSTREAM_RIG_ID: .* is longer than 255 characters/);
  refused(["--rig-id", "rig\nb"], /holds control characters/);
  refused(["--kafka-client-id", "a".repeat(256)], /longer than 255/);
  assert.equal(parseOptions(BRIDGE_OPTIONS, ["--rig-id", "Rig 7 (Zandvoort)"], {}).config.rigId, "Rig 7 (Zandvoort)");
});
