import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { WRITE_ERROR_REASONS } from "../bus/write-errors.ts";
import { REJECTION_REASONS } from "../f1/rejection.ts";

/** Why a received datagram was not accepted: the decoder's reasons plus the bridge's own gates. */
export const BRIDGE_REJECTION_REASONS = [...REJECTION_REASONS, "source-not-allowed", "rate-limited"] as const;
export type BridgeRejectionReason = (typeof BRIDGE_REJECTION_REASONS)[number];

/** Why an accepted datagram never reached the bus (the last three: the bus refuses the record for good). */
export const DROP_REASONS = [
  "queue-full",
  "evicted-oldest",
  "shutdown",
  "too-large",
  "invalid-record",
  "invalid-timestamp",
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

interface MetricValue {
  readonly value: number;
  readonly labels: Readonly<Record<string, unknown>>;
  readonly metricName?: string;
}

/** The sum of a metric's values, optionally only those `keep` selects (by label or series name). */
export async function metricTotal(
  metric: { get(): Promise<{ values: MetricValue[] }> },
  keep: (value: MetricValue) => boolean = () => true,
): Promise<number> {
  const { values } = await metric.get();
  return values.filter(keep).reduce((sum, v) => sum + v.value, 0);
}

/** The bridge's Prometheus metrics, in a registry of its own so several bridges can live in one process. */
export function createBridgeMetrics() {
  const registry = new Registry();
  const registers = [registry];
  const metrics = {
    registry,
    received: new Counter({
      name: "slipstream_bridge_datagrams_received_total",
      help: "UDP datagrams received",
      registers,
    }),
    receivedBytes: new Counter({
      name: "slipstream_bridge_received_bytes_total",
      help: "UDP payload bytes received",
      registers,
    }),
    accepted: new Counter({
      name: "slipstream_bridge_datagrams_accepted_total",
      help: "Datagrams that passed validation and were queued",
      registers,
    }),
    rejected: new Counter({
      name: "slipstream_bridge_datagrams_rejected_total",
      help: "Datagrams refused, by reason",
      labelNames: ["reason"] as const,
      registers,
    }),
    produced: new Counter({
      name: "slipstream_bridge_records_produced_total",
      help: "Records the bus acknowledged",
      registers,
    }),
    dropped: new Counter({
      name: "slipstream_bridge_records_dropped_total",
      help: "Accepted datagrams that never reached the bus, by reason",
      labelNames: ["reason"] as const,
      registers,
    }),
    produceErrors: new Counter({
      name: "slipstream_bridge_produce_errors_total",
      help: "Failed batch writes, by reason: retried, or split when the bus refuses the batch as a whole",
      labelNames: ["reason"] as const,
      registers,
    }),
    restored: new Counter({
      name: "slipstream_bridge_records_restored_total",
      help: "Records an earlier run accepted and never had acknowledged, queued again from the spool at start",
      registers,
    }),
    forwarded: new Counter({
      name: "slipstream_bridge_forwarded_total",
      help: "Copies forwarded to other UDP addresses, by target",
      labelNames: ["target"] as const,
      registers,
    }),
    forwardErrors: new Counter({
      name: "slipstream_bridge_forward_errors_total",
      help: "Copies that could not be forwarded (send failed, name unresolved), by target",
      labelNames: ["target"] as const,
      registers,
    }),
    queueBytes: new Gauge({
      name: "slipstream_bridge_queue_bytes",
      help: "Bytes held in the send queue (waiting and in flight)",
      registers,
    }),
    queueLimitBytes: new Gauge({
      name: "slipstream_bridge_queue_limit_bytes",
      help: "The send queue's byte limit",
      registers,
    }),
    queueRecords: new Gauge({
      name: "slipstream_bridge_queue_records",
      help: "Records waiting in the send queue",
      registers,
    }),
    busUp: new Gauge({
      name: "slipstream_bridge_bus_up",
      help: "1 while the last write to the bus succeeded",
      registers,
    }),
    produceLatency: new Histogram({
      name: "slipstream_bridge_produce_latency_seconds",
      help: "From receiving a datagram to the bus acknowledging it",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
  };
  for (const reason of BRIDGE_REJECTION_REASONS) metrics.rejected.inc({ reason }, 0);
  for (const reason of DROP_REASONS) metrics.dropped.inc({ reason }, 0);
  for (const reason of WRITE_ERROR_REASONS) metrics.produceErrors.inc({ reason }, 0);
  return metrics;
}

export type BridgeMetrics = ReturnType<typeof createBridgeMetrics>;
