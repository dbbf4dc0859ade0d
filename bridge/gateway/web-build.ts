import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_STATIC_DIR } from "./start-gateway.ts";

const REPO = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The demo builds the web client on first run (`npm run build -w web`, Vite) when the repository's web/dist has
 * no index.html. Returns a line to print; a failed build is reported, not fatal (the gateway then answers 503).
 */
export async function ensureWebClient(staticDir: string | undefined, say: (line: string) => void): Promise<void> {
  const dir = staticDir ?? DEFAULT_STATIC_DIR;
  if (existsSync(join(dir, "index.html"))) return;
  if (staticDir !== undefined || !existsSync(join(REPO, "web", "package.json"))) {
    say(`No web client in ${dir}: the gateway serves the WebSocket only.`);
    return;
  }
  say("Building the web client (first run: npm run build -w web)...");
  const code = await new Promise<number>((resolve) => {
    const child = spawn("npm", ["run", "build", "-w", "web"], { cwd: REPO, stdio: ["ignore", "ignore", "inherit"] });
    child.once("error", () => resolve(-1));
    child.once("exit", (c) => resolve(c ?? -1));
  });
  if (code !== 0 || !existsSync(join(dir, "index.html")))
    say("The web client did not build (see above): the gateway serves the WebSocket only.");
}
