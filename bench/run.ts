// `npm run bench`: every benchmark, one JSON line per result, each with its same-run baseline and ratio.
import { bridgeBenchmarks } from "./bridge-receive.ts";
import { decodeBenchmarks } from "./decode-mix.ts";
import { replayBenchmarks } from "./replay-timing.ts";

for (const result of [...(await decodeBenchmarks()), ...(await bridgeBenchmarks()), ...(await replayBenchmarks())]) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
