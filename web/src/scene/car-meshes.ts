// The cars in the 3D scene: a simple body (nose along +Z, so rotation.y = the game's yaw, atan2(fx, fz)), wings
// for direction, and a label sprite drawn with canvas text (names are untrusted: fillText, never HTML).
import * as THREE from "three";
import type { CarLook } from "./track-view.ts";

const body = new THREE.BoxGeometry(1.9, 0.6, 5.2);
const wing = new THREE.BoxGeometry(2.0, 0.15, 0.6);
const dark = new THREE.MeshLambertMaterial({ color: 0x111111 });

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

export class CarMesh {
  readonly group = new THREE.Group();
  private readonly model = new THREE.Group();
  private readonly material: THREE.MeshLambertMaterial;
  private readonly label: THREE.Sprite;
  private labelText = "";

  constructor(look: CarLook) {
    this.material = new THREE.MeshLambertMaterial({ color: look.colour });
    const hull = new THREE.Mesh(body, this.material);
    hull.position.y = 0.4;
    const front = new THREE.Mesh(wing, dark);
    front.position.set(0, 0.15, 2.6);
    const rear = new THREE.Mesh(wing, this.material);
    rear.position.set(0, 0.95, -2.4);
    this.model.add(hull, front, rear);
    this.label = new THREE.Sprite(new THREE.SpriteMaterial({ depthTest: false, sizeAttenuation: false }));
    this.label.scale.set(0.08, 0.025, 1);
    this.label.center.set(0, 0);
    this.label.renderOrder = 10;
    this.group.add(this.model, this.label);
    this.update(look);
  }

  update(look: CarLook): void {
    this.material.color.set(look.colour);
    if (look.label === this.labelText) return;
    this.labelText = look.label;
    const material = this.label.material;
    material.map?.dispose();
    material.map = labelTexture(look.label, look.colour);
    material.needsUpdate = true;
  }

  place(x: number, y: number, z: number, yaw: number, scale: number, showLabel: boolean): void {
    this.group.position.set(x, y, z);
    this.model.rotation.y = yaw;
    this.model.scale.setScalar(scale);
    this.label.position.y = 2 * scale;
    this.label.visible = showLabel;
  }

  dispose(): void {
    this.material.dispose();
    this.label.material.map?.dispose();
    this.label.material.dispose();
  }
}
