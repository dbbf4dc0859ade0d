// Names and event text from the game are untrusted: the web client builds DOM from text nodes only
// (web/src/ui/dom.ts). This keeps every HTML-parsing sink out of its source, so no later edit can feed data to one.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

const SINKS = /\b(innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|DOMParser|srcdoc)\b|document\.write/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|js|html)$/.test(name) ? [path] : [];
  });
}

test("the web client never parses HTML: no innerHTML, outerHTML, insertAdjacentHTML, DOMParser...", () => {
  const files = [...sources(join("web", "src")), join("web", "index.html"), join("web", "bench.html")];
  assert.ok(files.length > 10);
  const found = files.flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) => (SINKS.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
  assert.deepEqual(found, []);
});
