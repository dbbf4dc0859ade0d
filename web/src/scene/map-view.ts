// The 2D track map on a plain canvas, for browsers without WebGL (and the "2D" button): top-down, X to the right
// and Z downward (the game frame seen from above; drawn the other way it would be mirrored).
import type { Pose } from "./interpolator.ts";
import type { LearnedTrack, Outline } from "./track-outline.ts";
import type { CameraMode, CarLook, TrackView } from "./track-view.ts";

export class MapView implements TrackView {
  readonly kind = "2d";
  readonly element = document.createElement("canvas");
  private readonly g: CanvasRenderingContext2D;
  private outline?: Outline;
  private learned?: LearnedTrack;
  private looks = new Map<number, CarLook>();
  private selected?: number;
  private bounds = { minX: -500, maxX: 500, minZ: -500, maxZ: 500 };
  private learnedVersion = -1;

  constructor(private readonly container: HTMLElement) {
    this.element.className = "track-canvas";
    container.appendChild(this.element);
    const g = this.element.getContext("2d");
    if (!g) throw new Error("no 2D canvas");
    this.g = g;
  }

  setOutline(outline: Outline | undefined, learned: LearnedTrack): void {
    this.outline = outline;
    this.learned = learned;
    if (outline) this.fitTo(outline.points.map((p) => [p[0], p[1]]));
  }

  private fitTo(points: readonly number[][]): void {
    if (points.length === 0) return;
    const xs = points.map((p) => p[0] as number);
    const zs = points.map((p) => p[1] as number);
    this.bounds = { minX: Math.min(...xs), maxX: Math.max(...xs), minZ: Math.min(...zs), maxZ: Math.max(...zs) };
  }

  setCars(looks: readonly CarLook[]): void {
    for (const look of looks) this.looks.set(look.carIndex, look);
  }

  select(carIndex: number | undefined): void {
    this.selected = carIndex;
  }

  setCamera(_mode: CameraMode): void {}

  render(poses: readonly Pose[]): number {
    const { element: c, g } = this;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    const w = Math.max(1, Math.round(this.container.clientWidth * dpr));
    const hgt = Math.max(1, Math.round(this.container.clientHeight * dpr));
    if (c.width !== w || c.height !== hgt) {
      c.width = w;
      c.height = hgt;
    }
    const learned = this.learned;
    if (!this.outline && learned && learned.version !== this.learnedVersion && learned.count > 0) {
      this.learnedVersion = learned.version;
      const pts: number[][] = [];
      for (let i = 0; i < learned.count; i++)
        pts.push([learned.xyz[i * 3] as number, learned.xyz[i * 3 + 2] as number]);
      this.fitTo(pts);
    }
    const b = this.bounds;
    const pad = 24 * dpr;
    const top = 48 * dpr; // below the camera buttons
    const scale = Math.min((w - 2 * pad) / (b.maxX - b.minX || 1), (hgt - pad - top) / (b.maxZ - b.minZ || 1));
    const ox = (w - (b.maxX - b.minX) * scale) / 2;
    const oz = top + (hgt - pad - top - (b.maxZ - b.minZ) * scale) / 2;
    const sx = (x: number) => ox + (x - b.minX) * scale;
    const sz = (z: number) => oz + (z - b.minZ) * scale;
    g.fillStyle = "#0b0e14";
    g.fillRect(0, 0, w, hgt);
    g.strokeStyle = "#4a505c";
    g.lineWidth = 6 * dpr;
    g.lineJoin = "round";
    if (this.outline) {
      g.beginPath();
      for (const [x, z] of this.outline.points) g.lineTo(sx(x), sz(z));
      g.closePath();
      g.stroke();
    } else if (learned) {
      g.fillStyle = "#4a505c";
      for (let i = 0; i < learned.count; i++) {
        g.fillRect(
          sx(learned.xyz[i * 3] as number) - dpr,
          sz(learned.xyz[i * 3 + 2] as number) - dpr,
          2 * dpr,
          2 * dpr,
        );
      }
    }
    g.font = `bold ${11 * dpr}px system-ui, sans-serif`;
    g.textAlign = "center";
    g.textBaseline = "middle";
    let drawn = 0;
    for (const p of poses) {
      const look = this.looks.get(p.carIndex);
      if (!look) continue;
      drawn++;
      const r = (p.carIndex === this.selected ? 9 : 7) * dpr;
      g.beginPath();
      g.arc(sx(p.x), sz(p.z), r, 0, 2 * Math.PI);
      g.fillStyle = look.colour;
      g.fill();
      if (p.carIndex === this.selected) {
        g.strokeStyle = "#fff";
        g.lineWidth = 2 * dpr;
        g.stroke();
      }
      g.fillStyle = "#000";
      g.fillText(look.label.split(" ")[0] ?? "", sx(p.x), sz(p.z));
    }
    return drawn;
  }

  dispose(): void {
    this.element.remove();
  }
}
