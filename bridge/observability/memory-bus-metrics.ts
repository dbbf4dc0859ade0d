import { Counter, Gauge, type Registry } from "prom-client";
import type { MemoryBus } from "../bus/memory-bus.ts";

/** The in-process bus's retention on /metrics, read from the bus at each scrape (nothing on the write path). */
export function registerMemoryBusMetrics(registry: Registry, bus: MemoryBus): void {
  const common = { labelNames: ["topic"] as const, registers: [registry] };
  new Gauge({
    name: "slipstream_memory_bus_retained_bytes",
    help: "Bytes the in-process bus holds per topic (bounded by --memory-retention-bytes)",
    ...common,
    collect() {
      for (const s of bus.stats()) this.set({ topic: s.topic }, s.retainedBytes);
    },
  });
  new Gauge({
    name: "slipstream_memory_bus_retained_records",
    help: "Records the in-process bus holds per topic",
    ...common,
    collect() {
      for (const s of bus.stats()) this.set({ topic: s.topic }, s.retainedRecords);
    },
  });
  // Counters kept by the bus itself: each scrape copies its totals.
  new Counter({
    name: "slipstream_memory_bus_deleted_records_total",
    help: "Records the in-process bus deleted for retention (size or age)",
    ...common,
    collect() {
      this.reset();
      for (const s of bus.stats()) this.inc({ topic: s.topic }, s.deletedRecords);
    },
  });
  new Counter({
    name: "slipstream_memory_bus_offset_resets_total",
    help: "Times a consumer group's position had been deleted and it resumed at the earliest retained record",
    ...common,
    collect() {
      this.reset();
      for (const s of bus.stats()) this.inc({ topic: s.topic }, s.offsetResets);
    },
  });
}
