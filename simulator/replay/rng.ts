/** A seeded pseudo-random source (mulberry32): the same seed gives the same losses, duplicates and delays. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** A random non-zero 64-bit value (two draws). */
  nextU64(): bigint;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const u32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    next: () => u32() / 4294967296,
    nextU64: () => {
      for (;;) {
        const value = (BigInt(u32()) << 32n) | BigInt(u32());
        if (value !== 0n) return value;
      }
    },
  };
}
