import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, resolve, sep } from "node:path";
import { WEB_SOCKET_PATH } from "../protocol/web.ts";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".glb": "model/gltf-binary",
  ".gltf": "model/gltf+json",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
  res.end(`${text}\n`);
}

async function isFile(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The built web client: files under `root` by path, index.html for paths that name no file (the client's own
 * routes), 404 for a missing file with an extension (a missing asset is an error, not the page). Paths that
 * leave `root` are refused; only GET and HEAD.
 */
export function staticFiles(root: string): (req: IncomingMessage, res: ServerResponse) => void {
  const base = resolve(root);
  return (req, res) => {
    serve(base, req, res).catch(() => {
      if (!res.headersSent) plain(res, 500, "internal error");
      else res.destroy();
    });
  };
}

async function serve(base: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    return plain(res, 405, "method not allowed");
  }
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? "/", "http://gateway").pathname);
  } catch {
    return plain(res, 400, "bad path");
  }
  if (path.includes("\0")) return plain(res, 400, "bad path");
  if (path === "/healthz") return plain(res, 200, "ok");
  if (path === WEB_SOCKET_PATH) return plain(res, 426, "this is the WebSocket endpoint");
  if (path === "/api" || path.startsWith("/api/")) return plain(res, 404, "no such API");
  const index = resolve(base, "index.html");
  if ((await isFile(index)) === undefined)
    return plain(res, 503, "The web client is not built: run `npm run build -w web` (slipstream demo does it).");
  let file = resolve(base, `.${path}`);
  // resolve() has taken out every "..": what is still outside the root was trying to leave it.
  if (file !== base && !file.startsWith(base + sep)) return plain(res, 404, "not found");
  let size = await isFile(file);
  if (size === undefined) {
    if (extname(path) !== "") return plain(res, 404, "not found");
    file = index;
    size = await isFile(file);
    if (size === undefined) return plain(res, 404, "not found");
  }
  const immutable = file.startsWith(resolve(base, "assets") + sep);
  res.writeHead(200, {
    "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
    "content-length": size,
    "x-content-type-options": "nosniff",
    // Vite names assets by content hash: they never change; index.html must be fetched again.
    "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
  });
  if (req.method === "HEAD") return void res.end();
  const stream = createReadStream(file);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}
