import { defineMetric } from "../../engine/metric.ts";

interface PositionState {
  positions: Map<number, number>;
  starts: Map<number, number>;
}

/**
 * Positions gained or lost since the first lap data of the session, and overtakes in words for the formats
 * whose games send no overtake event (before F1 23): a car moving up past a car that moved down, on track.
 */
export const positions = defineMetric<PositionState>({
  name: "positions",
  init: () => ({ positions: new Map(), starts: new Map() }),
  on: {
    lapData(state, p, { view, emit }) {
      const derive = p.meta.packetFormat < 2023 && view.session?.sessionKind === "race";
      const movedUp: number[] = [];
      const movedDown = new Map<number, number>();
      for (const i of view.activeCarIndices()) {
        const c = p.cars[i];
        if (!c || c.position <= 0) continue;
        const before = state.positions.get(i);
        if (!state.starts.has(i)) state.starts.set(i, c.gridPosition > 0 ? c.gridPosition : c.position);
        if (before !== undefined && c.position < before && c.pitStatus === "none") movedUp.push(i);
        // Dropping back in the pit lane or on retiring is losing places, not being overtaken on track.
        const onTrack = c.pitStatus === "none" && c.resultStatus === "active";
        if (before !== undefined && c.position > before && onTrack) movedDown.set(c.position, i);
        state.positions.set(i, c.position);
        view.liveCar(i).positionsGained = (state.starts.get(i) as number) - c.position;
      }
      if (!derive) return;
      for (const i of movedUp) {
        const overtaken = movedDown.get((state.positions.get(i) as number) + 1);
        if (overtaken === undefined) continue;
        emit.event({
          code: "OVTK",
          carIndex: i,
          otherCarIndex: overtaken,
          text: `${view.driverName(i)} overtakes ${view.driverName(overtaken)}`,
          details: { derived: true },
        });
      }
    },
  },
});
