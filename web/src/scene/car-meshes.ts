// The cars in the 3D scene: one instanced mesh for every car (a body and wings, nose along +Z so rotation.y is the
// game's yaw, atan2(fx, fz); team colour per instance) and one label layer: two draw calls however many cars.
// Software WebGL (SwiftShader) pays dearly per draw call.
import * as THREE from "three";
import { mergeGeometries } from "three/addons/utils/BufferGeometryUtils.js";
import { LabelLayer, MAX_LABELS } from "./label-layer.ts";
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

export class CarFleet {
  readonly group = new THREE.Group();
  private readonly mesh: THREE.InstancedMesh;
  private readonly looks = new Map<number, CarLook>();
  private readonly labels = new LabelLayer();
  private readonly slots = new Map<number, number>();
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
    this.group.add(this.mesh, this.labels.mesh);
  }

  has(carIndex: number): boolean {
    return this.looks.has(carIndex);
  }

  setLooks(looks: readonly CarLook[]): void {
    for (const look of looks) {
      this.looks.set(look.carIndex, look);
      let slot = this.slots.get(look.carIndex);
      if (slot === undefined && this.slots.size < MAX_LABELS) {
        slot = this.slots.size;
        this.slots.set(look.carIndex, slot);
      }
      if (slot !== undefined) this.labels.set(slot, look.label, look.colour);
    }
  }

  /** Starts a frame (viewport in CSS pixels): every car hidden until placed. */
  begin(width: number, height: number): void {
    this.count = 0;
    this.labels.begin(width, height);
  }

  place(
    carIndex: number,
    x: number,
    y: number,
    z: number,
    yaw: number,
    scale: number,
    showLabel: boolean,
    labelPriority?: number,
  ): void {
    const look = this.looks.get(carIndex);
    if (!look || this.count >= MAX_CARS) return;
    this.position.set(x, y, z);
    this.rotation.setFromAxisAngle(this.up, yaw);
    this.scale.setScalar(scale);
    this.mesh.setMatrixAt(this.count, this.matrix.compose(this.position, this.rotation, this.scale));
    this.mesh.setColorAt(this.count, this.colour.set(look.colour));
    this.count++;
    const slot = this.slots.get(carIndex);
    if (slot !== undefined && showLabel) {
      this.labels.place(slot, x, y + 2 * scale, z, labelPriority ?? look.position ?? 100 + carIndex);
    }
  }

  /** Hides labels that would cover a car ahead's (after the camera moved for this frame). */
  declutterLabels(camera: THREE.Camera): void {
    this.labels.declutter(camera);
  }

  /** Ends a frame: uploads what moved. */
  end(): number {
    this.mesh.count = this.count;
    this.mesh.instanceMatrix.needsUpdate = true;
    if (this.mesh.instanceColor) this.mesh.instanceColor.needsUpdate = true;
    this.labels.end();
    return this.count;
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    (this.mesh.material as THREE.Material).dispose();
    this.labels.dispose();
  }
}
