// Debian's chromium (/usr/bin/chromium; .ci/run installs it) driven by playwright-core, which never downloads a
// browser. launch() gives every run a fresh temporary profile (playwright makes and deletes it).
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = join("test-artifacts", "web");

/** Why browser tests cannot run here, or undefined. Never skipped in CI, where a missing chromium is a failure. */
export function noBrowser(): string | undefined {
  if (existsSync(CHROMIUM) || process.env.CI) return undefined;
  return `no chromium at ${CHROMIUM} (apt-get install chromium)`;
}

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}

/** A string expression evaluated in the page (the test files are type-checked without DOM types). */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

/** Polls `read` until `ok` holds; fails with the last value seen. For live data on a busy machine: no timed asserts. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const t0 = Date.now();
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
