// The web client in headless chromium against the running stack (bridge on UDP, processor, gateway), fed live by
// the simulator with 22 cars, one of them named `<img src=x onerror=alert(1)>`. Builds web/dist first when it is
// missing or older than its sources (web/build/ensure-built.ts). Screenshots go to test-artifacts/web/.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { SessionSnapshot } from "../../bridge/processing/processor/state-writer.ts";
import { ensureWebBuilt } from "../../web/build/ensure-built.ts";
import { ARTIFACTS, eventually, inPage, launchChromium, noBrowser } from "./browser.ts";
import { HOSTILE_CAR, HOSTILE_NAME, type Stack, startStack } from "./stack.ts";

const skip = noBrowser();
let stack: Stack;
let browser: Browser;
const dialogs: string[] = [];

before(async () => {
  if (skip) return;
  ensureWebBuilt();
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function open(hash: string, viewport = { width: 1024, height: 720 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${stack.url}${hash}`);
  return page;
}

const carsDrawn = (page: Page) =>
  page.locator("[data-testid=scene]").evaluate((el) => Number(el.getAttribute("data-cars")));
const towerRows = (page: Page) =>
  page
    .locator("[data-testid=tower] tbody tr")
    .evaluateAll((rows) => rows.map((r) => [r.children[0]?.textContent ?? "", r.children[2]?.textContent ?? ""]));

test("fan view: every car drawn in 3D, moving; the timing tower matches the processor", { skip }, async () => {
  const page = await open(`#/session/${stack.sessionUID}`);
  await eventually(
    () => carsDrawn(page),
    (n) => n === stack.cars,
    `${stack.cars} cars in the scene`,
  );
  assert.equal(await page.locator("[data-testid=scene]").getAttribute("data-view"), "3d");
  const scene = page.locator("[data-testid=scene] canvas");
  const first = await scene.screenshot({ path: join(ARTIFACTS, "fan-1.png") });
  await page.waitForTimeout(1000);
  const second = await scene.screenshot({ path: join(ARTIFACTS, "fan-2.png") });
  assert.ok(!first.equals(second), "the cars moved between two screenshots");
  await page.screenshot({ path: join(ARTIFACTS, "fan-page.png") });

  // Positions and names as the processor's snapshot in the live state store has them. The feed is held so both
  // settle (the snapshot is written about once a second, the tower redrawn 4 times a second).
  stack.pause();
  try {
    const expected = async () => {
      const snap = (await stack.store.readSnapshot(stack.sessionUID)) as SessionSnapshot | undefined;
      const names = new Map(snap?.session?.participants.map((p) => [p.carIndex, p.name]));
      return (snap?.cars?.cars ?? [])
        .filter((c) => c.position)
        .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
        .map((c) => [String(c.position), names.get(c.carIndex) ?? ""]);
    };
    const rows = await eventually(
      async () => ({ shown: await towerRows(page), want: await expected() }),
      ({ shown, want }) => want.length === stack.cars && JSON.stringify(shown) === JSON.stringify(want),
      "the tower to match the processor's snapshot",
    );
    assert.equal(rows.shown.length, stack.cars);
  } finally {
    stack.resume();
  }
  await page.close();
});

test("a driver named like HTML is shown as text and runs nothing", { skip }, async () => {
  const page = await open(`#/session/${stack.sessionUID}`);
  const cell = page.locator("[data-testid=tower] td[data-testid=driver]", { hasText: HOSTILE_NAME });
  await eventually(
    () => cell.count(),
    (n) => n === 1,
    "the hostile name in the tower",
  );
  assert.equal(await cell.textContent(), HOSTILE_NAME);
  // Selected, so the name is in the car panel and the 3D label too.
  await cell.click();
  await eventually(
    () => page.locator("[data-testid=car-panel] h2").textContent(),
    (t) => (t ?? "").includes(HOSTILE_NAME),
    "the car panel to name the car",
  );
  assert.equal(await page.locator("img").count(), 0, "no img element was created");
  assert.deepEqual(dialogs, [], "no dialog opened");
  assert.equal(await cell.locator("xpath=..").getAttribute("data-car"), String(HOSTILE_CAR));
  await page.close();
});

test("driver view: live traces drawn against lap distance", { skip }, async () => {
  const page = await open(`#/driver/${stack.sessionUID}`);
  const traces = page.locator("[data-testid=traces]");
  await eventually(
    () => traces.evaluate((el) => Number(el.getAttribute("data-points") ?? 0)),
    (n) => n >= 20,
    "20 live samples in the traces",
  );
  // The live lap is drawn in yellow (#ffd12e) on the speed chart: count such pixels on its canvas.
  const yellow = () =>
    inPage<number>(
      page,
      `(() => {
        const c = document.querySelector('[data-channel="speedKmh"] canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] > 170 && d[i + 2] < 120) n++;
        return n;
      })()`,
    );
  await eventually(yellow, (n) => n > 50, "the live speed trace on the canvas");
  await page.screenshot({ path: join(ARTIFACTS, "driver.png"), fullPage: true });
  await page.close();
});

test("monitor: non-zero topic rates and the browsers' latency reports", { skip }, async () => {
  const fan = await open(`#/driver/${stack.sessionUID}`); // sends LatencyReports every 2 s (no WebGL: lighter)
  const page = await open("#/monitor");
  const rate = (topic: string) =>
    page
      .locator("[data-testid=monitor-topics] tbody tr", { hasText: topic })
      .first()
      .evaluate((r) => Number(r.children[1]?.textContent));
  await eventually(
    () => rate("cars"),
    (n) => n > 0,
    "a rate for the cars topic",
  );
  const samples = () =>
    page
      .locator("[data-testid=monitor-latency] tbody tr", { hasText: "browser" })
      .evaluate((r) => Number(r.children[4]?.textContent));
  await eventually(samples, (n) => n > 0, "end-to-end latency samples from the browsers");
  await page.screenshot({ path: join(ARTIFACTS, "monitor.png"), fullPage: true });
  await Promise.all([fan.close(), page.close()]);
});

/** Keeps the page's WebSockets and counts the snapshots they bring (installed before the client loads). */
const WATCH_SOCKETS = `{
  const Real = WebSocket;
  window.__sockets = [];
  window.__snapshots = 0;
  window.WebSocket = class extends Real {
    constructor(...args) {
      super(...args);
      window.__sockets.push(this);
      this.addEventListener("message", (e) => {
        if (JSON.parse(e.data).type === "snapshot") window.__snapshots++;
      });
    }
  };
}`;

test("a lost connection comes back with a new snapshot; a reload resumes the same view", { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 1024, height: 720 } });
  await page.addInitScript(WATCH_SOCKETS);
  await page.goto(`${stack.url}#/session/${stack.sessionUID}`);
  await eventually(
    () => carsDrawn(page),
    (n) => n === stack.cars,
    "the cars",
  );
  assert.equal(await inPage<number>(page, "window.__snapshots"), 1);
  await inPage(page, "window.__sockets[0].close()");
  await eventually(
    () =>
      inPage<[number, number, string]>(
        page,
        `[window.__sockets.length, window.__snapshots, document.querySelector("[data-testid=connection]").textContent]`,
      ),
    ([sockets, snapshots, status]) => sockets === 2 && snapshots === 2 && status === "open",
    "a second socket, a second snapshot",
  );
  await eventually(
    () => towerRows(page),
    (rows) => rows.length === stack.cars,
    "the tower after reconnecting",
  );
  await page.reload();
  assert.equal(new URL(page.url()).hash, `#/session/${stack.sessionUID}`);
  await eventually(
    () => carsDrawn(page),
    (n) => n === stack.cars,
    "the cars after the reload",
  );
  await eventually(
    () => towerRows(page),
    (rows) => rows.length === stack.cars,
    "the tower after the reload",
  );
  await page.close();
});

test("without WebGL the 2D map and the tower, on a phone-sized screen", { skip }, async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.addInitScript(`{
    const real = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return /webgl/.test(kind) ? null : real.call(this, kind, ...rest);
    };
  }`);
  await phone.goto(`${stack.url}#/session/${stack.sessionUID}`);
  await eventually(
    () => carsDrawn(phone),
    (n) => n === stack.cars,
    "the cars on the 2D map",
  );
  assert.equal(await phone.locator("[data-testid=scene]").getAttribute("data-view"), "2d");
  await eventually(
    () => towerRows(phone),
    (rows) => rows.length === stack.cars,
    "the tower on the phone",
  );
  await phone.screenshot({ path: join(ARTIFACTS, "phone-2d.png"), fullPage: true });
  await phone.close();
});
