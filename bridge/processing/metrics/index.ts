import type { AnyMetric } from "../engine/metric.ts";
import { carState } from "./car/car-state.ts";
import { fuel } from "./car/fuel.ts";
import { tyreWear } from "./car/tyre-wear.ts";
import { lapTraces } from "./driving/lap-traces.ts";
import { eventsFeed } from "./session/events-feed.ts";
import { gaps } from "./timing/gaps.ts";
import { lapTiming } from "./timing/lap-timing.ts";
import { pitStops } from "./timing/pit-stops.ts";
import { positions } from "./timing/positions.ts";

/**
 * Every metric the processor runs, in order: a metric may read what an earlier one put on the live car state
 * (gaps read the best laps that lap timing sets). Lap traces come after lap timing, so a lap's trace follows it.
 */
export function defaultMetrics(options: { traceStepM?: number } = {}): readonly AnyMetric[] {
  return [lapTiming, gaps, positions, pitStops, carState, fuel, tyreWear, lapTraces(options.traceStepM), eventsFeed];
}

export const DEFAULT_METRICS: readonly AnyMetric[] = defaultMetrics();
