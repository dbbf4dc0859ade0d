/** What every packet builder reads: the plan, the format's packets, the entrants and the session's constants. */
import type { Zone } from "../engine.ts";
import type { Compound, SessionPlan } from "../plan.ts";
import type { Entrant } from "../roster.ts";
import type { Packets } from "./fill.ts";

export interface SimContext {
  readonly plan: SessionPlan;
  readonly packets: Packets;
  readonly entrants: readonly Entrant[];
  readonly zones: readonly Zone[];
  /** The session type's id in this format (they were renumbered in 2021 and 2024). */
  readonly sessionTypeId: number;
}

export function sessionTypeId(packetFormat: number, session: SessionPlan["spec"]["session"]): number {
  if (session === "race") return packetFormat >= 2024 ? 15 : 10;
  if (session === "qualifying") return 8; // Short Qualifying
  return packetFormat >= 2024 ? 18 : packetFormat >= 2021 ? 13 : 12;
}

/** Compound ids: 2018's single field (Soft 3, Medium 4, Hard 5); 2019+ actual (C4, C3, C2) and visual. */
export function compoundIds(packetFormat: number, c: Compound): { actual: number; visual: number } {
  if (packetFormat === 2018) {
    const id = { soft: 3, medium: 4, hard: 5 }[c];
    return { actual: id, visual: id };
  }
  return { actual: { soft: 17, medium: 18, hard: 19 }[c], visual: { soft: 16, medium: 17, hard: 18 }[c] };
}

export const WEATHER = { trackC: 32, airC: 24 } as const;
