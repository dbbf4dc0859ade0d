// The README's promises that code can check: the configuration reference and the two quick-start commands.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { configReference } from "../scripts/config-reference.ts";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  scripts: Record<string, string>;
};

test("the README's configuration reference is the one generated from the option declarations", () => {
  assert.ok(readme.includes(configReference()), "run: npx tsx scripts/config-reference.ts --write README.md");
});

test("the quick start has exactly two commands, npm start and npm test, and both install on a fresh clone", () => {
  const quick = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  const commands = quick
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.split("#")[0]?.trim());
  assert.deepEqual(commands, ["npm start", "npm test"]);
  assert.equal(pkg.scripts.prestart, "node scripts/ensure-installed.mjs");
  assert.equal(pkg.scripts.pretest, "node scripts/ensure-installed.mjs");
  assert.equal(pkg.scripts.start, "slipstream demo");
});

test("the README's worked metric is the real file (its doc comment aside), so the walkthrough cannot drift", () => {
  const example = /`metrics\/car\/fuel\.ts` is one, whole:\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  const source = readFileSync(new URL("../bridge/processing/metrics/car/fuel.ts", import.meta.url), "utf8");
  assert.equal(example.trim(), source.replace(/\/\*\*[\s\S]*?\*\/\n/g, "").trim());
});
