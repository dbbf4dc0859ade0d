// The pipeline monitor: per-topic rates, consumer lag, end-to-end latency, rejections and drops by reason, the
// reorder window, live sessions and their sources, processors, bridges and the gateway's own figures.
import type { PipelineMessage } from "../../../bridge/protocol/web.ts";
import type { View } from "../app.ts";
import { ago, h, num, setText } from "../ui/index.ts";
import { Table } from "./table.ts";

export const monitorView: View = (root, { connection, route }) => {
  const token = route.view === "monitor" ? route.token : undefined;
  const state = h("p.muted", { "data-testid": "monitor-state" }, "Waiting for the gateway's pipeline report…");
  const tables = {
    topics: new Table("Topics", ["Topic", "Per second", "Total"], "topics"),
    latency: new Table("Latency (ms)", ["Path", "p50", "p99", "Max", "Samples"], "latency"),
    lag: new Table("Consumer lag", ["Group", "Topic", "Total", "By partition"], "lag"),
    rejections: new Table("Rejections", ["Reason", "Count"], "rejections"),
    drops: new Table("Drops", ["Reason", "Count"], "drops"),
    reorder: new Table("Reorder window", ["Statistic", "Value"], "reorder"),
    sessions: new Table("Live sessions", ["Session", "Track", "Type", "Cars", "Sources", "Updated"], "sessions"),
    processors: new Table("Processors", ["Id", "Sessions", "Reported"], "processors"),
    bridges: new Table("Bridges", ["Id", "Sources", "Reported"], "bridges"),
    gateway: new Table("Gateway", ["Id", "Clients", "Skipped", "Disconnected (slow)"], "gateway"),
  };
  root.append(
    h(
      "section.monitor",
      {},
      h("h1", {}, "Pipeline monitor"),
      state,
      h("div.monitor-grid", {}, ...Object.values(tables).map((t) => t.element)),
    ),
  );

  const draw = (m: PipelineMessage) => {
    setText(state, `Report at ${new Date(m.atMs).toLocaleTimeString()}`);
    const now = m.atMs;
    const sorted = (r: Readonly<Record<string, number>>) => Object.entries(r).sort((a, b) => b[1] - a[1]);
    tables.topics.set(m.topics.map((t) => [t.name, num(t.perSecond, 1), String(t.total)]));
    const lat = (name: string, l: PipelineMessage["endToEndMs"]) => [
      name,
      num(l.p50, 1),
      num(l.p99, 1),
      num(l.max, 1),
      String(l.samples),
    ];
    tables.latency.set([lat("UDP → browser", m.endToEndMs), lat("UDP → gateway send", m.gatewayMs)]);
    tables.lag.set(lagRows(m.lag));
    tables.rejections.set(sorted(m.rejections).map(([k, v]) => [k, String(v)]));
    tables.drops.set(sorted(m.drops).map(([k, v]) => [k, String(v)]));
    tables.reorder.set(Object.entries(m.reorder).map(([k, v]) => [k, String(v)]));
    tables.sessions.set(
      m.sessions.map((s) => [
        s.sessionUID,
        s.track ?? "—",
        s.sessionType ?? "—",
        s.cars === undefined ? "—" : String(s.cars),
        (s.sources ?? []).join(", "),
        ago(now - s.updatedAtMs),
      ]),
    );
    tables.processors.set(m.processors.map((p) => [p.id, String(p.sessions), ago(now - p.atMs)]));
    tables.bridges.set(m.bridges.map((b) => [b.id, b.sources.join(", "), ago(now - b.atMs)]));
    const g = m.gateway;
    tables.gateway.set([[m.gatewayId, String(g.clients), String(g.skipped), String(g.disconnectedSlow)]]);
  };

  const off = connection.onMessage((m) => {
    if (m.type === "pipeline") draw(m);
    if (m.type === "error" && m.code === "forbidden") {
      setText(state, "The gateway refused the monitor: open #/monitor?token=… with its --monitor-token.");
    }
  });
  connection.setStanding("monitor", { type: "monitor", ...(token ? { token } : {}) });
  return () => {
    off();
    connection.setStanding("monitor", undefined);
  };
};

/** One row per group and topic: the total, then each partition's lag ("p:lag"), so many partitions stay readable. */
function lagRows(lag: PipelineMessage["lag"]): string[][] {
  const rows = new Map<string, { group: string; topic: string; total: number; parts: string[] }>();
  for (const l of [...lag].sort((a, b) => a.partition - b.partition)) {
    const key = `${l.group}\u0000${l.topic}`;
    const row = rows.get(key) ?? { group: l.group, topic: l.topic, total: 0, parts: [] };
    row.total += l.lag;
    row.parts.push(`${l.partition}:${l.lag}`);
    rows.set(key, row);
  }
  return [...rows.values()].map((r) => [r.group, r.topic, String(r.total), r.parts.join(" ")]);
}
