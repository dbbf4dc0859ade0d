// The built web client: content types, index.html for client routes, no way out of the directory.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { startHarness } from "./harness.ts";

/** A raw request, so paths like /../x reach the server as written. */
function get(port: number, path: string, method = "GET"): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (c) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("static files: types, client routes, missing assets, traversal, methods, the WebSocket path", async (t) => {
  const root = mkdtempSync(join(tmpdir(), "slipstream-web-"));
  const dist = join(root, "dist");
  mkdirSync(join(dist, "assets"), { recursive: true });
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>app</title>");
  writeFileSync(join(dist, "assets", "app-1234.js"), "console.log(1)");
  writeFileSync(join(dist, "assets", "app-1234.css"), "body{}");
  writeFileSync(join(root, "secret.txt"), "secret");
  const h = await startHarness({ staticDir: dist });
  t.after(() => h.stop());
  const port = h.gateway.port;
  const index = await get(port, "/");
  assert.deepEqual(
    [index.status, index.type, index.body],
    [200, "text/html; charset=utf-8", "<!doctype html><title>app</title>"],
  );
  assert.equal((await get(port, "/assets/app-1234.js")).type, "text/javascript; charset=utf-8");
  assert.equal((await get(port, "/assets/app-1234.css")).type, "text/css; charset=utf-8");
  assert.equal((await get(port, "/session/123/driver")).body, index.body, "a client route gets the page");
  assert.equal((await get(port, "/assets/missing.js")).status, 404);
  for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/..%5csecret.txt"]) {
    const res = await get(port, path);
    assert.ok(!res.body.includes("secret") || res.body === index.body, `${path}: ${res.status} ${res.body}`);
    assert.notEqual(res.body, "secret");
  }
  assert.equal((await get(port, "/%zz")).status, 400);
  assert.equal((await get(port, "/", "POST")).status, 405);
  assert.deepEqual([(await get(port, "/", "HEAD")).status, (await get(port, "/", "HEAD")).body], [200, ""]);
  assert.equal((await get(port, "/ws")).status, 426);
  assert.equal((await get(port, "/api/nothing")).status, 404);
});

test("without a built client the page says how to build it", async (t) => {
  const h = await startHarness({ staticDir: join(tmpdir(), "slipstream-no-such-dir") });
  t.after(() => h.stop());
  const res = await get(h.gateway.port, "/");
  assert.equal(res.status, 503);
  assert.match(res.body, /npm run build -w web/);
});
