// End-to-end tests of per-address loading (issue 11): every address downloads
// only the shell and the one tool it needs; moving between tools keeps every
// edit, the language and presentation mode; an export made from any address
// holds every tool's documents.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { startAll, stopAll, newPage, settle, appStorage, downloadText, byTestId, DIST } from "./harness.mjs";

let app, browser;
before(async () => ({ app, browser } = await startAll()));
after(() => stopAll({ app, browser }));

const info = JSON.parse(fs.readFileSync(path.join(DIST, "build.json"), "utf8"));
const ADDRESSES = [
  ["#/", ""], ["#/data", ""], ["#/clv", "clv"], ["#/clv/retention", "clv"], ["#/tiering", "tiering"],
  ["#/map", "map"], ["#/scripts", "scripts"], ["#/assess", "assess"], ["#/no-such-page", ""],
];
const ready = Object.fromEntries(["clv", "tiering", "map", "scripts", "assess"].map((t) => [t, `[data-testid=tool-${t}]`]));

/** The wasm files a page requests. */
function recordWasm(page) {
  const seen = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith(".wasm")) seen.push(path.basename(u.pathname));
  });
  return seen;
}

test("each address, opened directly in a fresh browser, downloads only its own binary", async () => {
  for (const [hash, bin] of ADDRESSES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const wasm = recordWasm(page);
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(app.url + hash);
    await page.waitForSelector("[data-testid=main] > *");
    await page.waitForTimeout(300);
    assert.deepEqual(wasm, [info.routes[bin].wasm], `${hash}: fetched ${wasm.join(", ")}`);
    assert.equal(await page.getAttribute("html", "data-binary"), bin || "shell");
    assert.deepEqual(errors, [], `${hash}: ${errors.join("; ")}`);
    await context.close();
  }
});

test("moving between tools keeps edits just made, the language and presentation mode", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/clv" });
  const wasm = recordWasm(page);
  await page.waitForSelector(byTestId("clv-total"));
  // English and presentation mode, then an edit, then at once another tool.
  await page.click(byTestId("lang-toggle"));
  await page.click(byTestId("present-toggle"));
  await page.fill(byTestId("clv-input-initial_margin"), "1300");
  await page.press(byTestId("clv-input-initial_margin"), "Tab");
  // (Presentation mode hides the navigation: go by address, as a link would.)
  await page.evaluate(() => { location.hash = "#/map"; });
  await page.waitForSelector(byTestId("map-canvas"));
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.match((await page.getAttribute("html", "class")) || "", /presentation/);
  assert.ok(wasm.some((w) => w === info.routes.map.wasm), "the map binary was fetched on the way");
  // A map edit, then back at once.
  const before = await page.locator("g.map-node").count();
  await page.click(byTestId("map-add-node"));
  await page.waitForFunction((n) => document.querySelectorAll("g.map-node").length === n + 1, before);
  await page.evaluate(() => { location.hash = "#/clv"; });
  await page.waitForSelector(byTestId("clv-total"));
  assert.equal(await page.inputValue(byTestId("clv-input-initial_margin")), "1300");
  assert.equal(await page.textContent(byTestId("clv-total")), "¥14,854.36");
  // Reload: still there, still English and presenting.
  await page.reload();
  await page.waitForSelector(byTestId("clv-total"));
  assert.equal(await page.textContent(byTestId("clv-total")), "¥14,854.36");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.match((await page.getAttribute("html", "class")) || "", /presentation/);
  await page.evaluate(() => { location.hash = "#/map"; });
  await page.waitForSelector(byTestId("map-canvas"));
  assert.equal(await page.locator("g.map-node").count(), before + 1, "the person added is still there");
  // Home, out of presentation mode.
  await page.keyboard.press("Escape");
  await page.click(byTestId("nav-home"));
  await page.waitForSelector(byTestId("home"));
  assert.equal(await page.textContent(byTestId("home-title")), "RM Toolkit");
  await context.close();
});

test("an export made from #/clv holds every tool's documents", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/map" });
  await page.waitForSelector(byTestId("map-canvas"));
  const before = await page.locator("g.map-node").count();
  await page.click(byTestId("map-add-node"));
  await page.waitForFunction((n) => document.querySelectorAll("g.map-node").length === n + 1, before);
  await settle(page);
  // Every tool visited and changed once, so each has a stored document.
  for (const tool of ["tiering", "scripts", "assess"]) {
    await page.click(byTestId(`nav-${tool}`));
    await page.waitForSelector(ready[tool]);
  }
  await page.click(byTestId("nav-clv"));
  await page.waitForSelector(byTestId("clv-total"));
  await page.fill(byTestId("clv-input-initial_margin"), "1234");
  await page.press(byTestId("clv-input-initial_margin"), "Tab");
  // Export from the My data page reached from #/clv: the page reloads into the
  // shell's binary (the one that has "My data"), the edit just made saved first.
  await page.click(byTestId("nav-data"));
  await page.waitForSelector(byTestId("data-page"));
  assert.equal(await page.getAttribute("html", "data-binary"), "shell");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("export-workspace"))]);
  const file = JSON.parse(await downloadText(download));
  assert.ok(file.docs.map, "the map is in the export");
  const maps = file.docs.map.data.maps;
  const active = maps.find((m) => m.id === file.docs.map.data.current) || maps[0];
  assert.equal(active.graph.nodes.length, before + 1, "with the person just added");
  assert.ok(file.docs.clv, "the CLV document is in the export");
  assert.ok(JSON.stringify(file.docs.clv).includes("1234"), "with the CLV edit made just before leaving #/clv");
  assert.ok(file.docs.settings, "the settings are in the export");
  const stored = await appStorage(page);
  for (const key of Object.keys(stored).filter((k) => k.startsWith("rmt:doc:"))) {
    assert.ok(file.docs[key.slice(8)], `${key} is in the export`);
  }
  await context.close();
});
