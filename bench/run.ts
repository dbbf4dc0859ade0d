// `npm run bench`: every benchmark, one JSON line per result, each with its same-run baseline and ratio.
import { decodeBenchmarks } from "./decode-mix.ts";

for (const result of decodeBenchmarks()) process.stdout.write(`${JSON.stringify(result)}\n`);
