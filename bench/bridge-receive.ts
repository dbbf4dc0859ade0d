// The bridge's per-datagram path (gates, validation, headers, queue, metrics) on the 60 Hz mix, against
// bare validation measured in the same run: the ratio is what the bridge's bookkeeping costs.
import type { Bus } from "../bridge/bus/types.ts";
import { validateDatagram } from "../bridge/f1/decode.ts";
import { Bridge } from "../bridge/ingest/bridge.ts";
import { createLogger } from "../bridge/observability/log.ts";
import { sixtyHertzMix } from "./decode-mix.ts";
import { type BenchResult, compare } from "./measure.ts";

/** A bus that takes every batch at once, so the benchmark measures the bridge, not a sink. */
const discardingBus: Bus = {
  kind: "memory",
  connect: async () => {},
  ensureTopics: async () => {},
  write: async () => {},
  subscribe: async () => ({ stop: async () => {}, commit: async () => {} }),
  close: async () => {},
};

export async function bridgeBenchmarks(): Promise<BenchResult[]> {
  const mix = sixtyHertzMix();
  const bridge = new Bridge(
    {
      udpHost: "127.0.0.1",
      udpPort: 0,
      receiveBufferBytes: 1 << 20,
      topicPrefix: "bench",
      topicPartitions: 1,
      topicRetentionMs: 60_000,
      rigId: "bench-rig",
      lingerMs: 5,
      maxBatchRecords: 1000,
      maxBatchBytes: 1 << 20,
      queueMaxBytes: 2 ** 40, // never full: a round must measure accepting, not refusing
      dropPolicy: "drop-newest",
      ratePerSource: 0,
      allow: [],
      forwardTo: [],
    },
    discardingBus,
    createLogger("silent"),
  );
  await bridge.start();
  const remote = { address: "127.0.0.1", port: 20777, family: "IPv4" } as const;
  let sink = 0;
  // Measuring blocks the event loop, so the produce loop drains the queue between rounds (unmeasured).
  const receive = {
    items: mix.length,
    run: () => {
      for (const bytes of mix) if (bridge.receive(bytes, remote) === "accepted") sink++;
    },
  };
  const validate = {
    name: "validate-60hz-mix",
    items: mix.length,
    run: () => {
      for (const bytes of mix) if (validateDatagram(bytes).ok) sink++;
    },
  };
  const result = await compare("bridge-receive-60hz-mix", "packets/s", receive, validate, {
    rounds: 5,
    roundMs: 200,
    warmupMs: 200,
    settle: async () => {
      while (bridge.queueBytes > 0) await new Promise((r) => setTimeout(r, 5));
    },
  });
  await bridge.stop(1000);
  if (sink === 0) throw new Error("nothing accepted");
  return [result];
}
