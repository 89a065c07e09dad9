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

/** Is `file` in the offline cache? */
function cached(page, file) {
  return page.evaluate(async (w) => {
    for (const k of await caches.keys()) {
      if ((await (await caches.open(k)).keys()).some((r) => r.url.endsWith(w))) return true;
    }
    return false;
  }, file);
}

/** Wait until `file` is in the offline cache (polled from here: waitForFunction
 * would take an async predicate's promise for a truthy answer). */
async function waitCached(page, file) {
  for (const t = Date.now(); !(await cached(page, file)); await page.waitForTimeout(200)) {
    assert.ok(Date.now() - t < 30_000, `${file} was not kept for offline use within 30 s`);
  }
}

/** Open `hash` and wait until the service worker controls the page and has cached its binary. */
async function visit(page, url, hash, bin) {
  await page.goto(url + hash);
  await page.waitForSelector("[data-testid=main] > *");
  const info = JSON.parse(fs.readFileSync(path.join(DIST, "build.json"), "utf8"));
  const want = info.routes[bin].wasm;
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
  await waitCached(page, want);
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

/** The wasm files a page requests (through its service worker or not). */
function recordWasm(page) {
  const seen = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith(".wasm")) seen.push(path.basename(u.pathname));
  });
  return seen;
}

test("the share encoder is not in a first visit, is kept for offline use, and the share dialog works offline", async () => {
  const info = JSON.parse(fs.readFileSync(path.join(DIST, "build.json"), "utf8"));
  const encoder = info.routes["@encoder"].wasm;
  assert.ok(info.routes.clv.modules.includes("encoder"), "the CLV tool lists the encoder among its modules");
  const app = await startApp();
  const context = await browser.newContext();
  const page = await context.newPage();
  const wasm = recordWasm(page);
  try {
    await visit(page, app.url, "#/clv", "clv");
    // The service worker keeps the encoder a few seconds after the tool starts; the page never asked for it.
    await waitCached(page, encoder);
    assert.ok(await cached(page, encoder.replace(/_bg\.wasm$/, ".js")), "its glue too");
    assert.deepEqual(wasm, [info.routes.clv.wasm], `a first visit fetched ${wasm.join(", ")}`);
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector(byTestId("clv-total"));
    await page.click(byTestId("share-open"));
    const link = await page.inputValue(byTestId("share-link"));
    assert.match(link, /#\/clv\/open\/C1-[A-Z2-7]+$/, "offline, the dialog still makes the link");
    assert.ok(await page.isVisible(byTestId("share-qr")), "and its QR code");
    assert.ok(wasm.includes(encoder), "the encoder came when the dialog opened");
  } finally {
    await context.close();
    await app.close();
  }
});

test("when the share encoder cannot be loaded the dialog says so in the user's language, and retrying works", async () => {
  const app = await startApp();
  for (const [locale, said] of [["zh-CN", /没有网络/], ["en-US", /no network/]]) {
    const context = await browser.newContext({ serviceWorkers: "block", locale });
    const page = await context.newPage();
    try {
      let block = true;
      await page.route(/encoder-[0-9a-f]+_bg\.wasm$/, (route) => (block ? route.abort("internetdisconnected") : route.continue()));
      await page.goto(app.url + "#/clv");
      await page.waitForSelector(byTestId("clv-total"));
      const lang = await page.getAttribute("html", "lang");
      if (lang.startsWith("zh") !== locale.startsWith("zh")) await page.click(byTestId("lang-toggle"));
      await page.click(byTestId("share-open"));
      await page.waitForSelector(byTestId("share-encoder-failed"));
      assert.match(await page.textContent(byTestId("share-encoder-failed")), said);
      assert.equal(await page.locator(byTestId("share-link")).count(), 0, "no empty link is offered");
      block = false;
      await page.click(byTestId("share-retry"));
      assert.match(await page.inputValue(byTestId("share-link")), /#\/clv\/open\//);
    } finally {
      await context.close();
    }
  }
  await app.close();
});
