import { setTimeout as sleep } from "node:timers/promises";

/** Nanoseconds since the clock was made, from the monotonic clock (never wall time, which can jump). */
export interface Clock {
  nowNs(): number;
}

export function monotonicClock(): Clock {
  const t0 = process.hrtime.bigint();
  return { nowNs: () => Number(process.hrtime.bigint() - t0) };
}

/** Below this much time left, stop sleeping on a timer (whose wake-up is late by a millisecond or more) and poll. */
const COARSE_MARGIN_NS = 2_000_000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Resolves as soon after `targetNs` as the event loop allows: a timer for the bulk of the wait, then
 * setImmediate turns (the event loop keeps serving sockets and signals) until the clock passes the target.
 * Returns early when `signal` aborts.
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
    } else await nextTurn();
  }
}
