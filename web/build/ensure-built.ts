// Builds the client (npm run build -w web) when web/dist is missing or older than its sources: the browser tests
// and the render benchmark call it first, so they always run what the source says.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const WEB_DIST = join(ROOT, "web", "dist");

const SOURCES = [
  "web/src",
  "web/build",
  "web/index.html",
  "web/bench.html",
  "web/vite.config.ts",
  "web/package.json",
  "bridge/protocol",
  "data/tracks",
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function webBuildIsStale(): boolean {
  const built = join(WEB_DIST, "index.html");
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((s) => newest(join(ROOT, s)) > builtAt);
}

/** Builds web/dist if stale; throws with vite's output when the build fails. */
export function ensureWebBuilt(): void {
  if (!webBuildIsStale()) return;
  const result = spawnSync("npm", ["run", "build", "-w", "web"], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
}
