// Decoding a realistic 60 Hz packet mix: our decoder against the reference library, in the same run.
import { decode, validateDatagram } from "../bridge/f1/decode.ts";
import { loadBinFixtures } from "../test/support/fixtures.ts";
import { referenceDecodeFast } from "../test/support/reference-library.ts";
import { type BenchResult, compare } from "./measure.ts";

/**
 * Five seconds of one F1 24 game at 60 Hz, from real captured datagrams: the five menu-rate packets every
 * frame (motion, lap data, car telemetry, car status, motion ex) and the others at their documented rates.
 */
const PER_FIVE_SECONDS: Record<string, number> = {
  "2024-00.bin": 300, // motion
  "2024-02.bin": 300, // lap data
  "2024-06.bin": 300, // car telemetry
  "2024-07.bin": 300, // car status
  "2024-13.bin": 300, // motion ex
  "2024-01.bin": 10, // session, 2/s
  "2024-05.bin": 10, // car setups, 2/s
  "2024-04.bin": 1, // participants, every 5 s
  "2024-10.bin": 50, // car damage, 10/s
  "2024-11.bin": 100, // session history, 20/s
  "2024-12.bin": 100, // tyre sets, 20/s
  "2024-14.bin": 5, // time trial, 1/s
  "2024-03-FTLP.bin": 2, // events
  "2024-03-OVTK.bin": 3,
};

export function sixtyHertzMix(): Buffer[] {
  const files = new Map(loadBinFixtures().map((f) => [f.file, f.bytes]));
  const mix: Buffer[] = [];
  for (const [file, count] of Object.entries(PER_FIVE_SECONDS)) {
    const bytes = files.get(file);
    if (!bytes) throw new Error(`fixture ${file} is missing`);
    for (let i = 0; i < count; i++) mix.push(bytes);
  }
  // Interleave as the game does (not all motion first): a fixed shuffle keeps runs comparable.
  let seed = 42;
  for (let i = mix.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const j = seed % (i + 1);
    [mix[i], mix[j]] = [mix[j] as Buffer, mix[i] as Buffer];
  }
  return mix;
}

export async function decodeBenchmarks(): Promise<BenchResult[]> {
  const mix = sixtyHertzMix();
  let sink = 0;
  const ours = {
    items: mix.length,
    run: () => {
      for (const bytes of mix) if (decode(bytes).ok) sink++;
    },
  };
  const reference = {
    name: "@z0mt3c/f1-telemetry-client",
    items: mix.length,
    run: () => {
      for (const bytes of mix) if (referenceDecodeFast(bytes)) sink++;
    },
  };
  const validate = {
    items: mix.length,
    run: () => {
      for (const bytes of mix) if (validateDatagram(bytes).ok) sink++;
    },
  };
  const results = [
    await compare("decode-60hz-mix", "packets/s", ours, reference),
    await compare("validate-60hz-mix", "packets/s", validate, { ...ours, name: "decode-60hz-mix" }),
  ];
  if (sink === 0) throw new Error("nothing decoded");
  return results;
}
