// Presentation mode and the projector (#15, items 16 and 17): at 1024 × 768
// every visible text of every page is at least 18 px as rendered (SVG text:
// its font size times the drawing's scale), the navigation fits one line, and
// the tiering sample can still be loaded while presenting.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startAll, stopAll, newPage, byTestId } from "./harness.mjs";
import { visitAll } from "./pages.mjs";

let app, browser;
before(async () => ({ app, browser } = await startAll()));
after(() => stopAll({ app, browser }));

const MIN = 18;
const viewport = { width: 1024, height: 768 };
const presenting = {
  "rmt:doc:settings": JSON.stringify({ app: "rm-toolkit", doc: "settings", schema: 2, rev: 1, saved_at: "2025-01-01T00:00:00Z", data: { lang: "zh", presentation: true } }),
};

/** The smallest rendered text size and the visible texts under `min` px,
 *  smallest first, as `size px "text" (tag.class)`. */
function smallTexts(min) {
  const sizeOf = (el) => {
    const fs = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      return m ? fs * Math.sqrt(m.a * m.a + m.b * m.b) : fs;
    }
    return fs;
  };
  const found = [];
  let smallest = Infinity;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.trim()) continue;
    const el = n.parentElement;
    if (!el || el.closest("title, desc, script, style, noscript, option, datalist")) continue;
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const rects = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1 && r.right > 0);
    if (!rects.length) continue;
    const size = sizeOf(el);
    smallest = Math.min(smallest, size);
    if (size < min - 0.05) found.push([size, `${size.toFixed(1)} px "${n.data.trim().slice(0, 14)}" (${el.tagName.toLowerCase()}.${String(el.className.baseVal ?? el.className).split(" ")[0]})`]);
  }
  // Typed text in fields.
  for (const el of document.querySelectorAll("input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=range]):not([type=file]), select, textarea")) {
    if (!el.checkVisibility({ visibilityProperty: true }) || el.getBoundingClientRect().width <= 1) continue;
    const size = sizeOf(el);
    smallest = Math.min(smallest, size);
    if (size < min - 0.05) found.push([size, `${size.toFixed(1)} px field (${el.tagName.toLowerCase()}#${el.dataset.testid || ""})`]);
  }
  found.sort((a, b) => a[0] - b[0]);
  return { smallest, under: [...new Set(found.map((f) => f[1]))] };
}

test(`presentation mode at 1024 × 768: every text ≥ ${MIN} px on every page`, async () => {
  const { context, page } = await newPage(browser, app.url, { viewport, storage: presenting });
  const report = [];
  let smallest = Infinity;
  await visitAll(page, app.url, async (name) => {
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains("presentation")), `${name}: presenting`);
    const { smallest: least, under } = await page.evaluate(smallTexts, MIN);
    smallest = Math.min(smallest, least);
    if (under.length) report.push(`${name} (${under.length}): ${under.slice(0, 14).join("; ")}`);
  });
  console.log(`smallest text in presentation mode: ${smallest.toFixed(1)} px`);
  assert.deepEqual(report, [], `texts under ${MIN} px:\n${report.join("\n")}`);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("at 1024 px the navigation is one line", async () => {
  for (const lang of ["zh", "en"]) {
    const { context, page } = await newPage(browser, app.url, { viewport, hash: "#/clv" });
    await page.waitForSelector(byTestId("tool-clv"));
    if (lang === "en") {
      await page.click(byTestId("lang-toggle"));
      await page.waitForFunction(() => document.documentElement.lang === "en");
    }
    const tops = await page.$$eval(".app-nav a", (as) => as.map((a) => Math.round(a.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `${lang}: nav items on rows ${[...new Set(tops)]}`);
    const header = await page.locator(".app-header").boundingBox();
    assert.ok(header.height <= 70, `${lang}: header ${header.height} px high`);
    await context.close();
  }
});

test("presentation mode keeps the tiering sample button", async () => {
  const { context, page } = await newPage(browser, app.url, { viewport, storage: presenting, hash: "#/tiering" });
  await page.waitForSelector(byTestId("tool-tiering"));
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains("presentation")));
  await page.click(byTestId("tiering-load-sample"), { timeout: 5000 });
  await page.waitForSelector(byTestId("tiering-import-msg"));
  assert.match(await page.textContent(byTestId("tiering-import-msg")), /200/);
  assert.deepEqual(page.errors, []);
  await context.close();
});
