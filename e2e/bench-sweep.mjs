// The 100 ms sweep (issue 14), not a test: run by scripts/bench.sh after a
// release build. On every tool's demo data, times interactions from the
// user's event to the end of the next frame (a requestAnimationFrame, then a
// setTimeout 0 after it): switching tabs, the first inputs and selects of
// each tab, and the tool's main buttons. Prints every interaction over the
// budget and the slowest of each tool.
import { startApp, launch, newPage } from "./harness.mjs";

const BUDGET = 100;
const TOOLS = {
  clv: { buttons: [] },
  tiering: { buttons: ["tiering-load-sample", "tiering-scheme-metal", "tiering-scheme-vip", "tiering-suggest", "tiering-sort-id"] },
  map: { buttons: ["map-add-node", "map-layout-force", "map-layout-radial", "map-fit", "map-undo", "map-help-toggle"] },
  scripts: { buttons: [] },
  assess: { buttons: [] },
};

/** Arm the measurement of the next `type` event; `window.__t` resolves to ms. */
async function arm(page, type) {
  await page.evaluate((type) => {
    window.__t = new Promise((resolve) => {
      addEventListener(type, (ev) => {
        const t0 = ev.timeStamp;
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      }, { capture: true, once: true });
    });
  }, type);
}
const took = (page) => page.evaluate(() => Promise.race([window.__t, new Promise((r) => setTimeout(() => r(NaN), 10000))]));

async function timed(page, type, act) {
  await arm(page, type);
  await act();
  return took(page);
}

const app = await startApp();
const browser = await launch();
const slowest = {};
try {
  console.log(`Interactions on the demo data, event → end of next frame (budget ${BUDGET} ms; release wasm, headless Chromium, ${new Date().toISOString()})`);
  for (const [tool, spec] of Object.entries(TOOLS)) {
    const { context, page } = await newPage(browser, app.url, { hash: `#/${tool}` });
    await page.waitForSelector(`[data-testid^="tool-${tool}"]`, { timeout: 60_000 });
    await page.waitForTimeout(800);
    const results = [];
    const note = (what, ms) => { results.push({ what, ms }); };
    // Tabs: links to the tool's own sub-pages.
    const tabs = await page.$$eval(`a[href*="#/${tool}"]`, (as) => [...new Set(as.map((a) => a.getAttribute("href")))]);
    const routes = [`#/${tool}`, ...tabs.filter((h) => h !== `#/${tool}`)];
    for (const href of routes) {
      const link = page.locator(`a[href="${href}"]`).first();
      if (await link.count()) {
        note(`tab ${href}`, await timed(page, "click", () => link.click()));
      } else {
        await page.goto(app.url + href);
      }
      await page.waitForTimeout(400);
      // Inputs and selects of this tab (the first few).
      const fields = page.locator('section.page input[type="number"]:visible, section.page input[inputmode]:visible, section.page input[type="range"]:visible');
      const nf = Math.min(await fields.count(), 4);
      for (let i = 0; i < nf; i++) {
        const f = fields.nth(i);
        const tid = (await f.getAttribute("data-testid")) || (await f.getAttribute("aria-label")) || `#${i}`;
        const type = await f.getAttribute("type");
        const v = await f.inputValue();
        const nv = type === "range" ? String(Number(await f.getAttribute("min") || 0)) : String((Number(v.replace(/[^\d.-]/g, "")) || 1) + 1);
        note(`${href} input ${tid}`, await timed(page, "input", () => f.fill(nv)));
        await page.waitForTimeout(150);
      }
      const sels = page.locator("section.page select:visible");
      const ns = Math.min(await sels.count(), 2);
      for (let i = 0; i < ns; i++) {
        const s = sels.nth(i);
        const tid = (await s.getAttribute("data-testid")) || `#${i}`;
        const opts = await s.locator("option").evaluateAll((os) => os.map((o) => o.value));
        const cur = await s.inputValue();
        const next = opts.find((o) => o !== cur);
        if (next == null) continue;
        note(`${href} select ${tid}`, await timed(page, "change", () => s.selectOption(next)));
        await page.waitForTimeout(150);
      }
    }
    await page.goto(app.url + `#/${tool}`);
    await page.waitForTimeout(500);
    for (const id of spec.buttons) {
      const b = page.locator(`[data-testid="${id}"]`).first();
      if (!(await b.count()) || !(await b.isVisible()) || !(await b.isEnabled())) continue;
      note(`button ${id}`, await timed(page, "click", () => b.click()));
      await page.waitForTimeout(600);
    }
    results.sort((a, b) => b.ms - a.ms);
    const over = results.filter((r) => r.ms > BUDGET);
    console.log(`  ${tool}: ${results.length} interactions, ${over.length} over ${BUDGET} ms; slowest ${results[0] ? `${results[0].what}: ${results[0].ms.toFixed(0)} ms` : "-"}`);
    for (const r of over) console.log(`      OVER ${r.ms.toFixed(0).padStart(5)} ms  ${r.what}`);
    for (const r of results.slice(over.length, over.length + 2)) console.log(`           ${r.ms.toFixed(0).padStart(5)} ms  ${r.what}`);
    slowest[tool] = results[0];
    if (page.errors.length) console.log("    page errors:", page.errors.slice(0, 3));
    await context.close();
  }
} finally {
  await browser.close();
  await app.close();
}
