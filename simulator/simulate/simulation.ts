/**
 * A simulated session as the game sends it: frames at the UDP send rate, each packet type at the game's own rate,
 * every datagram built with emptyPacket + encode in the chosen format. Deterministic: the same options give the same
 * bytes (time is the session clock, never the wall clock).
 */
import type { SupportedFormat } from "../../bridge/f1/formats/index.ts";
import { seededRandom } from "../replay/rng.ts";
import { type Frame, SessionEngine } from "./engine.ts";
import {
  damagePacket,
  motionExPacket,
  motionPacket,
  setupsPacket,
  statusPacket,
  telemetry2Packet,
  telemetryPacket,
  tyreSetsPacket,
} from "./packets/car-packets.ts";
import { type SimContext, sessionTypeId } from "./packets/context.ts";
import { Packets, type Template } from "./packets/fill.ts";
import {
  eventPacket,
  finalClassificationPacket,
  lapPositionsPacket,
  participantsPacket,
  sessionPacket,
  timeTrialPacket,
} from "./packets/session-packets.ts";
import { lapDataPacket, sessionHistoryPacket } from "./packets/timing-packets.ts";
import { planSession, type SessionKind, type SessionPlan } from "./plan.ts";
import { maxCars, roster } from "./roster.ts";
import { F1_CAR } from "./speed-profile.ts";
import { loadTrack } from "./track.ts";
import { type GroundTruth, groundTruth } from "./truth.ts";

export interface SimulationOptions {
  /** A trackId or a circuit's name. */
  readonly track: string;
  readonly packetFormat: SupportedFormat;
  readonly session: SessionKind;
  readonly cars: number;
  readonly laps: number;
  readonly seed: number;
  /** The game's UDP send rate, Hz (10, 15, 20, 30 or 60 in the game's menu). */
  readonly rateHz: number;
  /** Races longer than this get one pit stop per car. */
  readonly pitAfterLaps?: number;
  /** Which rig this is (0-based): its own sessionUID and source port. */
  readonly rig?: number;
}

export interface SimDatagram {
  /** Microseconds since the session started (the session clock). */
  readonly timeUs: number;
  readonly bytes: Buffer;
  /** "127.0.0.1:port" of this rig. */
  readonly source: string;
}

/** Source port of a rig in captures (live sends use a socket per rig, so a port of its own). */
export const RIG_BASE_PORT = 40_000;

export class Simulation {
  readonly plan: SessionPlan;
  readonly truth: GroundTruth;
  readonly sessionUID: string;
  readonly source: string;
  private readonly ctx: SimContext;
  private t = 0;

  constructor(readonly options: SimulationOptions) {
    const { packetFormat, cars } = options;
    if (cars < 1 || cars > maxCars(packetFormat)) {
      throw new RangeError(`UDP format ${packetFormat} carries 1 to ${maxCars(packetFormat)} cars, not ${cars}`);
    }
    const rig = options.rig ?? 0;
    const track = loadTrack(options.track, packetFormat);
    const session = options.session;
    this.plan = planSession({
      track,
      car: F1_CAR,
      session,
      cars: session === "time-trial" ? 1 : cars,
      laps: options.laps,
      seed: options.seed,
      pitAfterLaps: options.pitAfterLaps ?? 5,
    });
    this.sessionUID = seededRandom((options.seed ^ (0x51a7 * (rig + 1))) >>> 0)
      .nextU64()
      .toString();
    this.source = `127.0.0.1:${RIG_BASE_PORT + rig}`;
    const packets = new Packets(packetFormat);
    const year = packetFormat === 2026 ? 25 : packetFormat % 100;
    Object.assign(packets.header, {
      sessionUID: this.sessionUID,
      gameYear: year,
      gameMajorVersion: 1,
      gameMinorVersion: 0,
      packetVersion: 1,
      playerCarIndex: 0,
      secondaryPlayerCarIndex: 255,
    });
    const entrants = roster(packetFormat, this.plan.cars.length);
    const engine = new SessionEngine(this.plan);
    this.engine = engine;
    this.ctx = {
      plan: this.plan,
      packets,
      entrants,
      zones: engine.zones,
      sessionTypeId: sessionTypeId(packetFormat, session),
    };
    this.truth = groundTruth(this.plan, entrants, this.sessionUID, packetFormat);
  }

  private readonly engine: SessionEngine;

  /** Session seconds simulated so far, as a share of the whole session. */
  progress(): number {
    return Math.min(1, this.t / this.plan.end);
  }

  /** Field names the builders set that no format has (typos); empty when all is well. */
  strayKeys(): string[] {
    return this.ctx.packets.strayKeys();
  }

  /** Seconds the session lasts. */
  get durationS(): number {
    return this.plan.end;
  }

  *datagrams(): Generator<SimDatagram> {
    const rate = this.options.rateHz;
    const { ctx } = this;
    // How many sends of a `perSecond` packet fall in frame f (more than one when it outpaces the frame rate).
    const due = (f: number, perSecond: number) =>
      Math.floor((f * perSecond) / rate) - Math.floor(((f - 1) * perSecond) / rate);
    let historyCar = 0;
    let tyreCar = 0;
    for (let f = 0; ; f++) {
      const t = f / rate;
      this.t = t;
      const frame = this.engine.frame(t);
      const timeUs = Math.round(t * 1e6);
      const head = { sessionTime: t, frameIdentifier: f, overallFrameIdentifier: f };
      // Encoded as soon as built: a packet object is reused (twice in one frame for history at 10 Hz).
      const out: Buffer[] = [];
      const send = (...packets: (Template | undefined)[]) => {
        for (const p of packets) if (p) out.push(ctx.packets.encode(p, head));
      };
      const first = f === 0;
      send(motionPacket(ctx, frame));
      if (first || due(f, 2)) send(sessionPacket(ctx, t));
      send(lapDataPacket(ctx, frame));
      for (const e of frame.events) if (e.code !== "SEND") send(eventPacket(ctx, e));
      if (first || due(f, 0.2)) send(participantsPacket(ctx));
      if (first || due(f, 2)) send(setupsPacket(ctx));
      send(telemetryPacket(ctx, frame), statusPacket(ctx, frame));
      if (first || due(f, 10)) send(damagePacket(ctx, frame));
      // One car per packet, cycling; never the same car twice in a frame (identical datagrams).
      const cars = frame.cars;
      for (let n = Math.min(cars.length, first ? 1 : due(f, 20)); n > 0; n--) {
        send(sessionHistoryPacket(ctx, cars[historyCar++ % cars.length] as Frame["cars"][number]));
        send(tyreSetsPacket(ctx, cars[tyreCar++ % cars.length] as Frame["cars"][number]));
      }
      send(motionExPacket(ctx, frame));
      if (first || due(f, 1)) send(timeTrialPacket(ctx, frame), lapPositionsPacket(ctx, frame));
      send(telemetry2Packet(ctx, frame));
      const end = frame.events.some((e) => e.code === "SEND");
      if (end) {
        // The classification first, then the session's end, as the game does.
        if (this.plan.spec.session !== "time-trial") send(finalClassificationPacket(ctx, frame));
        send(eventPacket(ctx, { code: "SEND" }));
      }
      for (const bytes of out) yield { timeUs, bytes, source: this.source };
      if (end) {
        this.t = this.plan.end;
        return;
      }
    }
  }
}
