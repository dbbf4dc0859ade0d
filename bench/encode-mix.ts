// Encoding a realistic 60 Hz packet mix (what a simulator sends), against decoding the same mix in the same run.
// `npx tsx bench/encode-mix.ts` prints one JSON line per result, then how many 60 Hz rigs one core could feed.
import { pathToFileURL } from "node:url";
import { decode } from "../bridge/f1/decode.ts";
import { encode, encodeInto } from "../bridge/f1/encode.ts";
import type { DecodedPacket } from "../bridge/f1/formats/index.ts";
import { sixtyHertzMix, sixtyHertzMix2026 } from "./decode-mix.ts";
import { type BenchResult, compare } from "./measure.ts";

/** Both mixes hold five seconds of one game. */
const MIX_SECONDS = 5;

function packets(mix: Buffer[]): DecodedPacket[] {
  return mix.map((bytes) => {
    const r = decode(bytes);
    if (!r.ok) throw new Error(`${r.rejection.reason}: ${r.rejection.detail}`);
    return r.packet;
  });
}

export async function encodeBenchmarks(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  let sink = 0;
  for (const [label, mix] of [
    ["60hz-mix", sixtyHertzMix()],
    ["60hz-mix-2026", sixtyHertzMix2026()],
  ] as const) {
    const decoded = packets(mix);
    const target = new Uint8Array(2048);
    const decodeRun = {
      name: `decode-${label}`,
      items: mix.length,
      run: () => {
        for (const bytes of mix) if (decode(bytes).ok) sink++;
      },
    };
    const encodeRun = {
      items: decoded.length,
      run: () => {
        for (const packet of decoded) sink += encode(packet).length;
      },
    };
    const encodeIntoRun = {
      items: decoded.length,
      run: () => {
        for (const packet of decoded) sink += encodeInto(packet, target);
      },
    };
    results.push(await compare(`encode-${label}`, "packets/s", encodeRun, decodeRun));
    results.push(await compare(`encodeInto-${label}`, "packets/s", encodeIntoRun, decodeRun));
  }
  if (sink === 0) throw new Error("nothing encoded");
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const perRig = {
    "60hz-mix": sixtyHertzMix().length / MIX_SECONDS,
    "60hz-mix-2026": sixtyHertzMix2026().length / MIX_SECONDS,
  };
  for (const result of await encodeBenchmarks()) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    const mix = result.bench.replace(/^encode(Into)?-/, "") as keyof typeof perRig;
    const rigs = Math.floor(result.value / perRig[mix]);
    process.stdout.write(`  ${result.bench}: ${perRig[mix]} packets/s per 60 Hz game -> ${rigs} games on one core\n`);
  }
}
