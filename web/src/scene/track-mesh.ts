// The track in 3D: a flat ribbon 14 m wide along the outline (heights learned from the cars), the start/finish
// line, and for tracks without an outline a point cloud of where the cars have been.
import * as THREE from "three";
import type { LearnedTrack, Outline, OutlineHeights } from "./track-outline.ts";

const HALF_WIDTH = 7;

export class TrackMesh {
  readonly group = new THREE.Group();
  private ribbon?: THREE.Mesh;
  private line?: THREE.Line;
  private learnedPoints?: THREE.Points;
  private learnedVersion = -1;

  constructor(
    private readonly outline: Outline | undefined,
    private readonly learned: LearnedTrack,
  ) {
    if (outline) this.buildRibbon(outline);
    else this.buildLearned();
  }

  private buildRibbon(outline: Outline): void {
    const n = outline.points.length;
    const positions = new Float32Array((n + 1) * 2 * 3);
    const index: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = i * 2;
      const b = ((i + 1) % n) * 2;
      index.push(a, b, a + 1, a + 1, b, b + 1);
    }
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute("position", new THREE.BufferAttribute(positions, 3));
    geometry.setIndex(index);
    this.ribbon = new THREE.Mesh(geometry, new THREE.MeshLambertMaterial({ color: 0x3a3f4a, side: THREE.DoubleSide }));
    const lineGeometry = new THREE.BufferGeometry();
    lineGeometry.setAttribute("position", new THREE.BufferAttribute(new Float32Array(2 * 3), 3));
    this.line = new THREE.Line(lineGeometry, new THREE.LineBasicMaterial({ color: 0xffffff }));
    this.group.add(this.ribbon, this.line);
    this.setHeights(new Float32Array(n));
  }

  /** Rebuilds the ribbon's vertices at these heights (one per outline point). */
  setHeights(heights: Float32Array): void {
    if (!this.ribbon || !this.outline) return;
    const pts = this.outline.points;
    const n = pts.length;
    const pos = this.ribbon.geometry.getAttribute("position") as THREE.BufferAttribute;
    for (let i = 0; i < n; i++) {
      const p = pts[i] as readonly [number, number];
      const next = pts[(i + 1) % n] as readonly [number, number];
      const prev = pts[(i - 1 + n) % n] as readonly [number, number];
      const dx = next[0] - prev[0];
      const dz = next[1] - prev[1];
      const len = Math.hypot(dx, dz) || 1;
      const nx = -dz / len;
      const nz = dx / len;
      const y = (heights[i] ?? 0) + 0.02;
      pos.setXYZ(i * 2, p[0] + nx * HALF_WIDTH, y, p[1] + nz * HALF_WIDTH);
      pos.setXYZ(i * 2 + 1, p[0] - nx * HALF_WIDTH, y, p[1] - nz * HALF_WIDTH);
    }
    pos.needsUpdate = true;
    this.ribbon.geometry.computeVertexNormals();
    this.ribbon.geometry.computeBoundingSphere();
    const sf = this.outline.startFinish;
    if (this.line && sf && sf.length >= 2) {
      const [a, b] = sf as [readonly [number, number], readonly [number, number]];
      const y = (heights[0] ?? 0) + 0.1;
      const attr = this.line.geometry.getAttribute("position") as THREE.BufferAttribute;
      attr.setXYZ(0, a[0], y, a[1]);
      attr.setXYZ(1, b[0], y, b[1]);
      attr.needsUpdate = true;
    }
  }

  private buildLearned(): void {
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute("position", new THREE.BufferAttribute(this.learned.xyz, 3));
    geometry.setDrawRange(0, 0);
    this.learnedPoints = new THREE.Points(geometry, new THREE.PointsMaterial({ color: 0x7a8290, size: 3 }));
    this.learnedPoints.frustumCulled = false;
    this.group.add(this.learnedPoints);
  }

  /** Per frame: picks up newly learned points or heights. */
  update(heights: OutlineHeights | undefined): void {
    if (heights?.dirty) {
      heights.fill();
      this.setHeights(heights.heights);
    }
    if (this.learnedPoints && this.learned.version !== this.learnedVersion) {
      this.learnedVersion = this.learned.version;
      const geometry = this.learnedPoints.geometry;
      (geometry.getAttribute("position") as THREE.BufferAttribute).needsUpdate = true;
      geometry.setDrawRange(0, this.learned.count);
    }
  }

  dispose(): void {
    for (const obj of [this.ribbon, this.line, this.learnedPoints]) {
      if (!obj) continue;
      obj.geometry.dispose();
      (obj.material as THREE.Material).dispose();
    }
  }
}
