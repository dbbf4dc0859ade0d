// The fan-out benchmark's feed: a real 22-car `cars` message, the gateway's positions message made from it, and a
// ticker at the feed's rate.
import { DEFAULT_METRICS } from "../../bridge/processing/metrics/index.ts";
import { PartitionProcessor } from "../../bridge/processing/processor/partition-processor.ts";
import type { CarsMessage } from "../../bridge/protocol/derived.ts";
import type { CarPosition, PositionsMessage } from "../../bridge/protocol/web.ts";
import { liveMix } from "../processing-mix.ts";

export const FEED_HZ = 20;
export const TOWER_EVERY = 5;
export const SESSION_UID = "4242";
const CARS = 22;

/** A real `cars` message: the processor's output for an F1 24 game (20 cars), two more cars copied in to make 22. */
export function realCarsMessage(): CarsMessage {
  let last: CarsMessage | undefined;
  const processor = new PartitionProcessor({
    metrics: DEFAULT_METRICS,
    reorderWindowMs: 0,
    carsRateHz: 20,
    publish: (m) => {
      if (m.type === "cars") last = m;
    },
  });
  processor.push(liveMix(1, 3), 0);
  if (!last) throw new Error("the processor made no cars message");
  const cars = [...last.cars];
  for (let i = cars.length; i < CARS; i++) {
    const from = cars[i % last.cars.length] as CarsMessage["cars"][number];
    cars.push({ ...from, carIndex: i, position: i + 1, x: (from.x ?? 0) + 7, z: (from.z ?? 0) - 5 });
  }
  return { ...last, sessionUID: SESSION_UID, cars };
}

/** The gateway's positions message for a cars message (bridge/gateway/fanout.ts makes the same). */
export function positionsOf(cars: CarsMessage): PositionsMessage {
  const list: CarPosition[] = [];
  for (const car of cars.cars) {
    if (typeof car.x !== "number" || typeof car.z !== "number") continue;
    list.push([car.carIndex, car.x, car.y ?? 0, car.z, car.yaw ?? 0, car.speedKmh ?? 0]);
  }
  return {
    type: "positions",
    sessionUID: cars.sessionUID,
    sessionTimeMs: cars.sessionTimeMs,
    receivedAtUs: cars.receivedAtUs,
    cars: list,
  };
}

/** Calls `tick(index, dueUs)` at FEED_HZ from the due times (never faster; a late tick runs at once, counted). */
export function feed(tick: (index: number, dueUs: number) => void): { stop: () => void; late: () => number } {
  const period = 1000 / FEED_HZ;
  const start = performance.now();
  let index = 0;
  let late = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const step = () => {
    if (stopped) return;
    const now = performance.now();
    while (start + index * period <= now) {
      const due = start + index * period;
      if (now - due > period) late++;
      tick(index, (performance.timeOrigin + due) * 1000);
      index++;
    }
    timer = setTimeout(step, Math.max(0, start + index * period - performance.now()));
  };
  step();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    late: () => late,
  };
}
