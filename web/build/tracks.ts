// Track outlines for the client: data/tracks' per-game files (800 [X, Z] points each, MIT) split into one small
// file per game and trackId, tracks/<year>/<trackId>.json, plus the licence beside them. Emitted into the build and
// served by the dev server; nothing is written into the source tree.
import { readFileSync } from "node:fs";
import type { Plugin } from "vite";

const DATA = new URL("../../data/tracks/", import.meta.url);
export const TRACK_YEARS = [2023, 2024, 2025] as const;

interface Outlines {
  readonly licence: string;
  readonly tracks: Record<string, { points_xz: [number, number][]; start_finish_line_xz?: [number, number][] }>;
}
interface TrackIds {
  readonly tracks: readonly { id: number; name: string }[];
}

const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(file, DATA), "utf8")) as T;
const normal = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
const round = (p: readonly number[]) => p.map((v) => Math.round(v * 10) / 10);

/** Every file to publish: path under the output directory -> contents. */
export function trackFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const ids = read<TrackIds>("track-ids.json").tracks;
  const index: Record<string, number[]> = {};
  for (const year of TRACK_YEARS) {
    const outlines = read<Outlines>(`f1_${year}_world_xz.json`);
    for (const [name, track] of Object.entries(outlines.tracks)) {
      const id = ids.find((t) => normal(t.name) === normal(name))?.id;
      if (id === undefined) continue;
      index[year] = [...(index[year] ?? []), id];
      const body = {
        year,
        trackId: id,
        name,
        licence: `${outlines.licence}; see LICENSE.txt beside this file`,
        points: track.points_xz.map(round),
        startFinish: track.start_finish_line_xz?.map(round),
      };
      files.set(`tracks/${year}/${id}.json`, JSON.stringify(body));
    }
  }
  files.set("tracks/index.json", JSON.stringify(index));
  files.set("tracks/LICENSE.txt", readFileSync(new URL("LICENSE", DATA), "utf8"));
  files.set("tracks/README.md", readFileSync(new URL("README.md", DATA), "utf8"));
  return files;
}

export function tracksPlugin(): Plugin {
  let files: Map<string, string> | undefined;
  const get = () => {
    files ??= trackFiles();
    return files;
  };
  return {
    name: "slipstream-tracks",
    generateBundle() {
      for (const [fileName, source] of get()) this.emitFile({ type: "asset", fileName, source });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? "").split("?")[0]?.replace(/^\/+/, "") ?? "";
        const body = get().get(path);
        if (body === undefined) return next();
        res.setHeader("content-type", path.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8");
        res.end(body);
      });
    },
  };
}
