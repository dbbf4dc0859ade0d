import { setTimeout as sleep } from "node:timers/promises";

/** Nanoseconds since the clock was made, from the monotonic clock (never wall time, which can jump). */
export interface Clock {
  nowNs(): number;
}

export function monotonicClock(): Clock {
  const t0 = process.hrtime.bigint();
  return { nowNs: () => Number(process.hrtime.bigint() - t0) };
}

/**
 * Below this much time left, stop sleeping on a libuv timer (millisecond resolution, and it wakes a millisecond
 * or so late) and finish with a precise sleep.
 */
const COARSE_MARGIN_NS = 2_000_000;

/** The last stretch is spun on the clock: shorter than a futex sleep's wake-up delay (timer slack and scheduling). */
const SPIN_NS = 150_000;

const cell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Resolves as soon after `targetNs` as possible: a timer for the bulk of the wait (the event loop serves sockets
 * and signals meanwhile), then, for the last 2 ms at most, Atomics.wait, a futex sleep with sub-millisecond
 * precision, and a spin on the clock for the final 150 µs. Why not spin on setImmediate for the last
 * milliseconds: a spinning process uses up its CPU share, and on a busy machine the scheduler then preempts it
 * for milliseconds right when a send is due; a sleeping one is woken promptly. The event loop is blocked for at
 * most those last 2 ms. Returns early when `signal` aborts.
 */
export async function waitUntil(clock: Clock, targetNs: number, signal?: AbortSignal): Promise<void> {
  for (;;) {
    if (signal?.aborted) return;
    const left = targetNs - clock.nowNs();
    if (left <= 0) return;
    const coarseMs = Math.floor((left - COARSE_MARGIN_NS) / 1e6);
    if (coarseMs >= 1) {
      try {
        await sleep(coarseMs, undefined, { signal });
      } catch {
        return; // aborted
      }
    } else if (left > SPIN_NS) Atomics.wait(cell, 0, 0, (left - SPIN_NS) / 1e6);
    else while (clock.nowNs() < targetNs); // the last 150 µs: a futex wakes about 100 µs late
  }
}
