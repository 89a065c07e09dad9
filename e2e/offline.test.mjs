// End-to-end tests of offline use (issue 12): after one visit the app starts
// with no network; an address whose tool was never opened says so clearly;
// "make every tool available offline" fetches the rest; a new deployment
// shows the "update available — reload" notice.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { startApp, launch, byTestId, DIST } from "./harness.mjs";

let browser;
before(async () => { browser = await launch(); });
after(() => browser?.close());

/** Open `hash` and wait until the service worker controls the page and has cached its binary. */
async function visit(page, url, hash, bin) {
  await page.goto(url + hash);
  await page.waitForSelector("[data-testid=main] > *");
  const info = JSON.parse(fs.readFileSync(path.join(DIST, "build.json"), "utf8"));
  const want = info.routes[bin].wasm;
  await page.waitForFunction(async (w) => {
    if (!navigator.serviceWorker.controller) return false;
    for (const k of await caches.keys()) {
      const c = await caches.open(k);
      if ((await c.keys()).some((r) => r.url.endsWith(w))) return true;
    }
    return false;
  }, want, { timeout: 30_000, polling: 200 });
  // Let the worker finish activating before the network goes.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForTimeout(1000);
}

test("after one visit the app starts offline; a tool never opened says so clearly", async () => {
  const app = await startApp();
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await visit(page, app.url, "#/clv", "clv");
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector(byTestId("clv-total"));
    assert.match(await page.textContent(byTestId("clv-total")), /¥/);
    // Home and My data are in every binary: no network needed.
    await page.click(byTestId("nav-data"));
    await page.waitForSelector(byTestId("data-page"));
    // The map was never opened: a clear message, not a browser error page.
    await page.evaluate(() => { location.hash = "#/map"; });
    await page.waitForSelector(byTestId("boot-failed"), { timeout: 15_000 });
    assert.match(await page.textContent(byTestId("boot-failed")), /没有网络|offline/);
    // Online again, make everything available offline, then the map works offline.
    await context.setOffline(false);
    await page.goto(app.url + "#/data");
    await page.reload(); // the failed start left no app running to follow the hash
    await page.waitForSelector(byTestId("data-page"));
    await page.waitForFunction(() => /KB|MB/.test(document.querySelector("[data-testid=offline-size]")?.textContent || ""));
    await page.click(byTestId("offline-all"));
    await page.waitForSelector('[data-testid=offline-status][data-done="true"]', { timeout: 60_000 });
    await context.setOffline(true);
    await page.evaluate(() => { location.hash = "#/map"; });
    await page.waitForSelector(byTestId("map-canvas"));
  } finally {
    await context.close();
    await app.close();
  }
});

test("a new deployment shows the update notice; reloading takes the new version", async () => {
  const sw = fs.readFileSync(path.join(DIST, "sw.js"), "utf8");
  let current = sw;
  const app = await startApp({ files: (rel) => (rel === "sw.js" ? current : null) });
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await visit(page, app.url, "#/", "");
    // A new build is deployed: its service worker differs.
    current = sw.replace('"id":"', '"id":"new');
    await page.reload();
    await page.waitForSelector(byTestId("update-notice"), { timeout: 30_000 });
    assert.match(await page.textContent(byTestId("update-notice")), /新版本|new version/);
    await Promise.all([page.waitForEvent("load"), page.click(byTestId("update-reload"))]);
    await page.waitForSelector(byTestId("home"));
    const keys = await page.evaluate(() => caches.keys());
    assert.ok(keys.some((k) => k.startsWith("rmt-new")), `new cache in use: ${keys}`);
  } finally {
    await context.close();
    await app.close();
  }
});
