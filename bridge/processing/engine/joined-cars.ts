// Cars that join a session from another source: `slipstream import --join-session` drives one car slot of a
// live game's session (a ghost, a reference lap) with datagrams that carry only that slot. Without this, every
// packet counts as the whole truth for every car: on the ghost's frames the game's cars read as empty, and on
// the game's frames the ghost's slot does.
//
// The rule. A source (the bridge's `slipstream-source`, the sender's address) that has sent the session packet
// hosts the session. A source is *joined* when it has never sent the session packet, its packets carry
// playerCarIndex 255 (nobody's player), and another source of the session has sent one. Both together: a
// spectating game sends 255 but also the session packet, a game whose port changed sends its player, and a
// lone source (a recording, a capture without session packets) is never split. A joined source that later
// sends the session packet hosts instead.
// - A joined source owns the slots its lap data shows active (the newest claim wins a slot); its packets
//   update those slots only, its other packets (events, Motion Ex...) are ignored.
// - The hosts' packets never overwrite an owned slot, whatever they hold there.
// - The view holds each per-car packet kind merged slot by slot (every car's latest, from its owner), so
//   every reader sees every car; the metrics see each packet with only its source's slots filled (the others
//   undefined, which every metric skips), so no car is processed twice or with another source's data.
// - A joined source's cars have metric state of their own: the game's cars' laps, session best, live
//   throttles and predictions come out exactly as without it, and a ghost lap does not take the session best.
// - Its frames do not move the session's clock (flashback and frame-gap detection follow the hosts).
// - Owned slots are released when their source has sent nothing for RELEASE_AFTER_MS of the hosts' session
//   time and RELEASE_AFTER_PACKETS of their lap data (a paused game sends nothing and its clock stands still,
//   so a pause releases nothing): the slot goes back to what the game sends, and the ghost leaves the frames.
// With no joined source, split() returns undefined after two comparisons: no copy on the hot path.
import type { ModelKind, ModelPacket, PacketMeta } from "../model/types.ts";
import type { AnyMetric } from "./metric.ts";
import type { SessionView } from "./session-view.ts";
import { registerStateClass } from "./state-codec.ts";

/** A joined source silent this long (session time of the hosts' lap data) gives its slots back. */
export const RELEASE_AFTER_MS = 5000;
export const RELEASE_AFTER_PACKETS = 20;

/** The per-car kinds merged slot by slot: what the view keeps and a joined source sends. */
type CarsKind = "lapData" | "motion" | "telemetry" | "telemetry2" | "status" | "damage";
const CARS_KINDS: ReadonlySet<ModelKind> = new Set<CarsKind>([
  "lapData",
  "motion",
  "telemetry",
  "telemetry2",
  "status",
  "damage",
]);
type CarsPacket = Extract<ModelPacket, { kind: CarsKind }>;

interface JoinedSource {
  /** The slots this source owns, from its latest lap data. */
  slots: number[];
  /** Session time of its latest packet. */
  lastMs: number;
  /** The hosts' lap data packets since its latest packet. */
  silentFor: number;
  /** Its cars' metric state, by metric name. */
  states: Map<string, unknown>;
}

/** One packet routed: what the view keeps, what the metrics see, whose metric state they use. */
export interface Split {
  readonly view: ModelPacket;
  readonly own: ModelPacket;
  /** The joined source's metric states; undefined for a host's packet (the session's own). */
  readonly states: Map<string, unknown> | undefined;
}

function activeSlots(packet: Extract<ModelPacket, { kind: "lapData" }>): number[] {
  const slots: number[] = [];
  const cars = packet.cars;
  for (let i = 0; i < cars.length; i++) {
    const status = cars[i]?.resultStatus;
    if (status !== undefined && status !== "invalid" && status !== "inactive") slots.push(i);
  }
  return slots;
}

function inView(view: SessionView, kind: CarsKind): readonly unknown[] | undefined {
  return view[kind]?.cars;
}

export class JoinedCars {
  /** Sources that have sent the session packet (no source: ""). */
  readonly hosts = new Set<string>();
  readonly joined = new Map<string, JoinedSource>();
  /** Slot -> the joined source that owns it. */
  readonly owners = new Map<number, string>();

  /** Whether this datagram's source is a joined one (cheap: for every datagram). */
  isJoined(source: string | undefined): boolean {
    return this.joined.size > 0 && this.joined.has(source ?? "");
  }

  /**
   * Routes one model packet. undefined: the usual path (no joined source involved; nothing copied).
   * null: a joined source's packet that updates nothing (not per car, or it owns no slot yet).
   */
  split(
    packet: ModelPacket,
    source: string | undefined,
    view: SessionView,
    metrics: readonly AnyMetric[],
  ): Split | null | undefined {
    const key = source ?? "";
    if (packet.kind === "session") {
      if (!this.hosts.has(key)) this.host(key);
      if (this.joined.size === 0) return undefined;
    } else if (
      this.joined.size === 0 &&
      (packet.meta.playerCarIndex !== undefined || this.hosts.size === 0 || this.hosts.has(key))
    ) {
      return undefined;
    }
    let from = this.joined.get(key);
    if (!from && packet.meta.playerCarIndex === undefined && this.hosts.size > 0 && !this.hosts.has(key)) {
      from = {
        slots: [],
        lastMs: packet.meta.sessionTimeMs,
        silentFor: 0,
        states: new Map(metrics.map((m) => [m.name, m.init()])),
      };
      this.joined.set(key, from);
    }
    if (from) return this.fromJoined(from, key, packet, view);
    if (packet.kind === "lapData") this.release(packet.meta.sessionTimeMs);
    if (this.owners.size === 0 || !CARS_KINDS.has(packet.kind)) return undefined;
    // A host's packet: the metrics see it without the owned slots; the view gets the owners' latest there.
    const p = packet as CarsPacket;
    const cars = p.cars as unknown[];
    const own = cars.slice();
    const latest = inView(view, p.kind);
    for (const i of this.owners.keys()) {
      own[i] = undefined;
      cars[i] = latest?.[i];
    }
    return { view: packet, own: { ...p, cars: own } as ModelPacket, states: undefined };
  }

  private fromJoined(from: JoinedSource, key: string, packet: ModelPacket, view: SessionView): Split | null {
    if (!CARS_KINDS.has(packet.kind)) return null;
    const p = packet as CarsPacket;
    from.lastMs = p.meta.sessionTimeMs;
    from.silentFor = 0;
    if (p.kind === "lapData") this.claim(from, key, activeSlots(p));
    if (from.slots.length === 0) return null;
    // Nobody's player in its datagrams: the session's player stays the game's.
    const meta: PacketMeta = {
      ...p.meta,
      playerCarIndex: view.playerCarIndex,
      secondaryPlayerCarIndex: view.secondaryPlayerCarIndex,
    };
    const cars = p.cars as unknown[];
    const own: unknown[] = new Array(cars.length).fill(undefined);
    const merged = inView(view, p.kind)?.slice() ?? new Array(cars.length).fill(undefined);
    for (const i of from.slots) {
      own[i] = cars[i];
      merged[i] = cars[i];
    }
    return {
      view: { ...p, meta, cars: merged } as ModelPacket,
      own: { ...p, meta, cars: own } as ModelPacket,
      states: from.states,
    };
  }

  private claim(from: JoinedSource, key: string, slots: number[]): void {
    for (const i of from.slots) if (this.owners.get(i) === key) this.owners.delete(i);
    for (const i of slots) {
      const before = this.owners.get(i);
      if (before !== undefined && before !== key) {
        const other = this.joined.get(before);
        if (other) other.slots = other.slots.filter((s) => s !== i);
      }
      this.owners.set(i, key);
    }
    from.slots = slots;
  }

  /** A joined source that sends the session packet hosts from now on: its slots go back to the game's data. */
  private host(key: string): void {
    this.hosts.add(key);
    this.drop(key);
  }

  private release(hostMs: number): void {
    for (const [key, from] of this.joined) {
      from.silentFor++;
      if (from.silentFor >= RELEASE_AFTER_PACKETS && Math.abs(hostMs - from.lastMs) > RELEASE_AFTER_MS) this.drop(key);
    }
  }

  private drop(key: string): void {
    const from = this.joined.get(key);
    if (!from) return;
    for (const i of from.slots) if (this.owners.get(i) === key) this.owners.delete(i);
    this.joined.delete(key);
  }

  toJSON() {
    return { $class: "JoinedCars", hosts: this.hosts, joined: this.joined };
  }

  static fromJSON(json: Record<string, unknown>): JoinedCars {
    const j = new JoinedCars();
    for (const h of json.hosts as Set<string>) j.hosts.add(h);
    for (const [key, from] of json.joined as Map<string, JoinedSource>) {
      j.joined.set(key, from);
      for (const i of from.slots) j.owners.set(i, key);
    }
    return j;
  }
}

registerStateClass("JoinedCars", JoinedCars.fromJSON);
