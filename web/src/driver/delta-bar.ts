// The live delta to the reference lap (or the best): a bar from the centre, green when ahead, red when behind.
import { delta, h, setText } from "../ui/index.ts";

const RANGE_MS = 2000;

export class DeltaBar {
  readonly element: HTMLElement;
  private readonly fill = h("span.fill");
  private readonly text = h("span.text");
  private readonly against = h("span.against");

  constructor() {
    this.element = h(
      "section.panel.delta",
      { "data-testid": "delta" },
      h("div.delta-track", {}, this.fill),
      this.text,
      this.against,
    );
  }

  set(ms: number | undefined, against: string): void {
    setText(this.text, delta(ms));
    setText(this.against, against);
    const f = ms === undefined ? 0 : Math.max(-1, Math.min(1, ms / RANGE_MS));
    this.fill.style.width = `${Math.abs(f) * 50}%`;
    this.fill.style.left = f < 0 ? `${50 + f * 50}%` : "50%";
    this.fill.classList.toggle("ahead", f < 0);
  }
}
