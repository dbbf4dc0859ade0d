import {
  type CarState,
  DERIVED_VERSION,
  type DerivedMessage,
  type SessionMessage,
  type TelemetryMessage,
} from "../../protocol/derived.ts";
import type { ModelPacket } from "../model/types.ts";
import type { Emit, TelemetryFields } from "./metric.ts";
import { copyCar, type SessionView } from "./session-view.ts";

/** Session times are float32 seconds: 16.667 ms frames add up to 49.999 ms as often as to 50.001. */
const CLOCK_NOISE_MS = 1;

/**
 * Turns what metrics emit into stamped protocol messages: laps and events at once with deterministic ids, car
 * frames throttled by session time (deterministic, and real time at 1x), the player's telemetry after every
 * telemetry packet (the game's rate), and the session message when what it says changes.
 */
export class SessionOutputs {
  receivedAtUs: number | undefined;
  readonly emit: Emit;
  view: SessionView;
  private readonly intervalMs: number;
  private readonly publish: (message: DerivedMessage) => void;
  private readonly sources: () => string[];
  private readonly telemetryFields = new Map<number, TelemetryFields>();
  private nextCarsAtMs = Number.NEGATIVE_INFINITY;
  private lastSessionJson = "";
  private eventFrame = -1;
  private eventsInFrame = 0;

  constructor(view: SessionView, carsRateHz: number, publish: (m: DerivedMessage) => void, sources: () => string[]) {
    this.view = view;
    this.intervalMs = carsRateHz > 0 ? 1000 / carsRateHz : 0;
    this.publish = publish;
    this.sources = sources;
    this.emit = {
      lap: (lap) => {
        const id = `${this.view.sessionUID}/${lap.carIndex}/${lap.lap}`;
        this.publish({ ...this.stamp(), type: "lap", id, ...lap });
      },
      trace: (trace) => {
        const id = `${this.view.sessionUID}/${trace.carIndex}/${trace.lap}`;
        this.publish({ ...this.stamp(), type: "trace", id, ...trace });
      },
      event: (event) => {
        const frame = this.view.frame;
        if (frame !== this.eventFrame) {
          this.eventFrame = frame;
          this.eventsInFrame = 0;
        }
        const id = `${this.view.sessionUID}/${frame}/${event.code}/${this.eventsInFrame++}`;
        this.publish({ ...this.stamp(), type: "event", id, ...event });
      },
      car: (carIndex, fields) => this.view.mergeCar(carIndex, fields),
      telemetry: (carIndex, fields) => {
        const current = this.telemetryFields.get(carIndex);
        if (current) Object.assign(current, fields);
        else this.telemetryFields.set(carIndex, { ...fields });
      },
    };
  }

  /** Called after the metrics ran on a packet. */
  after(packet: ModelPacket): void {
    if (packet.kind === "session" || packet.kind === "participants") this.publishSession();
    if (packet.kind === "telemetry") this.publishPlayerTelemetry();
    const t = packet.meta.sessionTimeMs;
    // On a grid of the interval, with a millisecond for the float32 clock's noise: "now + 50 ms" missed the
    // frame 49.999 ms later and made 20 Hz into 15 Hz at 60 Hz frames. A stream that was away starts a new grid.
    if (packet.kind === "lapData" && t + CLOCK_NOISE_MS >= this.nextCarsAtMs) {
      const onGrid = this.nextCarsAtMs + this.intervalMs;
      this.nextCarsAtMs = onGrid > t ? onGrid : t + this.intervalMs;
      this.publishCars();
    }
  }

  /** The little that outputs remember, for checkpoints. */
  save() {
    return {
      telemetryFields: this.telemetryFields,
      nextCarsAtMs: this.nextCarsAtMs,
      lastSessionJson: this.lastSessionJson,
      eventFrame: this.eventFrame,
      eventsInFrame: this.eventsInFrame,
    };
  }

  load(saved: ReturnType<SessionOutputs["save"]>): void {
    for (const [i, f] of saved.telemetryFields) this.telemetryFields.set(i, f);
    this.nextCarsAtMs = saved.nextCarsAtMs;
    this.lastSessionJson = saved.lastSessionJson;
    this.eventFrame = saved.eventFrame;
    this.eventsInFrame = saved.eventsInFrame;
  }

  rewind(): void {
    this.nextCarsAtMs = Number.NEGATIVE_INFINITY;
  }

  private stamp() {
    const base = { v: DERIVED_VERSION, sessionUID: this.view.sessionUID, sessionTimeMs: this.view.sessionTimeMs };
    return this.receivedAtUs === undefined ? base : { ...base, receivedAtUs: this.receivedAtUs };
  }

  private publishCars(): void {
    const cars: CarState[] = [];
    for (const i of this.view.activeCarIndices()) {
      const car = this.view.cars.get(i);
      if (car) cars.push(copyCar(car));
    }
    this.publish({ ...this.stamp(), type: "cars", cars });
  }

  private publishPlayerTelemetry(): void {
    const { playerCarIndex, secondaryPlayerCarIndex } = this.view;
    if (playerCarIndex !== undefined) this.publishTelemetryOf(playerCarIndex);
    if (secondaryPlayerCarIndex !== undefined) this.publishTelemetryOf(secondaryPlayerCarIndex);
  }

  /** At the game's rate: the stamp written out in place (no stamp object spread into each message). */
  private publishTelemetryOf(carIndex: number): void {
    const view = this.view;
    const t = view.telemetry?.cars[carIndex];
    if (!t) return;
    const fields = this.telemetryFields.get(carIndex);
    // Without a receive time the stamp is undefined, which JSON leaves out: the same bytes as no field.
    const message: TelemetryMessage = {
      v: DERIVED_VERSION,
      sessionUID: view.sessionUID,
      sessionTimeMs: view.sessionTimeMs,
      receivedAtUs: this.receivedAtUs,
      type: "telemetry",
      carIndex,
      speedKmh: t.speedKmh,
      throttle: t.throttle,
      brake: t.brake,
      steer: t.steer,
      gear: t.gear,
      rpm: t.engineRpm,
      drs: t.drsOpen,
      ...fields,
    };
    this.publish(message);
  }

  private publishSession(): void {
    const view = this.view;
    const s = view.session;
    if (!s) return;
    const participants = (view.participants?.cars ?? []).slice(0, view.participants?.numActiveCars ?? 0);
    const body: Omit<SessionMessage, "v" | "sessionUID" | "sessionTimeMs" | "receivedAtUs"> = {
      type: "session",
      packetFormat: view.packetFormat,
      gameYear: s.meta.gameYear,
      trackId: s.trackId,
      track: s.track,
      trackLengthM: s.trackLengthM,
      sessionTypeId: s.sessionTypeId,
      sessionType: s.sessionType,
      totalLaps: s.totalLaps,
      timeLeftS: s.timeLeftS,
      weather: s.weather,
      trackTempC: s.trackTempC,
      airTempC: s.airTempC,
      forecast: s.forecast?.map((f) => ({ inMinutes: f.timeOffsetMin, weather: f.weather, rainPercent: f.rainPct })),
      safetyCar: s.safetyCarStatus,
      playerCarIndex: view.playerCarIndex ?? 255,
      numActiveCars: view.participants?.numActiveCars,
      participants: participants.map((p, carIndex) => ({
        carIndex,
        name: p.name,
        teamId: p.teamId,
        team: p.team,
        raceNumber: p.raceNumber,
        nationality: p.nationality,
        aiControlled: p.aiControlled,
      })),
      sectorStartsM:
        s.sector2StartM !== undefined && s.sector3StartM !== undefined ? [s.sector2StartM, s.sector3StartM] : undefined,
      sources: this.sources(),
    };
    const json = JSON.stringify(body);
    if (json === this.lastSessionJson) return;
    this.lastSessionJson = json;
    this.publish({ ...this.stamp(), ...body });
  }
}
