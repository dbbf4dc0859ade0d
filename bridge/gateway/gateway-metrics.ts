import { Counter, Gauge, Registry } from "prom-client";
import type { Gateway } from "./gateway.ts";

/** The gateway on /metrics, read from its counters at each scrape (nothing on the send path). */
export function gatewayMetrics(gateway: Gateway, registry = new Registry()): Registry {
  new Gauge({
    name: "slipstream_gateway_clients",
    help: "WebSocket clients connected",
    registers: [registry],
    collect() {
      this.set(gateway.clients.size);
    },
  });
  const totals: [string, string, () => number][] = [
    ["sent", "Messages sent to clients", () => gateway.delivery.sent],
    ["skipped", "Waiting messages replaced by newer ones because the client was slow", () => gateway.delivery.skipped],
    [
      "throttled",
      "Waiting messages replaced by newer ones under a channel's rate cap",
      () => gateway.delivery.throttled,
    ],
    [
      "disconnected_slow",
      "Clients disconnected as too slow (close code 4008)",
      () => gateway.delivery.disconnectedSlow,
    ],
    ["disconnected_dead", "Clients dropped for answering no ping", () => gateway.delivery.disconnectedDead],
    [
      "encoded",
      "Updates serialised by the gateway (once per update, whatever the clients)",
      () => gateway.fanout.stats.encoded,
    ],
    ["forwarded", "Derived records forwarded as received", () => gateway.fanout.stats.forwarded],
  ];
  for (const [name, help, value] of totals) {
    new Counter({
      name: `slipstream_gateway_${name}_total`,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(value());
      },
    });
  }
  new Counter({
    name: "slipstream_gateway_rejected_total",
    help: "Refused inbound messages and connections, by reason",
    labelNames: ["reason"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [reason, n] of Object.entries(gateway.monitor.rejections)) this.inc({ reason }, n);
    },
  });
  return registry;
}
