// Every car's label in one draw call: the labels are drawn with canvas fillText (names are untrusted: text, never
// HTML) into slots of one atlas texture, and one mesh holds a screen-aligned quad per slot, anchored at its car and
// a fixed size in pixels. 22 sprites cost 22 draw calls, which halved the frame rate on software WebGL.
import * as THREE from "three";
import { type LabelBox, unclutteredLabels } from "./label-declutter.ts";

const COLS = 4;
const ROWS = 8;
export const MAX_LABELS = COLS * ROWS;
const SLOT_W = 128;
const SLOT_H = 40;

const VERTEX = `
attribute vec3 anchor;
attribute vec2 corner;
attribute float shown;
uniform vec2 viewport;
uniform vec2 sizePx;
varying vec2 vUv;
void main() {
  vUv = uv;
  vec4 clip = projectionMatrix * viewMatrix * vec4(anchor, 1.0);
  clip.xy += corner * sizePx / viewport * 2.0 * clip.w;
  gl_Position = shown > 0.5 ? clip : vec4(2.0, 2.0, 2.0, 1.0);
}`;

const FRAGMENT = `
uniform sampler2D map;
varying vec2 vUv;
void main() {
  gl_FragColor = texture2D(map, vUv);
}`;

export class LabelLayer {
  readonly mesh: THREE.Mesh<THREE.BufferGeometry, THREE.ShaderMaterial>;
  private readonly canvas = document.createElement("canvas");
  private readonly g: CanvasRenderingContext2D | null;
  private readonly texture: THREE.CanvasTexture;
  private readonly anchors = new Float32Array(MAX_LABELS * 4 * 3);
  private readonly shown = new Float32Array(MAX_LABELS * 4);
  private readonly texts: string[] = [];
  /** This frame's placed slots, and their priority (lower first: the selected car, then race order). */
  private placed: { slot: number; priority: number }[] = [];
  private readonly projected = new THREE.Vector3();
  /** The shader's uniforms, kept here too: declutter() needs the same sizes on the CPU. */
  private readonly viewport = new THREE.Vector2(1, 1);
  private readonly sizePx = new THREE.Vector2(SLOT_W * 0.6, SLOT_H * 0.6);

  constructor() {
    this.canvas.width = COLS * SLOT_W;
    this.canvas.height = ROWS * SLOT_H;
    this.g = this.canvas.getContext("2d");
    this.texture = new THREE.CanvasTexture(this.canvas);
    this.texture.colorSpace = THREE.SRGBColorSpace;
    const corners: number[] = [];
    const uvs: number[] = [];
    const index: number[] = [];
    for (let i = 0; i < MAX_LABELS; i++) {
      const u0 = (i % COLS) / COLS;
      const v1 = 1 - Math.floor(i / COLS) / ROWS; // canvas rows go down, texture v goes up
      const u1 = u0 + 1 / COLS;
      const v0 = v1 - 1 / ROWS;
      corners.push(0, 0, 1, 0, 1, 1, 0, 1);
      uvs.push(u0, v0, u1, v0, u1, v1, u0, v1);
      const b = i * 4;
      index.push(b, b + 1, b + 2, b, b + 2, b + 3);
    }
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute("position", new THREE.BufferAttribute(new Float32Array(MAX_LABELS * 4 * 3), 3));
    geometry.setAttribute("anchor", new THREE.BufferAttribute(this.anchors, 3));
    geometry.setAttribute("corner", new THREE.Float32BufferAttribute(corners, 2));
    geometry.setAttribute("uv", new THREE.Float32BufferAttribute(uvs, 2));
    geometry.setAttribute("shown", new THREE.BufferAttribute(this.shown, 1));
    geometry.setIndex(index);
    const material = new THREE.ShaderMaterial({
      vertexShader: VERTEX,
      fragmentShader: FRAGMENT,
      uniforms: {
        map: { value: this.texture },
        viewport: { value: this.viewport },
        sizePx: { value: this.sizePx },
      },
      transparent: true,
      depthTest: false,
    });
    this.mesh = new THREE.Mesh(geometry, material);
    this.mesh.frustumCulled = false;
    this.mesh.renderOrder = 10;
  }

  /** Draws `text` into slot `slot` when it changed. */
  set(slot: number, text: string, colour: string): void {
    const g = this.g;
    if (!g || slot >= MAX_LABELS || this.texts[slot] === `${colour}|${text}`) return;
    this.texts[slot] = `${colour}|${text}`;
    const x = (slot % COLS) * SLOT_W;
    const y = Math.floor(slot / COLS) * SLOT_H;
    g.clearRect(x, y, SLOT_W, SLOT_H);
    g.fillStyle = "rgba(10,12,18,0.8)";
    g.fillRect(x, y, SLOT_W, SLOT_H);
    g.fillStyle = colour;
    g.fillRect(x, y, 8, SLOT_H);
    g.fillStyle = "#fff";
    g.font = "bold 24px system-ui, sans-serif";
    g.textBaseline = "middle";
    g.fillText(text, x + 14, y + 21, SLOT_W - 18);
    this.texture.needsUpdate = true;
  }

  /** Starts a frame: every label hidden until placed. */
  begin(width: number, height: number): void {
    this.shown.fill(0);
    this.placed = [];
    this.viewport.set(width, height);
  }

  place(slot: number, x: number, y: number, z: number, priority = slot): void {
    if (slot >= MAX_LABELS) return;
    this.placed.push({ slot, priority });
    for (let v = 0; v < 4; v++) {
      this.anchors.set([x, y, z], (slot * 4 + v) * 3);
      this.shown[slot * 4 + v] = 1;
    }
  }

  /**
   * Hides the labels that would cover one placed before them in priority, as `camera` (this frame's, its
   * matrices updated) shows them in the viewport begin() was given.
   */
  declutter(camera: THREE.Camera): void {
    const { viewport, sizePx } = this;
    const order = this.placed.sort((a, b) => a.priority - b.priority);
    const boxes = order.map(({ slot }): LabelBox | undefined => {
      const v = this.projected.fromArray(this.anchors, slot * 12).project(camera);
      if (!(v.z > -1 && v.z < 1)) return undefined;
      const left = ((v.x + 1) / 2) * viewport.x;
      const bottom = ((1 - v.y) / 2) * viewport.y;
      return { left, top: bottom - sizePx.y, right: left + sizePx.x, bottom };
    });
    const keep = new Set(unclutteredLabels(boxes).map((i) => order[i]?.slot));
    for (const { slot } of order) if (!keep.has(slot)) this.shown.fill(0, slot * 4, slot * 4 + 4);
    // After end() in the frame: only what is shown changed since.
    (this.mesh.geometry.getAttribute("shown") as THREE.BufferAttribute).needsUpdate = true;
  }

  end(): void {
    const geometry = this.mesh.geometry;
    (geometry.getAttribute("anchor") as THREE.BufferAttribute).needsUpdate = true;
    (geometry.getAttribute("shown") as THREE.BufferAttribute).needsUpdate = true;
  }

  dispose(): void {
    this.texture.dispose();
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
  }
}
