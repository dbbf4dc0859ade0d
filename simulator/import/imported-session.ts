/**
 * An imported lap as game datagrams, built by the simulator's own packet builders (packets/) from frames shaped
 * like the simulator's: either its own time-trial session (car 0, the player, with session, participants and
 * events), or one extra car in someone else's session (`join`): datagrams carry that sessionUID and only this
 * car's slot; session, participants and events are left to the game that owns the session.
 */
import type { SupportedFormat } from "../../bridge/f1/formats/index.ts";
import { seededRandom } from "../replay/rng.ts";
import { newConsumables } from "../simulate/consumables.ts";
import { MAX_RPM } from "../simulate/controls.ts";
import { type CarFrame, DRIVER, type Frame, RESULT } from "../simulate/engine.ts";
import {
  motionExPacket,
  motionPacket,
  statusPacket,
  telemetry2Packet,
  telemetryPacket,
} from "../simulate/packets/car-packets.ts";
import { type SimContext, sessionTypeId } from "../simulate/packets/context.ts";
import { Packets, type Template } from "../simulate/packets/fill.ts";
import { eventPacket, participantsPacket, sessionPacket } from "../simulate/packets/session-packets.ts";
import { lapDataPacket } from "../simulate/packets/timing-packets.ts";
import type { SessionPlan } from "../simulate/plan.ts";
import { roster } from "../simulate/roster.ts";
import type { SimDatagram } from "../simulate/simulation.ts";
import { F1_CAR } from "../simulate/speed-profile.ts";
import type { Track } from "../simulate/track.ts";
import type { LapFrame } from "./resample.ts";

export interface ImportOptions {
  readonly packetFormat: SupportedFormat;
  readonly rateHz: number;
  /** The lap's time from the data, ms (what the lap data reports when the lap completes). */
  readonly lapTimeMs: number;
  /** Driver name in the participants packet (own session only). */
  readonly name: string;
  /** Join this session as car `carIndex` instead of making one. */
  readonly join?: { readonly sessionUID: string; readonly carIndex: number };
  /** Own session's UID (default: derived from the lap time, so one input gives the same bytes). */
  readonly sessionUID?: string;
  /** First frameIdentifier and session time (s): a joined session's clock. */
  readonly startFrame?: number;
  readonly startSessionTimeS?: number;
}

export const IMPORT_SOURCE = "127.0.0.1:40999";
const FRAME_DEFAULTS = { fuelKg: 10, compound: "soft" } as const;

/** The simulator's CarFrame for one resampled frame (lap 1 until the lap time, then lap 2 with the lap done). */
function carFrame(index: number, f: LapFrame, track: Track, lapTimeMs: number): CarFrame {
  const ms = f.t * 1000;
  const done = ms >= lapTimeMs;
  const sector = f.distanceM >= track.sector3M ? 2 : f.distanceM >= track.sector2M ? 1 : 0;
  const v = f.speedKmh / 3.6;
  const rpm = Math.round(f.rpm);
  return {
    index,
    motion: { v, a: f.gLong * 9.81, k: f.curvature, raceArc: f.distanceM, moving: v > 0.3 } as CarFrame["motion"],
    controls: {
      throttle: f.throttle,
      brake: f.brake,
      gear: Math.round(f.gear),
      rpm,
      steer: Math.max(-1, Math.min(1, Math.atan(3.6 * f.curvature) / 0.35)),
      revLightsPercent: Math.round(Math.max(0, Math.min(1, (rpm - 10_500) / (MAX_RPM - 800 - 10_500))) * 100),
    },
    ...{ x: f.x, y: f.y, z: f.z, fx: f.fx, fz: f.fz, gLat: f.gLat, gLong: f.gLong },
    lap: done ? 2 : 1,
    lapDistanceM: done ? 0 : f.distanceM,
    totalDistanceM: f.distanceM,
    currentLapMs: done ? Math.round(ms - lapTimeMs) : Math.round(ms),
    lastLapMs: done ? lapTimeMs : 0,
    bestLapMs: done ? lapTimeMs : 0,
    bestLapNum: done ? 1 : 0,
    sector: done ? 0 : sector,
    ...{ sector1Ms: 0, sector2Ms: 0, position: 1, gridPosition: 1, pitStatus: 0, numPitStops: 0 },
    ...{ pitLaneTimeMs: 0, pitStopTimerMs: 0, lapInvalid: false, cornerCuttingWarnings: 0 },
    driverStatus: DRIVER.flyingLap,
    resultStatus: RESULT.active,
    ...{ deltaToCarInFrontMs: 0, deltaToLeaderMs: 0, straight: f.drs, drs: f.drs, drsAllowed: f.drs },
    compound: FRAME_DEFAULTS.compound,
    tyreAgeLaps: 1,
    consumables: newConsumables(FRAME_DEFAULTS.fuelKg),
    completed: [],
    lapStartPositions: [1],
  };
}

/** Sector times: when the data's lap distance first reaches each sector's start (linear between frames). */
function sectorTimes(frames: readonly LapFrame[], track: Track): [number, number] {
  const crossing = (m: number) => {
    for (let i = 1; i < frames.length; i++) {
      const a = frames[i - 1] as LapFrame;
      const b = frames[i] as LapFrame;
      if (b.distanceM >= m && a.distanceM < m)
        return a.t + ((m - a.distanceM) / (b.distanceM - a.distanceM)) * (b.t - a.t);
    }
    return Number.NaN;
  };
  const s2 = crossing(track.sector2M);
  const s3 = crossing(track.sector3M);
  return [Math.round(s2 * 1000), Math.round((s3 - s2) * 1000)];
}

export class ImportedSession {
  readonly sessionUID: string;
  readonly source = IMPORT_SOURCE;
  private readonly ctx: SimContext;
  private sent = 0;

  constructor(
    readonly frames: readonly LapFrame[],
    readonly track: Track,
    readonly options: ImportOptions,
  ) {
    const { packetFormat, join } = options;
    this.sessionUID = join?.sessionUID ?? options.sessionUID ?? seededRandom(options.lapTimeMs).nextU64().toString();
    const packets = new Packets(packetFormat);
    Object.assign(packets.header, {
      sessionUID: this.sessionUID,
      gameYear: packetFormat === 2026 ? 25 : packetFormat % 100,
      gameMajorVersion: 1,
      gameMinorVersion: 0,
      packetVersion: 1,
      // A joined car is nobody's player: the game's own player keeps the driver view.
      playerCarIndex: join ? 255 : 0,
      secondaryPlayerCarIndex: 255,
    });
    const entrant = { ...(roster(packetFormat, 1)[0] as ReturnType<typeof roster>[number]), name: options.name };
    const durationS = frames.length / options.rateHz;
    const plan = {
      spec: { track, car: F1_CAR, session: "time-trial", cars: 1, laps: 1, seed: 0, pitAfterLaps: 99 },
      end: durationS,
      cars: [{ index: 0, pitLap: undefined, laps: [], fuelStartKg: FRAME_DEFAULTS.fuelKg }],
    } as unknown as SessionPlan;
    const sessionType = sessionTypeId(packetFormat, "time-trial");
    this.ctx = { plan, packets, entrants: [entrant], zones: [], sessionTypeId: sessionType };
  }

  get durationS(): number {
    return this.frames.length / this.options.rateHz;
  }

  progress(): number {
    return this.frames.length === 0 ? 1 : this.sent / this.frames.length;
  }

  *datagrams(): Generator<SimDatagram> {
    const { ctx, options, track } = this;
    const own = options.join === undefined;
    const index = options.join?.carIndex ?? 0;
    const [s1, s2] = sectorTimes(this.frames, track);
    const startFrame = options.startFrame ?? 0;
    const startTime = options.startSessionTimeS ?? 0;
    for (let f = 0; f < this.frames.length; f++) {
      const lf = this.frames[f] as LapFrame;
      const car = carFrame(index, lf, track, options.lapTimeMs);
      if (car.sector >= 1) car.sector1Ms = s1;
      if (car.sector >= 2) car.sector2Ms = s2;
      // Only this car's slot: the others stay empty (and inactive in lap data).
      const cars: CarFrame[] = [];
      cars[index] = car;
      const frame: Frame = { t: lf.t, cars, events: [] };
      const head = {
        sessionTime: startTime + lf.t,
        frameIdentifier: startFrame + f,
        overallFrameIdentifier: startFrame + f,
      };
      const last = f === this.frames.length - 1;
      const out: (Template | undefined)[] = [motionPacket(ctx, frame)];
      if (own && (f === 0 || f % Math.round(options.rateHz / 2) === 0)) out.push(sessionPacket(ctx, lf.t));
      out.push(lapDataPacket(ctx, frame));
      if (own && f === 0) out.push(eventPacket(ctx, { code: "SSTA" }));
      if (own && f % (options.rateHz * 5) === 0) out.push(participantsPacket(ctx));
      out.push(telemetryPacket(ctx, frame), statusPacket(ctx, frame));
      if (own) out.push(motionExPacket(ctx, frame));
      out.push(telemetry2Packet(ctx, frame));
      if (own && last) out.push(eventPacket(ctx, { code: "SEND" }));
      const timeUs = Math.round(lf.t * 1e6);
      // Encoded before the next frame: the builders refill one object per packet type.
      const bytes = out.filter((p) => p !== undefined).map((p) => ctx.packets.encode(p, head));
      this.sent = f + 1;
      for (const b of bytes) yield { timeUs, bytes: b, source: this.source };
    }
  }
}
