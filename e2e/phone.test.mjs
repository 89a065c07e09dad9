// Phone widths (#15, items 14, 15 and 22): on every page at 390 × 844 and
// 360 × 740, every visible control is at least 44 × 44 CSS px (WCAG 2.5.5),
// the page never scrolls sideways (boxes that do show it), and the relationship map gives the canvas
// the screen with the person panel as a bottom sheet.
//
// Exempt, as WCAG 2.5.5 allows: links inside a sentence (an inline <a> in a
// paragraph with other text). People on the map canvas are SVG shapes, not
// listed controls; their hit area is checked by the map test below.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startAll, stopAll, newPage, byTestId } from "./harness.mjs";
import { visitAll } from "./pages.mjs";

let app, browser;
before(async () => ({ app, browser } = await startAll()));
after(() => stopAll({ app, browser }));

const MIN = 44;

/** Visible controls smaller than MIN × MIN, as "tag#testid "text" w×h". */
function smallControls(min) {
  const sel = "button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button], [role=radio], [role=tab]";
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    let target = el;
    const type = el.getAttribute("type");
    // A checkbox or radio button is tapped through its label.
    if (el.tagName === "INPUT" && (type === "checkbox" || type === "radio" || type === "file") && el.closest("label")) {
      target = el.closest("label");
    }
    const r = target.getBoundingClientRect();
    // Screen-reader-only text and the off-screen skip link.
    if (r.width <= 1 || r.height <= 1 || r.right <= 0) continue;
    if (el.tagName === "A" && getComputedStyle(el).display === "inline") {
      const block = el.parentElement.closest("p, li, dd, td, small, span");
      if (block && block.textContent.trim().length > el.textContent.trim().length) continue;
    }
    if (r.width >= min - 0.5 && r.height >= min - 0.5) continue;
    const id = el.dataset.testid ? `#${el.dataset.testid}` : el.className ? `.${String(el.className).split(" ")[0]}` : "";
    const text = (el.textContent || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 16);
    out.push(`${el.tagName.toLowerCase()}${type ? `[${type}]` : ""}${id} "${text}" ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  return out;
}

/** Boxes that scroll sideways but paint no cue that they do (the cue: a
 *  background gradient that stays at the edge, background-attachment). */
const noScrollCue = () =>
  [...document.querySelectorAll("body *")].filter((el) => {
    const cs = getComputedStyle(el);
    return /auto|scroll/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.tagName !== "TEXTAREA" &&
      el.checkVisibility() && !/gradient/.test(cs.backgroundImage);
  }).map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(" ").join(".")}`);

const overflow = () => {
  const se = document.scrollingElement;
  return se.scrollWidth > innerWidth ? `${se.scrollWidth} > ${innerWidth}` : null;
};

for (const viewport of [{ width: 390, height: 844 }, { width: 360, height: 740 }]) {
  test(`every page at ${viewport.width} px: controls ≥ ${MIN} px, no sideways scroll`, async () => {
    const { context, page } = await newPage(browser, app.url, { viewport });
    const small = [], wide = [], uncued = [];
    let total = 0;
    await visitAll(page, app.url, async (name) => {
      const s = await page.evaluate(smallControls, MIN);
      total += s.length;
      if (s.length) small.push(`${name} (${s.length}): ${s.join("; ")}`);
      const o = await page.evaluate(overflow);
      if (o) wide.push(`${name}: ${o}`);
      const c = await page.evaluate(noScrollCue);
      if (c.length) uncued.push(`${name}: ${c.join(", ")}`);
    });
    console.log(`${viewport.width} px: ${total} controls under ${MIN} px`);
    const problems = [
      ...wide.map((w) => `page wider than the screen: ${w}`),
      ...uncued.map((u) => `scrolls sideways with no cue: ${u}`),
      ...small.map((c) => `controls under ${MIN} × ${MIN} px: ${c}`),
    ];
    assert.deepEqual(problems, []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test("map on a phone: the canvas gets the screen; a person opens a bottom sheet", async () => {
  const viewport = { width: 390, height: 844 };
  const { context, page } = await newPage(browser, app.url, { viewport, hash: "#/map" });
  await page.waitForSelector("g.map-node");
  await page.waitForTimeout(300);
  const header = await page.locator(".app-header").boundingBox();
  const canvas = await page.locator(byTestId("map-canvas")).boundingBox();
  console.log(`canvas top ${Math.round(canvas.y - header.y - header.height)} px below the header, ${Math.round(canvas.height)} px high`);
  assert.ok(canvas.y <= header.y + header.height + 120, `canvas top at ${canvas.y}, header ends at ${header.y + header.height}`);
  assert.ok(canvas.height >= viewport.height * 0.5, `canvas ${canvas.height} px high`);
  // A person: its hit area reaches 22 px from its centre (a 44-px target).
  const node = page.locator("g.map-node").nth(1);
  const nb = await node.locator(".map-node-shape").boundingBox();
  const [cx, cy] = [nb.x + nb.width / 2, nb.y + nb.height / 2];
  // (The canvas finds the person near a press: there is no element for the target.)
  const id = await node.getAttribute("data-testid");
  const hits = [];
  for (const [dx, dy] of [[0, -21], [-21, 0], [0, 21]]) {
    await page.mouse.click(cx + dx, cy + dy);
    hits.push(await page.$$eval("g.map-node.selected", (els) => els.map((e) => e.dataset.testid).join(",")));
    if (await page.isVisible(byTestId("map-sheet-close"))) {
      await page.click(byTestId("map-sheet-close"));
      await page.locator(byTestId("map-node-panel")).waitFor({ state: "detached" });
    }
  }
  assert.deepEqual(hits, [id, id, id], "the person's tap target is at least 44 px across");
  await page.mouse.click(cx, cy);
  const panel = page.locator(byTestId("map-node-panel"));
  await panel.waitFor();
  await page.waitForTimeout(300);
  const pb = await panel.boundingBox();
  console.log(`person panel at y ${Math.round(pb.y)}–${Math.round(pb.y + pb.height)} of ${viewport.height}`);
  assert.ok(pb.y >= 0 && pb.y + pb.height <= viewport.height + 0.5 && pb.x >= 0 && pb.x + pb.width <= viewport.width + 0.5,
    `panel at ${JSON.stringify(pb)} is not within the ${viewport.width} × ${viewport.height} screen`);
  assert.ok(pb.height <= viewport.height * 0.6, `the sheet (${pb.height} px) leaves the canvas in sight`);
  // The sheet closes (and the selection with it).
  await page.click(byTestId("map-sheet-close"));
  await panel.waitFor({ state: "detached" });
  assert.deepEqual(page.errors, []);
  await context.close();
});
