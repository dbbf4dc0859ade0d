// What the fan view asks of a track view: the 3D scene (three-view.ts) and the 2D canvas map (map-view.ts,
// where WebGL is missing) both do it.
import type { Pose } from "./interpolator.ts";
import type { LearnedTrack, Outline } from "./track-outline.ts";

export type CameraMode = "orbit" | "follow" | "chase";

export interface CarLook {
  readonly carIndex: number;
  readonly colour: string;
  /** Position and a short name, e.g. "3 ABC": drawn as canvas text, never HTML. */
  readonly label: string;
  /** Race position: labels that would cover each other give way to the car ahead. */
  readonly position?: number;
}

export interface TrackView {
  readonly kind: "3d" | "2d";
  readonly element: HTMLCanvasElement;
  setOutline(outline: Outline | undefined, learned: LearnedTrack): void;
  setCars(looks: readonly CarLook[]): void;
  select(carIndex: number | undefined): void;
  setCamera(mode: CameraMode): void;
  /** One frame: every car's interpolated pose. Returns the number of cars drawn. */
  render(poses: readonly Pose[]): number;
  dispose(): void;
}

/** A 3-letter code from a driver's name (untrusted: used only as text). */
export function shortName(name: string): string {
  const last = name.trim().split(/\s+/).pop() ?? name;
  return last.slice(0, 3).toUpperCase();
}
