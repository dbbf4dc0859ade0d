// The selected car: speed, throttle, brake, gear, RPM, DRS, ERS, tyre wear and temperatures. The live car state
// (every car, 4 Hz) fills what it has; the telemetry channel (the player's car, or the car asked for) adds RPM and
// per-wheel wear and temperatures when the processor publishes that car.
import type { SessionStore } from "../net/session-store.ts";
import { gear, h, num, setText, teamColour } from "../ui/index.ts";
import { Bar, Stat, Tyres } from "../ui/widgets.ts";

export class CarPanel {
  readonly element: HTMLElement;
  private readonly title = h("h2");
  private readonly chip = h("span.chip");
  private readonly speed = new Stat("Speed");
  private readonly gear = new Stat("Gear");
  private readonly rpm = new Stat("RPM");
  private readonly drs = new Stat("DRS");
  private readonly ers = new Stat("ERS");
  private readonly fuel = new Stat("Fuel");
  private readonly throttle = new Bar("Throttle", "#49d17d");
  private readonly brake = new Bar("Brake", "#ff4d4d");
  private readonly tyres = new Tyres();

  constructor(private readonly store: SessionStore) {
    this.element = h(
      "section.panel.car-panel",
      { "data-testid": "car-panel" },
      h("header", {}, this.chip, this.title),
      h("div.stats", {}, ...[this.speed, this.gear, this.rpm, this.drs, this.ers, this.fuel].map((s) => s.element)),
      this.throttle.element,
      this.brake.element,
      this.tyres.element,
    );
  }

  update(carIndex: number | undefined): void {
    if (carIndex === undefined) {
      setText(this.title, "Select a car in the tower");
      return;
    }
    const c = this.store.cars.get(carIndex);
    const t = this.store.telemetry.get(carIndex);
    const p = this.store.participant(carIndex);
    setText(
      this.title,
      `${c?.position ? `P${c.position} ` : ""}${this.store.driverName(carIndex)}${p?.team ? ` · ${p.team}` : ""}`,
    );
    this.chip.style.background = teamColour(p?.team, p?.teamId ?? carIndex);
    // The telemetry message is the fresher when it exists (game rate against 4 Hz).
    this.speed.set(num(t?.speedKmh ?? c?.speedKmh, 0, " km/h"));
    this.gear.set(gear(t?.gear ?? c?.gear));
    this.rpm.set(num(t?.rpm));
    this.drs.set((t?.drs ?? c?.drs) ? "OPEN" : "—");
    const ersPct = t?.ersStoreJ !== undefined ? (t.ersStoreJ / 4e6) * 100 : c?.ersStorePercent;
    this.ers.set(`${num(ersPct, 0, "%")}${t?.ersDeployMode ? ` ${t.ersDeployMode}` : ""}`);
    this.fuel.set(num(t?.fuelLapsLeft ?? c?.fuelLapsLeft, 1, " laps"));
    this.throttle.set(t?.throttle ?? c?.throttle);
    this.brake.set(t?.brake ?? c?.brake);
    if (t?.tyreWearPercent || t?.tyreSurfaceC) {
      this.tyres.set(
        [
          (t.tyreWearPercent ?? []).map((w) => `${w.toFixed(0)}% worn`),
          (t.tyreSurfaceC ?? []).map((s) => `${s.toFixed(0)}°C`),
        ],
        t.tyreSurfaceC,
      );
    } else {
      const worst = c?.tyreWearPercent;
      this.tyres.set([[0, 1, 2, 3].map(() => (worst !== undefined ? `≤${worst.toFixed(0)}%` : ""))]);
    }
  }
}
