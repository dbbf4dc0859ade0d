// The track view of the fan page: 3D when WebGL works, else (or on request) the 2D map; cars interpolated at
// the display's frame rate. data-cars on the panel counts the cars drawn in the last frame (the tests read it).
import type { PositionsMessage } from "../../../bridge/protocol/web.ts";
import { Interpolator } from "../scene/interpolator.ts";
import { MapView } from "../scene/map-view.ts";
import { ThreeView } from "../scene/three-view.ts";
import { LearnedTrack, loadOutline, type Outline } from "../scene/track-outline.ts";
import type { CameraMode, CarLook, TrackView } from "../scene/track-view.ts";
import { h } from "../ui/index.ts";

const MODES: readonly [CameraMode | "2d", string][] = [
  ["orbit", "Orbit"],
  ["follow", "Follow"],
  ["chase", "Chase"],
  ["2d", "2D map"],
];

export class ScenePanel {
  readonly element: HTMLElement;
  readonly interpolator = new Interpolator();
  private readonly stage = h("div.stage");
  private readonly buttons = h("div.camera-modes");
  private readonly note = h("span.note");
  private view?: TrackView;
  private learned = new LearnedTrack();
  private outline?: Outline;
  private outlineKey = "";
  private looks: readonly CarLook[] = [];
  private selected?: number;
  private frame = 0;
  private mode: CameraMode | "2d" = "orbit";
  webgl = true;

  constructor() {
    this.element = h(
      "section.panel.scene",
      { "data-testid": "scene", "data-cars": "0" },
      this.stage,
      this.buttons,
      this.note,
    );
    for (const [mode, label] of MODES) {
      const b = h("button", { type: "button", "data-mode": mode }, label);
      b.addEventListener("click", () => this.setMode(mode));
      this.buttons.append(b);
    }
    this.makeView(false);
    const loop = () => {
      this.frame = requestAnimationFrame(loop);
      this.draw();
    };
    this.frame = requestAnimationFrame(loop);
  }

  private makeView(force2d: boolean): void {
    this.view?.dispose();
    this.view = undefined;
    if (!force2d && this.webgl) {
      try {
        this.view = new ThreeView(this.stage);
      } catch {
        this.webgl = false; // no WebGL here: the 2D map, with timing and telemetry as usual
      }
    }
    this.view ??= new MapView(this.stage);
    this.element.dataset.view = this.view.kind;
    this.note.textContent = this.webgl ? "" : "WebGL is not available: 2D map.";
    this.view.setOutline(this.outline, this.learned);
    this.view.setCars(this.looks);
    this.view.select(this.selected);
    if (this.mode !== "2d") this.view.setCamera(this.mode);
    for (const b of this.buttons.querySelectorAll("button")) {
      b.classList.toggle("active", b.dataset.mode === (this.view.kind === "2d" ? "2d" : this.mode));
      b.hidden = !this.webgl; // no 3D here: no camera modes to offer
    }
  }

  setMode(mode: CameraMode | "2d"): void {
    const was2d = this.view?.kind === "2d";
    this.mode = mode;
    if (mode === "2d" ? !was2d : was2d && this.webgl) this.makeView(mode === "2d");
    else {
      if (mode !== "2d") this.view?.setCamera(mode);
      for (const b of this.buttons.querySelectorAll("button")) b.classList.toggle("active", b.dataset.mode === mode);
    }
  }

  /** Loads the game's outline when the session says which track (and game) it is. */
  async setTrack(packetFormat: number | undefined, trackId: number | undefined): Promise<void> {
    const key = `${packetFormat}/${trackId}`;
    if (key === this.outlineKey) return;
    this.outlineKey = key;
    this.learned = new LearnedTrack();
    this.outline = await loadOutline(packetFormat, trackId);
    this.element.dataset.outline = this.outline ? "game" : "learned";
    this.view?.setOutline(this.outline, this.learned);
  }

  setCars(looks: readonly CarLook[]): void {
    this.looks = looks;
    this.view?.setCars(looks);
  }

  select(carIndex: number | undefined): void {
    this.selected = carIndex;
    this.view?.select(carIndex);
  }

  push(message: PositionsMessage, atMs: number): void {
    this.interpolator.push(message, atMs);
    if (!this.outline) for (const [, x, y, z] of message.cars) this.learned.add(x, y, z);
  }

  private draw(): void {
    if (!this.view) return;
    const drawn = this.view.render(this.interpolator.poses(performance.timeOrigin + performance.now()));
    if (this.element.dataset.cars !== String(drawn)) this.element.dataset.cars = String(drawn);
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.view?.dispose();
  }
}
