// `npm run bench`: every benchmark, one JSON line per result, each with its same-run baseline and ratio.

import { bridgeBenchmarks } from "./bridge-receive.ts";
import { decodeBenchmarks } from "./decode-mix.ts";
import type { BenchResult } from "./measure.ts";
import { processingBenchmarks } from "./processing-mix.ts";
import { kafkaForBench, processorKafkaBenchmarks } from "./processor-kafka.ts";
import { processorLatencyBenchmarks } from "./processor-latency.ts";
import { replayBenchmarks } from "./replay-timing.ts";
import { webFanoutBenchmarks } from "./web-fanout.ts";
import { webLatencyBenchmarks } from "./web-latency.ts";
import { webRenderBenchmarks } from "./web-render.ts";

const print = (results: readonly BenchResult[]) => {
  for (const result of results) process.stdout.write(`${JSON.stringify(result)}\n`);
};

print([
  ...(await decodeBenchmarks()),
  ...(await bridgeBenchmarks()),
  ...(await processingBenchmarks()),
  ...(await replayBenchmarks()),
]);
// The processor on Kafka, after the benchmarks that measure CPU alone: one broker for both (KAFKA_BROKERS, else
// one started here and stopped after).
const kafka = await kafkaForBench();
try {
  print(await processorKafkaBenchmarks(kafka));
  print(await processorLatencyBenchmarks({ shared: kafka }));
  print(await webLatencyBenchmarks({ shared: kafka }));
} finally {
  await kafka.stop();
}
// The gateway's fan-out needs no broker: its server on one CPU, its clients on the other.
print(await webFanoutBenchmarks());
// The web client in headless chromium (software WebGL): frame times with 22 cars, uPlot's redraw.
print(await webRenderBenchmarks());
