import assert from "node:assert/strict";
import { test } from "node:test";
import { pino } from "pino";
import { MemoryBus } from "../../../bridge/bus/memory-bus.ts";
import { GATEWAY_OPTIONS } from "../../../bridge/config/gateway-config.ts";
import { parseOptions } from "../../../bridge/config/options.ts";
import { startGateway } from "../../../bridge/gateway/start-gateway.ts";
import { MemoryStateStore } from "../../../bridge/state/memory-store.ts";

test("a gateway whose derived topics Kafka does not know yet waits for them, with a log line, then serves", {
  timeout: 30_000,
}, async (t) => {
  const bus = new MemoryBus();
  const subscribe = bus.subscribe.bind(bus);
  let subscriptions = 0;
  bus.subscribe = async (options) => {
    // As kafkajs reports a topic the broker's metadata does not have yet.
    if (++subscriptions === 1) throw Object.assign(new Error("unknown topic"), { type: "UNKNOWN_TOPIC_OR_PARTITION" });
    return subscribe(options);
  };
  const lines: string[] = [];
  const log = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
  const config = parseOptions(GATEWAY_OPTIONS, ["--http-port", "0", "--topic-prefix", "sg"], {}).config;
  const gateway = await startGateway(config, bus, new MemoryStateStore(), log);
  t.after(() => gateway.stop());
  assert.equal(subscriptions, 2, "subscribed on the second try");
  assert.match(lines.join(""), /gateway: Kafka does not know the topics yet; waiting/);
  const reply = await fetch(`http://127.0.0.1:${gateway.port}/ws`);
  assert.equal(reply.status, 426, "listening: /ws wants an upgrade");
});
