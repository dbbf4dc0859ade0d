// The driver view's numbers: sector times (live, last, best), tyre temperatures and wear, fuel and ERS, and the
// predicted lap time with the predictor's running error.
import type { CarState, LapMessage, TelemetryMessage } from "../../../bridge/protocol/derived.ts";
import { delta, h, KeyedRows, lapTime, num, setText } from "../ui/index.ts";
import { Stat, Tyres } from "../ui/widgets.ts";

export class SectorTable {
  readonly element: HTMLElement;
  private readonly rows: KeyedRows<string>;

  constructor() {
    const body = h("tbody");
    this.rows = new KeyedRows(body, 5);
    this.element = h(
      "section.panel.sectors",
      { "data-testid": "sectors" },
      h("table", {}, h("thead", {}, h("tr", {}, ...["", "S1", "S2", "S3", "Lap"].map((t) => h("th", {}, t)))), body),
    );
  }

  /**
   * The lap in progress from the telemetry, else from the car's live state. Sector times from the telemetry
   * alone when there is one: it has none early in a lap, where the car's state (4 Hz) may still hold the last's.
   */
  update(
    t: TelemetryMessage | undefined,
    car: CarState | undefined,
    last: LapMessage | undefined,
    best: LapMessage | undefined,
  ): void {
    const bestS = best?.sectorsMs ?? [null, null, null];
    const now = t ?? car;
    const rows: [string, (number | null | undefined)[], number | undefined][] = [
      ["Now", [now?.sector1Ms, now?.sector2Ms, undefined], t?.currentLapMs ?? car?.currentLapMs],
      ["Last", [...(last?.sectorsMs ?? [])], last?.timeMs],
      ["Best", [...bestS], best?.timeMs],
    ];
    this.rows.update(
      rows.map((r) => r[0]),
      (key, cells) => {
        const row = rows.find((r) => r[0] === key);
        if (!row) return;
        // An invalid lap (track limits) never counts as a best: say so, and no green.
        const invalid = key === "Last" && last !== undefined && !last.valid;
        setText(cells[0] as HTMLElement, invalid ? "Last (invalid)" : key);
        row[1].forEach((ms, i) => {
          const cell = cells[i + 1] as HTMLElement;
          setText(cell, lapTime(ms ?? undefined));
          const b = bestS[i];
          cell.classList.toggle("green", key !== "Best" && !invalid && !!ms && !!b && ms <= b);
        });
        setText(cells[4] as HTMLElement, lapTime(row[2]));
      },
    );
  }
}

export class CarNumbers {
  readonly element: HTMLElement;
  private readonly tyres = new Tyres();
  private readonly fuel = new Stat("Fuel");
  private readonly fuelLaps = new Stat("Fuel laps", "fuel-laps");
  private readonly ers = new Stat("ERS");
  private readonly ersMode = new Stat("ERS mode", "ers-mode");
  private readonly predicted = new Stat("Predicted", "predicted");
  private readonly error = new Stat("Prediction error", "prediction-error");

  constructor() {
    this.element = h(
      "section.panel.car-numbers",
      { "data-testid": "car-numbers" },
      h(
        "div.stats",
        {},
        ...[this.predicted, this.error, this.fuel, this.fuelLaps, this.ers, this.ersMode].map((s) => s.element),
      ),
      this.tyres.element,
    );
  }

  update(t: TelemetryMessage | undefined, lastLap: LapMessage | undefined): void {
    this.fuel.set(num(t?.fuelKg, 1, " kg"));
    this.fuelLaps.set(num(t?.fuelLapsLeft, 1));
    this.ers.set(num(t?.ersStoreJ === undefined ? undefined : (t.ersStoreJ / 4e6) * 100, 0, "%"));
    this.ersMode.set(t?.ersDeployMode ?? "—");
    this.predicted.set(lapTime(t?.predictedLapMs));
    const err = lastLap?.predictionErrorMs;
    const mean = lastLap?.predictionMeanAbsErrorMs;
    this.error.set(
      err === undefined ? "—" : `${delta(err)} (mean ±${num(mean === undefined ? undefined : mean / 1000, 3)})`,
    );
    this.tyres.set(
      [
        (t?.tyreSurfaceC ?? []).map((c) => `${c.toFixed(0)}°C surface`),
        (t?.tyreInnerC ?? []).map((c) => `${c.toFixed(0)}°C inner`),
        (t?.tyreWearPercent ?? []).map((w) => `${w.toFixed(1)}% worn`),
      ],
      t?.tyreSurfaceC,
    );
  }
}
