// The 3D track view (Three.js). The game frame maps to Three.js as it is: position.set(X, Y, Z), rotation.y = yaw.
// Camera modes: orbit (drag to turn, wheel to zoom), follow (above and behind the selected car), chase (low,
// just behind it, looking ahead).
import * as THREE from "three";
import { OrbitControls } from "three/addons/controls/OrbitControls.js";
import { CarFleet } from "./car-meshes.ts";
import type { Pose } from "./interpolator.ts";
import { TrackMesh } from "./track-mesh.ts";
import { type LearnedTrack, type Outline, OutlineHeights } from "./track-outline.ts";
import type { CameraMode, CarLook, TrackView } from "./track-view.ts";

const HEIGHTS_EVERY_MS = 1000;

export class ThreeView implements TrackView {
  readonly kind = "3d";
  readonly software: boolean;
  readonly element: HTMLCanvasElement;
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera = new THREE.PerspectiveCamera(50, 1, 0.5, 40_000);
  private readonly controls: OrbitControls;
  private readonly cars = new CarFleet();
  private readonly ring: THREE.Mesh;
  private track?: TrackMesh;
  private heights?: OutlineHeights;
  private heightsAt = 0;
  private mode: CameraMode = "orbit";
  private selected?: number;
  private readonly resize: ResizeObserver;

  /** Throws where WebGL is missing; the caller falls back to the 2D map. */
  constructor(private readonly container: HTMLElement) {
    // A software rasterizer (SwiftShader, llvmpipe: no GPU, or the GPU blocklisted) is fill-rate bound: no
    // multisampling and one pixel per CSS pixel there, which keeps it near the display's rate (bench/web-render.ts).
    this.software = softwareRenderer();
    this.renderer = new THREE.WebGLRenderer({ antialias: !this.software });
    this.renderer.setPixelRatio(this.software ? 1 : Math.min(2, window.devicePixelRatio || 1));
    this.element = this.renderer.domElement;
    this.element.className = "track-canvas";
    container.appendChild(this.element);
    this.scene.background = new THREE.Color(0x0b0e14);
    this.scene.add(new THREE.HemisphereLight(0xcfd8ff, 0x202020, 2.2));
    const sun = new THREE.DirectionalLight(0xffffff, 1.5);
    sun.position.set(300, 800, 200);
    this.scene.add(sun);
    this.scene.add(this.cars.group);
    this.ring = new THREE.Mesh(
      new THREE.RingGeometry(3.5, 4.5, 32).rotateX(-Math.PI / 2),
      new THREE.MeshBasicMaterial({ color: 0xffffff }),
    );
    this.ring.visible = false;
    this.scene.add(this.ring);
    this.controls = new OrbitControls(this.camera, this.element);
    this.controls.enableDamping = true;
    this.camera.position.set(0, 1500, 1200);
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(container);
    this.fit();
  }

  private fit(): void {
    const w = Math.max(1, this.container.clientWidth);
    const h = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(w, h, false);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
  }

  setOutline(outline: Outline | undefined, learned: LearnedTrack): void {
    if (this.track) {
      this.scene.remove(this.track.group);
      this.track.dispose();
    }
    this.track = new TrackMesh(outline, learned);
    this.heights = outline ? new OutlineHeights(outline) : undefined;
    this.scene.add(this.track.group);
    if (outline) this.frame(outline.points);
  }

  /** Points the orbit camera at the whole track. */
  private frame(points: readonly (readonly [number, number])[]): void {
    const xs = points.map((p) => p[0]);
    const zs = points.map((p) => p[1]);
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
    const cz = (Math.min(...zs) + Math.max(...zs)) / 2;
    const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...zs) - Math.min(...zs), 200);
    this.controls.target.set(cx, 0, cz);
    this.camera.position.set(cx, extent * 0.9, cz + extent * 0.75);
    this.controls.update();
  }

  setCars(looks: readonly CarLook[]): void {
    this.cars.setLooks(looks);
  }

  select(carIndex: number | undefined): void {
    this.selected = carIndex;
  }

  setCamera(mode: CameraMode): void {
    this.mode = mode;
    this.controls.enabled = mode === "orbit";
  }

  render(poses: readonly Pose[]): number {
    const now = performance.now();
    // Heights once a second: enough to follow the cars, and the ribbon is rebuilt only then.
    const learnHeights = this.heights !== undefined && now - this.heightsAt > HEIGHTS_EVERY_MS;
    if (learnHeights) {
      this.heightsAt = now;
      for (const p of poses) this.heights?.learn(p.carIndex, p.x, p.y, p.z);
    }
    this.track?.update(learnHeights ? this.heights : undefined);
    const far = this.mode === "orbit";
    const distance = this.camera.position.distanceTo(this.controls.target);
    const scale = far ? Math.min(6, Math.max(1, distance / 250)) : 1;
    let focus: Pose | undefined;
    this.cars.begin(this.element.clientWidth || 1, this.element.clientHeight || 1);
    for (const p of poses) {
      const selected = p.carIndex === this.selected;
      this.cars.place(p.carIndex, p.x, p.y, p.z, p.yaw, scale, far || !selected, selected ? -1 : undefined);
      if (selected && this.cars.has(p.carIndex)) focus = p;
    }
    const shown = this.cars.end();
    this.ring.visible = focus !== undefined && this.mode !== "chase";
    if (focus) {
      this.ring.position.set(focus.x, focus.y + 0.05, focus.z);
      this.ring.scale.setScalar(scale);
    }
    this.moveCamera(focus);
    this.camera.updateMatrixWorld();
    this.cars.declutterLabels(this.camera);
    this.renderer.render(this.scene, this.camera);
    return shown;
  }

  private moveCamera(focus: Pose | undefined): void {
    if (this.mode === "orbit" || !focus) {
      this.controls.update();
      return;
    }
    const fx = Math.sin(focus.yaw);
    const fz = Math.cos(focus.yaw);
    const [back, up, ahead] = this.mode === "follow" ? [28, 14, 0] : [7.5, 2.4, 25];
    const want = new THREE.Vector3(focus.x - fx * back, focus.y + up, focus.z - fz * back);
    // Smoothed, so the camera does not shake with each update; stiff enough to keep up at 330 km/h.
    this.camera.position.lerp(want, this.mode === "follow" ? 0.15 : 0.35);
    this.camera.lookAt(focus.x + fx * ahead, focus.y + 1, focus.z + fz * ahead);
  }

  dispose(): void {
    this.resize.disconnect();
    this.controls.dispose();
    this.track?.dispose();
    this.cars.dispose();
    this.renderer.dispose();
    this.element.remove();
  }
}

/** Whether WebGL here runs on the CPU; throws where there is no WebGL at all (the caller falls back to 2D). */
function softwareRenderer(): boolean {
  const gl =
    document.createElement("canvas").getContext("webgl2") ?? document.createElement("canvas").getContext("webgl");
  if (!gl) throw new Error("no WebGL");
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return /swiftshader|llvmpipe|software|softpipe/i.test(name);
}
