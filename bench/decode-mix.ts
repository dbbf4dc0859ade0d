// Decoding a realistic 60 Hz packet mix: our decoder against the reference library, in the same run.
import { decode, validateDatagram } from "../bridge/f1/decode.ts";
import { OFFICIAL_SIZES } from "../bridge/f1/official-sizes.ts";
import { load2026Fixtures, loadBinFixtures } from "../test/support/fixtures.ts";
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

/** `count` copies of each datagram, interleaved as the game does (not all motion first) by a fixed shuffle. */
function interleave(counts: Iterable<readonly [Buffer, number]>): Buffer[] {
  const mix: Buffer[] = [];
  for (const [bytes, count] of counts) for (let i = 0; i < count; i++) mix.push(bytes);
  let seed = 42;
  for (let i = mix.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const j = seed % (i + 1);
    [mix[i], mix[j]] = [mix[j] as Buffer, mix[i] as Buffer];
  }
  return mix;
}

export function sixtyHertzMix(): Buffer[] {
  const files = new Map(loadBinFixtures().map((f) => [f.file, f.bytes]));
  return interleave(
    Object.entries(PER_FIVE_SECONDS).map(([file, count]) => {
      const bytes = files.get(file);
      if (!bytes) throw new Error(`fixture ${file} is missing`);
      return [bytes, count] as const;
    }),
  );
}

/**
 * Five seconds of one UDP Format 2026 game at 60 Hz, from the real 2026 captures at the same rates as the F1 24 mix.
 * No Session, Time Trial or Car Telemetry 2 capture exists: Car Telemetry 2 is a made-up datagram (the real 2026
 * header, a zero body) sent every frame, an assumption since EA gives no rate; the 2/s Session is left out.
 */
const PER_FIVE_SECONDS_2026: Record<number, number> = {
  0: 300, // motion
  2: 300, // lap data
  6: 300, // car telemetry
  7: 300, // car status
  13: 300, // motion ex
  16: 300, // car telemetry 2 (made up)
  5: 10, // car setups
  4: 1, // participants
  10: 50, // car damage
  11: 100, // session history
  12: 100, // tyre sets
  15: 5, // lap positions, 1/s
  3: 2, // collision events
};

export function sixtyHertzMix2026(): Buffer[] {
  const byId = new Map(load2026Fixtures().map((f) => [f.packetId, f.bytes]));
  const telemetry2 = Buffer.alloc(OFFICIAL_SIZES[2026]?.[16] ?? 0);
  (byId.get(6) ?? Buffer.alloc(29)).copy(telemetry2, 0, 0, 29);
  telemetry2.writeUInt8(16, 6);
  byId.set(16, telemetry2);
  return interleave(
    Object.entries(PER_FIVE_SECONDS_2026).map(([id, count]) => {
      const bytes = byId.get(Number(id));
      if (!bytes) throw new Error(`2026 capture of packet ${id} is missing`);
      return [bytes, count] as const;
    }),
  );
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
  const mix2026 = sixtyHertzMix2026();
  const ours2026 = {
    items: mix2026.length,
    run: () => {
      for (const bytes of mix2026) if (decode(bytes).ok) sink++;
    },
  };
  const results = [
    await compare("decode-60hz-mix", "packets/s", ours, reference),
    await compare("validate-60hz-mix", "packets/s", validate, { ...ours, name: "decode-60hz-mix" }),
    // The reference library cannot read UDP Format 2026: the baseline is our own F1 24 mix, measured alongside.
    await compare("decode-60hz-mix-2026", "packets/s", ours2026, { ...ours, name: "decode-60hz-mix" }),
  ];
  if (sink === 0) throw new Error("nothing decoded");
  return results;
}
