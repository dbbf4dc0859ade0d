import type { Bus, TopicSpec } from "../bus/types.ts";
import type { Logger } from "../observability/log.ts";
import { type BridgeMonitorMessage, DERIVED_VERSION } from "../protocol/derived.ts";
import { type BridgeMetrics, metricTotal } from "./bridge-metrics.ts";
import type { SessionTable } from "./session-table.ts";

/** The Prometheus metrics a report carries, by their name in the report. */
const COUNTER_NAMES = {
  received: "received",
  receivedBytes: "receivedBytes",
  accepted: "accepted",
  produced: "published",
  restored: "restored",
  forwarded: "forwarded",
  forwardErrors: "forwardErrors",
  produceErrors: "produceErrors",
  queueBytes: "queueBytes",
  queueRecords: "queueRecords",
  queueLimitBytes: "queueLimitBytes",
  busUp: "busUp",
} as const;
const TOTALS = Object.keys(COUNTER_NAMES) as (keyof typeof COUNTER_NAMES)[];

/** Sources and sessions heard from within this long count as recent. */
const RECENT_MS = 10_000;

export interface BridgeMonitorOptions {
  readonly bridgeId: string;
  /** `<prefix>.monitor`, created before the first report (tried again with each report until it is). */
  readonly topic: TopicSpec;
  readonly intervalMs: number;
  readonly bus: Bus;
  readonly log: Logger;
  readonly metrics: BridgeMetrics;
  readonly sessions: SessionTable;
  /** The kernel's drop count where it can be read. */
  readonly socketDrops: () => number | undefined;
  readonly now?: () => number;
}

/**
 * The bridge's report to the pipeline monitor, about once a second: its running totals, rejections and drops
 * by reason, and who is sending. Off the ingest path: a report is built from the counters ingestion keeps
 * anyway, one is in flight at a time (a slow bus skips reports, never queues them), and a failed publish is
 * counted and logged once, never retried.
 */
export class BridgeMonitor {
  published = 0;
  failed = 0;
  skipped = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private topicReady = false;
  private warned = false;

  constructor(private readonly options: BridgeMonitorOptions) {}

  start(): void {
    this.timer ??= setInterval(() => void this.publish(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Builds and publishes one report; resolves either way. */
  async publish(): Promise<void> {
    if (this.inFlight) {
      this.skipped++;
      return;
    }
    this.inFlight = true;
    try {
      const report = await this.report();
      if (!this.topicReady) await this.options.bus.ensureTopics([this.options.topic]);
      this.topicReady = true;
      await this.options.bus.write(this.options.topic.topic, [
        {
          key: report.bridgeId,
          value: Buffer.from(JSON.stringify(report)),
          headers: { "slipstream-type": report.type, "slipstream-v": String(report.v) },
          timestampMs: report.atMs,
        },
      ]);
      this.published++;
    } catch (error) {
      this.failed++;
      if (!this.warned) this.options.log.warn({ err: error }, "bridge monitor report not published (logged once)");
      this.warned = true;
    } finally {
      this.inFlight = false;
    }
  }

  async report(): Promise<BridgeMonitorMessage> {
    const { metrics: m, sessions, bridgeId } = this.options;
    const atMs = (this.options.now ?? Date.now)();
    const total = (name: (typeof TOTALS)[number]) => metricTotal(m[name]);
    const totals = Object.fromEntries(await Promise.all(TOTALS.map(async (k) => [COUNTER_NAMES[k], await total(k)])));
    const rejections = await byReason(m.rejected);
    const drops = await byReason(m.dropped);
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    const socketDrops = this.options.socketDrops();
    const recent = sessions.list().filter((s) => atMs - s.lastSeenMs <= RECENT_MS);
    return {
      v: DERIVED_VERSION,
      type: "bridge-monitor",
      bridgeId,
      atMs,
      counters: {
        ...totals,
        rejected: sum(rejections),
        dropped: sum(drops),
        ...(socketDrops === undefined ? {} : { socketDrops }),
        reportsFailed: this.failed,
      },
      rejections,
      drops,
      sources: [...new Set(recent.map((s) => s.source))].sort(),
      sessions: recent.map((s) => s.sessionUID),
    };
  }
}

async function byReason(counter: BridgeMetrics["rejected"] | BridgeMetrics["dropped"]) {
  const out: Record<string, number> = {};
  for (const v of (await counter.get()).values) {
    const reason = String(v.labels.reason);
    out[reason] = (out[reason] ?? 0) + v.value;
  }
  return out;
}
