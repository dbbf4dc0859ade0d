// The cars in the 3D scene: one instanced mesh for every car (a body and wings, nose along +Z so rotation.y is the
// game's yaw, atan2(fx, fz); team colour per instance), one draw call however many cars, and a label sprite per
// car drawn with canvas text (names are untrusted: fillText, never HTML). Software WebGL pays per draw call.
import * as THREE from "three";
import { mergeGeometries } from "three/addons/utils/BufferGeometryUtils.js";
import type { CarLook } from "./track-view.ts";

const MAX_CARS = 32;

/** Body and rear wing in white (tinted by the team colour), front wing dark: vertex colours times instance colour. */
function carGeometry(): THREE.BufferGeometry {
  const part = (w: number, h: number, d: number, x: number, y: number, z: number, shade: number) => {
    const g = new THREE.BoxGeometry(w, h, d).translate(x, y, z);
    const n = g.getAttribute("position").count;
    g.setAttribute("color", new THREE.Float32BufferAttribute(new Array(n * 3).fill(shade), 3));
    return g;
  };
  const merged = mergeGeometries([
    part(1.9, 0.6, 5.2, 0, 0.4, 0, 1),
    part(2.0, 0.15, 0.6, 0, 0.95, -2.4, 1),
    part(2.0, 0.15, 0.6, 0, 0.15, 2.6, 0.1),
  ]);
  if (!merged) throw new Error("car geometry");
  return merged;
}

function labelTexture(text: string, colour: string): THREE.CanvasTexture {
  const canvas = document.createElement("canvas");
  canvas.width = 128;
  canvas.height = 40;
  const g = canvas.getContext("2d");
  if (g) {
    g.fillStyle = "rgba(10,12,18,0.8)";
    g.fillRect(0, 0, 128, 40);
    g.fillStyle = colour;
    g.fillRect(0, 0, 8, 40);
    g.fillStyle = "#fff";
    g.font = "bold 24px system-ui, sans-serif";
    g.textBaseline = "middle";
    g.fillText(text, 14, 21, 110);
  }
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return texture;
}

class Label {
  readonly sprite = new THREE.Sprite(new THREE.SpriteMaterial({ depthTest: false, sizeAttenuation: false }));
  private text = "";

  constructor() {
    this.sprite.scale.set(0.08, 0.025, 1);
    this.sprite.center.set(0, 0);
    this.sprite.renderOrder = 10;
  }

  set(look: CarLook): void {
    if (look.label === this.text) return;
    this.text = look.label;
    const material = this.sprite.material;
    material.map?.dispose();
    material.map = labelTexture(look.label, look.colour);
    material.needsUpdate = true;
  }

  dispose(): void {
    this.sprite.material.map?.dispose();
    this.sprite.material.dispose();
  }
}

export class CarFleet {
  readonly group = new THREE.Group();
  private readonly mesh: THREE.InstancedMesh;
  private readonly looks = new Map<number, CarLook>();
  private readonly labels = new Map<number, Label>();
  private readonly matrix = new THREE.Matrix4();
  private readonly position = new THREE.Vector3();
  private readonly rotation = new THREE.Quaternion();
  private readonly scale = new THREE.Vector3();
  private readonly colour = new THREE.Color();
  private readonly up = new THREE.Vector3(0, 1, 0);
  private count = 0;

  constructor() {
    this.mesh = new THREE.InstancedMesh(carGeometry(), new THREE.MeshLambertMaterial({ vertexColors: true }), MAX_CARS);
    this.mesh.count = 0;
    this.mesh.frustumCulled = false; // instances span the whole track
    this.group.add(this.mesh);
  }

  has(carIndex: number): boolean {
    return this.looks.has(carIndex);
  }

  setLooks(looks: readonly CarLook[]): void {
    for (const look of looks) {
      this.looks.set(look.carIndex, look);
      let label = this.labels.get(look.carIndex);
      if (!label) {
        label = new Label();
        this.labels.set(look.carIndex, label);
        this.group.add(label.sprite);
      }
      label.set(look);
    }
  }

  /** Starts a frame: every car hidden until placed. */
  begin(): void {
    this.count = 0;
    for (const label of this.labels.values()) label.sprite.visible = false;
  }

  place(carIndex: number, x: number, y: number, z: number, yaw: number, scale: number, showLabel: boolean): void {
    const look = this.looks.get(carIndex);
    if (!look || this.count >= MAX_CARS) return;
    this.position.set(x, y, z);
    this.rotation.setFromAxisAngle(this.up, yaw);
    this.scale.setScalar(scale);
    this.mesh.setMatrixAt(this.count, this.matrix.compose(this.position, this.rotation, this.scale));
    this.mesh.setColorAt(this.count, this.colour.set(look.colour));
    this.count++;
    const label = this.labels.get(carIndex);
    if (label) {
      label.sprite.visible = showLabel;
      label.sprite.position.set(x, y + 2 * scale, z);
    }
  }

  /** Ends a frame: uploads what moved. */
  end(): number {
    this.mesh.count = this.count;
    this.mesh.instanceMatrix.needsUpdate = true;
    if (this.mesh.instanceColor) this.mesh.instanceColor.needsUpdate = true;
    return this.count;
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    (this.mesh.material as THREE.Material).dispose();
    for (const label of this.labels.values()) label.dispose();
  }
}
