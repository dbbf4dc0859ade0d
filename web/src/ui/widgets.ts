// Small shared widgets: a labelled value, a horizontal bar, four tyres.
import { h, setText } from "./dom.ts";

export class Stat {
  readonly element: HTMLElement;
  private readonly value = h("span.value");
  constructor(label: string, field = label.toLowerCase()) {
    this.element = h("div.stat", { "data-field": field }, h("span.label", {}, label), this.value);
  }
  set(text: string): void {
    setText(this.value, text);
  }
}

export class Bar {
  readonly element: HTMLElement;
  private readonly fill = h("span.fill");
  constructor(label: string, colour: string) {
    this.fill.style.background = colour;
    this.element = h(
      "div.bar",
      { "data-field": label.toLowerCase() },
      h("span.label", {}, label),
      h("span.track", {}, this.fill),
    );
  }
  /** 0..1 */
  set(v: number | undefined): void {
    this.fill.style.width = `${Math.round(Math.max(0, Math.min(1, v ?? 0)) * 100)}%`;
  }
}

/** Four tyres in the car's layout (FL FR / RL RR) from EA's order [RL, RR, FL, FR]. */
export class Tyres {
  readonly element: HTMLElement;
  private readonly cells: HTMLElement[];
  constructor() {
    this.cells = ["FL", "FR", "RL", "RR"].map((n) => h("div.tyre", { "data-wheel": n }));
    this.element = h("div.tyres", {}, ...this.cells);
  }
  /** Lines per wheel, in EA's order. */
  set(lines: readonly (readonly string[])[], heat?: readonly number[]): void {
    const ea = [2, 3, 0, 1]; // FL FR RL RR -> EA index
    this.cells.forEach((cell, i) => {
      const w = ea[i] as number;
      setText(cell, (lines.map((l) => l[w] ?? "").filter(Boolean) as string[]).join("\n") || "—");
      const t = heat?.[w];
      cell.style.borderColor = t === undefined ? "" : t < 80 ? "#4aa3ff" : t > 110 ? "#ff4d4d" : "#49d17d";
    });
  }
}
