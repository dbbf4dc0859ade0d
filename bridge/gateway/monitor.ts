import { LatencyWindow } from "../processing/processor/latency-window.ts";
import type { BridgeMonitorMessage, MonitorMessage } from "../protocol/derived.ts";
import type { LatencyReport, PipelineMessage, SessionSummary } from "../protocol/web.ts";
import type { LagEntry } from "./lag.ts";

/** A processor or bridge silent this long leaves the monitor. */
const FORGET_AFTER_MS = 15_000;
/** Browsers' latency reports this recent make the end-to-end figure. */
const REPORTS_WINDOW_MS = 5_000;
const GATEWAY_SAMPLES = 4096;

interface Seen<T> {
  report: T;
  /** Our clock when it arrived (the reporter's atMs is its own clock). */
  seenAtMs: number;
}

type Counts = Record<string, number>;

function add(into: Counts, key: string, n: number): void {
  if (Number.isFinite(n)) into[key] = (into[key] ?? 0) + n;
}

/**
 * The pipeline monitor: rates of the topics this gateway reads, the processors' and bridges' reports from the
 * monitor topic, the browsers' latency reports and the gateway's own counters, made into one PipelineMessage.
 */
export class PipelineMonitor {
  /** UDP receive (receivedAtUs) to the gateway handing the message to its clients. */
  private readonly gatewayLatency = new LatencyWindow(GATEWAY_SAMPLES);
  private gatewaySamples = 0;
  /** The gateway's own refusals by reason (bad inbound messages, origins, connection limits, ...). */
  readonly rejections: Counts = {};
  private readonly totals = new Map<string, number>();
  private previous = new Map<string, number>();
  private previousAtMs: number;
  private readonly processors = new Map<string, Seen<MonitorMessage>>();
  private readonly bridges = new Map<string, Seen<BridgeMonitorMessage>>();
  private reports: { atMs: number; report: LatencyReport }[] = [];

  constructor(
    private readonly gatewayId: string,
    private readonly rawTopic: string,
    private readonly now: () => number,
  ) {
    this.previousAtMs = now();
  }

  countTopic(topic: string): void {
    this.totals.set(topic, (this.totals.get(topic) ?? 0) + 1);
  }

  sent(receivedAtUs: number): void {
    this.gatewayLatency.add(this.now() - receivedAtUs / 1000);
    this.gatewaySamples++;
  }

  reject(reason: string): void {
    add(this.rejections, reason, 1);
  }

  /** A record of the monitor topic, already parsed; anything else there is ignored. */
  observe(report: unknown): void {
    if (typeof report !== "object" || report === null) return;
    const r = report as { type?: unknown; processorId?: unknown; bridgeId?: unknown };
    const seenAtMs = this.now();
    if (r.type === "monitor" && typeof r.processorId === "string") {
      this.processors.set(r.processorId, { report: r as MonitorMessage, seenAtMs });
    } else if (r.type === "bridge-monitor" && typeof r.bridgeId === "string") {
      this.bridges.set(r.bridgeId, { report: r as BridgeMonitorMessage, seenAtMs });
    }
  }

  latency(report: LatencyReport): void {
    this.reports.push({ atMs: this.now(), report });
    if (this.reports.length > 10_000) this.reports.shift();
  }

  /** One PipelineMessage; rates are per second since the previous call (about once a second). */
  build(
    lag: readonly LagEntry[],
    sessions: readonly SessionSummary[],
    gateway: PipelineMessage["gateway"],
    drops: Readonly<Counts>,
  ): PipelineMessage {
    const now = this.now();
    for (const map of [this.processors, this.bridges] as Map<string, Seen<unknown>>[]) {
      for (const [id, s] of map) if (now - s.seenAtMs > FORGET_AFTER_MS) map.delete(id);
    }
    const totals = new Map(this.totals);
    // The raw topic's rates come from the reports: what the processors consumed, what the bridges published.
    totals.set(
      `${this.rawTopic} (consumed)`,
      this.sum(this.processors, (r) => r.counters.consumed),
    );
    if (this.bridges.size > 0)
      totals.set(
        `${this.rawTopic} (produced)`,
        this.sum(this.bridges, (r) => r.counters.published),
      );
    const seconds = Math.max(0.001, (now - this.previousAtMs) / 1000);
    const topics = [...totals].map(([name, total]) => {
      // A topic read here counts from 0; the reports' totals are running ones, so their first sight is no rate.
      const before = this.previous.get(name) ?? (this.totals.has(name) ? 0 : total);
      return { name, total, perSecond: Math.round((Math.max(0, total - before) / seconds) * 10) / 10 };
    });
    this.previous = totals;
    this.previousAtMs = now;

    const rejections: Counts = {};
    const allDrops: Counts = { ...drops };
    const reorder: Counts = {};
    for (const { report } of this.processors.values()) {
      for (const [k, v] of Object.entries(report.counters ?? {}))
        if (k.startsWith("rejected.")) add(rejections, `processor.${k.slice(9)}`, v);
      for (const [k, v] of Object.entries(report.reorder ?? {})) {
        if (k.endsWith("maxHeld")) reorder[k] = Math.max(reorder[k] ?? 0, v);
        else add(reorder, k, v);
      }
    }
    for (const { report } of this.bridges.values()) {
      for (const [k, v] of Object.entries(report.rejections ?? {})) add(rejections, `bridge.${k}`, v);
      for (const [k, v] of Object.entries(report.drops ?? {})) add(allDrops, `bridge.${k}`, v);
    }
    for (const [k, v] of Object.entries(this.rejections)) add(rejections, `gateway.${k}`, v);

    return {
      type: "pipeline",
      atMs: now,
      gatewayId: this.gatewayId,
      topics,
      lag,
      endToEndMs: this.endToEnd(now),
      gatewayMs: { ...this.gatewayLatency.percentiles(), samples: Math.min(this.gatewaySamples, GATEWAY_SAMPLES) },
      rejections,
      drops: allDrops,
      reorder,
      sessions,
      processors: [...this.processors].map(([id, { report }]) => ({
        id,
        atMs: report.atMs,
        sessions: Array.isArray(report.sessions) ? report.sessions.length : 0,
      })),
      bridges: [...this.bridges].map(([id, { report }]) => ({
        id,
        atMs: report.atMs,
        sources: Array.isArray(report.sources) ? report.sources.filter((s) => typeof s === "string") : [],
      })),
      gateway,
    };
  }

  private sum<T>(map: Map<string, Seen<T>>, value: (r: T) => number | undefined): number {
    let total = 0;
    for (const { report } of map.values()) {
      const v = value(report);
      if (typeof v === "number" && Number.isFinite(v)) total += v;
    }
    return total;
  }

  /** The browsers' reports of the last few seconds: median of medians weighted by samples, worst p99 and max. */
  private endToEnd(now: number): PipelineMessage["endToEndMs"] {
    this.reports = this.reports.filter((r) => now - r.atMs <= REPORTS_WINDOW_MS);
    let samples = 0;
    let weighted = 0;
    let p99 = 0;
    let max = 0;
    for (const { report } of this.reports) {
      if (report.samples <= 0) continue;
      samples += report.samples;
      weighted += report.p50Ms * report.samples;
      p99 = Math.max(p99, report.p99Ms);
      max = Math.max(max, report.maxMs);
    }
    return { p50: samples > 0 ? Math.round((weighted / samples) * 10) / 10 : 0, p99, max, samples };
  }
}
