// Run by queue-memory.test.ts in a child process with --expose-gc: fills a bridge's send queue (Kafka down)
// with copies of one datagram and prints what the queue cost in process memory, as JSON.
import { MemoryBus } from "../../../bridge/bus/memory-bus.ts";
import { Bridge } from "../../../bridge/ingest/bridge.ts";
import { createLogger } from "../../../bridge/observability/log.ts";
import { validFixtureDatagrams } from "../../support/datagram-stream.ts";

const [limit, size] = process.argv.slice(2).map(Number) as [number, number];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
const template = validFixtureDatagrams().find((d) => d.length === size);
if (!template) throw new Error(`no fixture datagram of ${size} bytes`);
const bridge = new Bridge(
  {
    udpHost: "127.0.0.1",
    udpPort: 0,
    receiveBufferBytes: 65536,
    topicPrefix: "mem",
    topicPartitions: 1,
    topicRetentionMs: 60_000,
    rigId: "rig-01",
    lingerMs: 5,
    maxBatchRecords: 1000,
    maxBatchBytes: 1024 * 1024,
    queueMaxBytes: limit,
    dropPolicy: "drop-newest",
    ratePerSource: 0,
    allow: [],
    forwardTo: [],
  },
  new MemoryBus(),
  createLogger("silent"),
);
const remote = { address: "192.168.100.200", port: 50123, family: "IPv4" } as const;
// Never started: nothing leaves the queue, as when Kafka is down.
// ArrayBuffers are freed by a background sweeper after a collection: collect, wait, and again.
const used = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
// Each datagram in a memory block of its own, as the UDP socket hands them over (not from Buffer's pool).
const datagram = () => {
  const bytes = Buffer.allocUnsafeSlow(template.length);
  template.copy(bytes);
  return bytes;
};
bridge.receive(datagram(), remote);
const before = await used();
let accepted = 1;
let refusedInARow = 0;
while (refusedInARow < 1000) {
  if (bridge.receive(datagram(), remote) === "accepted") {
    accepted++;
    refusedInARow = 0;
  } else refusedInARow++;
}
const grown = (await used()) - before;
process.stdout.write(
  `${JSON.stringify({ limit, size, accepted, queueBytes: bridge.queueBytes, grown, perRecord: Math.round(grown / accepted) })}\n`,
);
