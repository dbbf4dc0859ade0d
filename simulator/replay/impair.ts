import type { Random } from "./rng.ts";

/** Simulated network trouble, to exercise the processor's reorder buffer and dedupe. */
export interface Impairments {
  /** Probability that an entry is never sent. */
  readonly loss: number;
  /** Probability that an entry is sent twice (the copy right after it). */
  readonly duplicate: number;
  /** Probability that an entry is held back and sent just after the next one. */
  readonly reorder: number;
  /** Each send is delayed by a uniform random 0 to this many µs of wall time (large values reorder too). */
  readonly jitterUs: number;
}

export const NO_IMPAIRMENTS: Impairments = { loss: 0, duplicate: 0, reorder: 0, jitterUs: 0 };

export interface ImpairCounts {
  entries: number;
  lost: number;
  duplicated: number;
  reordered: number;
}

export interface Entry {
  readonly bytes: Buffer;
  /** When the recording has it sent, µs from the start of the replay (recording time). */
  readonly dueUs: number;
  readonly source: string | undefined;
}

/** One send to make: the entry's due time plus `delayUs` of wall time. */
export interface PlannedSend extends Entry {
  readonly delayUs: number;
}

/**
 * Turns entries into sends, pure apart from its seeded random source: the same seed and entries give the same
 * plan. Draws per entry, in order: loss; then (if kept) duplicate, reorder (unless one is already held back),
 * and one jitter per send; a probability of 0 draws nothing.
 */
export class Impairer {
  readonly counts: ImpairCounts = { entries: 0, lost: 0, duplicated: 0, reordered: 0 };
  private held: Entry | undefined;
  private heldCopies = 1;

  constructor(
    private readonly options: Impairments,
    private readonly random: Random,
  ) {}

  /** The sends that `entry` releases, in order (the held-back one after the entry that overtakes it). */
  push(entry: Entry): PlannedSend[] {
    this.counts.entries++;
    const { loss, duplicate, reorder } = this.options;
    if (loss > 0 && this.random.next() < loss) {
      this.counts.lost++;
      return [];
    }
    const copies = duplicate > 0 && this.random.next() < duplicate ? 2 : 1;
    if (copies === 2) this.counts.duplicated++;
    if (this.held === undefined && reorder > 0 && this.random.next() < reorder) {
      this.held = entry;
      this.heldCopies = copies;
      return [];
    }
    const sends = this.sends(entry, copies);
    if (this.held !== undefined) {
      // Sent right after the one that overtook it, so at its due time.
      sends.push(...this.sends({ ...this.held, dueUs: entry.dueUs }, this.heldCopies));
      this.held = undefined;
      this.counts.reordered++;
    }
    return sends;
  }

  /** At the end of the input: the one still held back, if any, goes out (nothing overtook it). */
  flush(): PlannedSend[] {
    if (this.held === undefined) return [];
    const sends = this.sends(this.held, this.heldCopies);
    this.held = undefined;
    return sends;
  }

  private sends(entry: Entry, copies: number): PlannedSend[] {
    const out: PlannedSend[] = [];
    for (let i = 0; i < copies; i++) {
      const delayUs = this.options.jitterUs > 0 ? Math.floor(this.random.next() * this.options.jitterUs) : 0;
      out.push({ ...entry, delayUs });
    }
    return out;
  }
}
