// End-to-end tests of the relationship map editor, in headless Chromium
// against the release build.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { startAll, stopAll, newPage, settle, downloadText, byTestId } from "./harness.mjs";

let app, browser;
before(async () => ({ app, browser } = await startAll()));
after(() => stopAll({ app, browser }));

const nodeIds = (page) =>
  page.$$eval("g.map-node", (els) => els.map((e) => Number(e.dataset.testid.replace("map-node-", ""))));
const linkCount = (page) => page.$$eval("line.map-link", (els) => els.length);
/** A new map from a template; waits until its `people` are drawn. */
const newFromTemplate = async (page, template, people) => {
  await page.selectOption(byTestId("map-template"), template);
  await page.click(byTestId("map-new"));
  await page.waitForFunction((n) => document.querySelectorAll("g.map-node").length === n, people);
};
const centre = async (page, sel) => {
  const b = await page.locator(sel).boundingBox();
  return [b.x + b.width / 2, b.y + b.height / 2];
};

test("draw with the mouse, undo/redo, reload, export SVG", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/map" });
  await page.waitForSelector(byTestId("map-canvas"));
  // The demo map is there.
  assert.ok((await nodeIds(page)).length >= 5);
  // A fresh blank map: the RM and a client.
  await newFromTemplate(page, "blank", 2);
  const before = await nodeIds(page);

  // Add a node by button and one by double-click.
  await page.click(byTestId("map-add-node"));
  await page.waitForFunction(() => document.querySelectorAll("g.map-node").length === 3);
  const canvas = await page.locator(byTestId("map-canvas")).boundingBox();
  await page.mouse.dblclick(canvas.x + 150, canvas.y + 380);
  await page.waitForFunction(() => document.querySelectorAll("g.map-node").length === 4);
  const added = (await nodeIds(page)).filter((id) => !before.includes(id));
  assert.equal(added.length, 2);
  const [a, b] = added;

  // Link them: drag from a's handle onto b.
  const links0 = await linkCount(page);
  const [hx, hy] = await centre(page, byTestId(`map-handle-${a}`));
  const [tx, ty] = await centre(page, `${byTestId(`map-node-${b}`)} .map-node-shape`);
  await page.mouse.move(hx, hy);
  await page.mouse.down();
  await page.mouse.move((hx + tx) / 2, (hy + ty) / 2, { steps: 5 });
  await page.mouse.move(tx, ty, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((n) => document.querySelectorAll("line.map-link").length === n, links0 + 1);
  await page.waitForSelector(byTestId("map-link-panel"));

  // Drag node b somewhere else (one undo step).
  const [bx, by] = await centre(page, `${byTestId(`map-node-${b}`)} .map-node-shape`);
  await page.mouse.move(bx, by);
  await page.mouse.down();
  await page.mouse.move(bx + 60, by - 40, { steps: 6 });
  await page.mouse.up();
  const moved = await page.getAttribute(byTestId(`map-node-${b}`), "transform");

  // Undo the move and the link with the buttons, redo them with the keyboard.
  await page.click(byTestId("map-undo"));
  assert.notEqual(await page.getAttribute(byTestId(`map-node-${b}`), "transform"), moved);
  await page.click(byTestId("map-undo"));
  await page.waitForFunction((n) => document.querySelectorAll("line.map-link").length === n, links0);
  await page.click(byTestId("map-redo"));
  await page.waitForFunction((n) => document.querySelectorAll("line.map-link").length === n, links0 + 1);
  await page.click(byTestId("map-undo"));
  await page.waitForFunction((n) => document.querySelectorAll("line.map-link").length === n, links0);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+y");
  await page.waitForFunction((n) => document.querySelectorAll("line.map-link").length === n, links0 + 1);
  await page.keyboard.press("Control+Shift+z");
  assert.equal(await page.getAttribute(byTestId(`map-node-${b}`), "transform"), moved);

  // Reload: the map is intact.
  const ids = await nodeIds(page);
  await settle(page);
  await page.reload();
  await page.waitForSelector(byTestId("map-canvas"));
  await page.waitForFunction((n) => document.querySelectorAll("g.map-node").length === n, ids.length);
  assert.deepEqual(await nodeIds(page), ids);
  assert.equal(await linkCount(page), links0 + 1);
  assert.equal(await page.getAttribute(byTestId(`map-node-${b}`), "transform"), moved);

  // Export SVG: it parses and carries the names.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("map-export-svg"))]);
  const svgText = await downloadText(download);
  const check = await page.evaluate((text) => {
    const d = new DOMParser().parseFromString(text, "image/svg+xml");
    return {
      errors: d.getElementsByTagName("parsererror").length,
      root: d.documentElement.nodeName,
      texts: [...d.getElementsByTagName("text")].map((t) => t.textContent),
    };
  }, svgText);
  assert.equal(check.errors, 0);
  assert.equal(check.root, "svg");
  assert.ok(check.texts.some((t) => t.includes("客户经理")), check.texts.join("|"));

  // Export PNG: a real PNG file.
  const [png] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("map-export-png"))]);
  assert.match(png.suggestedFilename(), /\.png$/);
  const bytes = fs.readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("bad map files change nothing; markup stays text", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/map" });
  await page.waitForSelector(byTestId("map-canvas"));
  const maps = await page.$$eval(`${byTestId("map-select")} option`, (o) => o.length);
  await page.setInputFiles(byTestId("map-import"), {
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from("{ not json"),
  });
  await page.waitForSelector(byTestId("map-message"));
  assert.match(await page.textContent(byTestId("map-message")), /JSON/);
  assert.equal(await page.$$eval(`${byTestId("map-select")} option`, (o) => o.length), maps);
  // A file with a hostile name, a dangling link and a duplicate id is repaired.
  const evil = "<img src=x onerror=window.__pwned=1>";
  const file = {
    nodes: [
      { id: 1, name: evil, kind: "client", x: 0, y: 0 },
      { id: 1, name: "dup" },
      { id: 2, name: "乙", kind: "rm", x: 1e308, y: 50 },
    ],
    links: [{ id: 3, from: 1, to: 2 }, { id: 4, from: 1, to: 99 }],
  };
  await page.setInputFiles(byTestId("map-import"), {
    name: "evil.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=map-select] option").length === n, maps + 1);
  await page.waitForFunction(() => document.querySelectorAll("g.map-node").length === 2);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.ok((await page.textContent(byTestId("map-node-1"))).includes("<img"));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("box select, Delete key and undo; analysis shows an introduction path", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/map" });
  await page.waitForSelector(byTestId("map-canvas"));
  await newFromTemplate(page, "family", 8);
  await page.click(byTestId("map-fit"));
  const links = await linkCount(page);
  // Select the client: the path from the RM is shown.
  await page.click(`${byTestId("map-node-1")} .map-node-shape`);
  await page.waitForFunction(() => document.querySelector("[data-testid=map-path]").textContent.includes("→"));
  assert.ok(await page.$("line.map-link.on-path"));
  // Shift-drag a box over the whole canvas, then Delete.
  const c = await page.locator(byTestId("map-canvas")).boundingBox();
  await page.keyboard.down("Shift");
  await page.mouse.move(c.x + 3, c.y + 3);
  await page.mouse.down();
  await page.mouse.move(c.x + c.width / 2, c.y + c.height / 2, { steps: 4 });
  await page.mouse.move(c.x + c.width - 3, c.y + c.height - 3, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up("Shift");
  await page.waitForSelector(byTestId("map-multi"));
  assert.equal(await page.$$eval("g.map-node.selected", (e) => e.length), 8);
  await page.keyboard.press("Delete");
  await page.waitForFunction(() => document.querySelectorAll("g.map-node").length === 0);
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => document.querySelectorAll("g.map-node").length === 8);
  assert.equal(await linkCount(page), links);
  // Back and live: a restored person and a restored link can be picked.
  await page.click(`${byTestId("map-node-2")} .map-node-shape`);
  await page.waitForSelector(`${byTestId("map-node-2")}.selected`);
  assert.equal(await page.$$eval("g.map-node.selected", (e) => e.length), 1);
  await page.locator("line.map-link").first().dispatchEvent("pointerdown", { button: 0 });
  await page.waitForSelector(byTestId("map-link-panel"));
  assert.equal(await page.$$eval("line.map-link.selected", (e) => e.length), 1);
  assert.equal(await page.$$eval("g.map-node.selected", (e) => e.length), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a press just beside a thin link or a person picks it (tap targets wider than what is drawn)", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/map" });
  await page.waitForSelector(byTestId("map-canvas"));
  await newFromTemplate(page, "family", 8);
  await page.click(byTestId("map-fit"));
  // The longest link's middle, 5 screen px to its side: not on its 2 px stroke.
  const spot = await page.$$eval("line.map-link", (lines) => {
    let best = null;
    for (const l of lines) {
      const m = l.getScreenCTM();
      const p = (x, y) => new DOMPoint(x, y).matrixTransform(m);
      const a = p(l.x1.baseVal.value, l.y1.baseVal.value), b = p(l.x2.baseVal.value, l.y2.baseVal.value);
      const len = Math.hypot(b.x - a.x, b.y - a.y);
      if (!best || len > best.len) {
        best = { len, id: l.closest("line.map-link").dataset.testid, x: (a.x + b.x) / 2 - (5 * (b.y - a.y)) / len, y: (a.y + b.y) / 2 + (5 * (b.x - a.x)) / len };
      }
    }
    return best;
  });
  assert.ok(spot.len > 60, `a long enough link: ${spot.len}`);
  const under = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest("line.map-link, g.map-node") ?? null, [spot.x, spot.y]);
  assert.equal(under, null, "nothing is drawn at the spot");
  await page.mouse.click(spot.x, spot.y);
  await page.waitForSelector(byTestId("map-link-panel"));
  assert.equal(await page.getAttribute("line.map-link.selected", "data-testid"), spot.id);
  // 6 px left of a person's shape: that person.
  const s = await page.locator(`${byTestId("map-node-3")} .map-node-shape`).boundingBox();
  await page.mouse.click(s.x - 6, s.y + s.height / 2);
  await page.waitForSelector(`${byTestId("map-node-3")}.selected`);
  assert.equal(await page.$$eval("g.map-node.selected", (e) => e.length), 1);
  // Pointing at a person gives it its tooltip: a <title> with the full name (made on hover only).
  assert.equal(await page.$$eval("g.map-node > title", (t) => t.length), 0);
  await page.hover(`${byTestId("map-node-2")} .map-node-shape`);
  await page.waitForSelector(`${byTestId("map-node-2")} > title`, { state: "attached" });
  const name = await page.textContent(`${byTestId("map-node-2")} > title`);
  assert.ok(name.length > 0 && (await page.textContent(`${byTestId("map-node-2")} .map-node-name`)).startsWith(name.slice(0, 2)), name);
  // Far from everything: the selection is cleared.
  const c = await page.locator(byTestId("map-canvas")).boundingBox();
  await page.mouse.click(c.x + 4, c.y + c.height - 4);
  await page.waitForFunction(() => document.querySelectorAll("g.map-node.selected").length === 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("hold Space and drag pans, also when starting on a person", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/map" });
  await page.waitForSelector(byTestId("map-canvas"));
  await newFromTemplate(page, "family", 8);
  await page.click(`${byTestId("map-node-1")} .map-node-shape`);
  const nodeT = await page.getAttribute(byTestId("map-node-1"), "transform");
  const viewT = () => page.$eval(".map-svg > g[transform]", (g) => g.getAttribute("transform"));
  const parse = (t) => t.match(/-?[\d.]+/g).map(Number);
  const v0 = parse(await viewT());
  // Start on another person with Space held: the view moves, no person does.
  const [x, y] = await centre(page, `${byTestId("map-node-2")} .map-node-shape`);
  const node2 = await page.getAttribute(byTestId("map-node-2"), "transform");
  await page.mouse.move(x, y);
  await page.keyboard.down(" ");
  await page.waitForSelector(`${byTestId("map-canvas")}.map-space`);
  assert.equal(await page.$eval(byTestId("map-canvas"), (e) => getComputedStyle(e).cursor), "grab");
  await page.mouse.down();
  await page.mouse.move(x + 80, y + 50, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up(" ");
  await page.waitForFunction(() => !document.querySelector("[data-testid=map-canvas]").classList.contains("map-space"));
  const v1 = parse(await viewT());
  assert.ok(Math.abs(v1[0] - v0[0] - 80) < 2 && Math.abs(v1[1] - v0[1] - 50) < 2, `${v0} -> ${v1}`);
  assert.equal(await page.getAttribute(byTestId("map-node-1"), "transform"), nodeT);
  assert.equal(await page.getAttribute(byTestId("map-node-2"), "transform"), node2);
  // The selection is kept; without Space the same drag moves the person.
  assert.deepEqual(await page.$$eval("g.map-node.selected", (e) => e.map((n) => n.dataset.testid)), ["map-node-1"]);
  await page.mouse.move(x + 80, y + 50);
  await page.mouse.down();
  await page.mouse.move(x + 120, y + 90, { steps: 4 });
  await page.mouse.up();
  assert.notEqual(await page.getAttribute(byTestId("map-node-2"), "transform"), node2);
  // Listed in the shortcuts help.
  await page.click(byTestId("map-help-toggle"));
  assert.match(await page.textContent(byTestId("map-help")), /空格/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a link is picked near its line; a dragged person moves on the overlay layer", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/map" });
  await page.waitForSelector(byTestId("map-canvas"));
  await newFromTemplate(page, "family", 8);
  await page.click(byTestId("map-fit"));
  // 5 px beside the middle of a link's line: only the (unpainted) hit stroke is there.
  const link = await page.getAttribute("line.map-link", "data-testid");
  const [a, b] = await page.$eval(byTestId(link), (e) => {
    const m = e.getScreenCTM();
    const p = (x, y) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
    return [p(+e.getAttribute("x1"), +e.getAttribute("y1")), p(+e.getAttribute("x2"), +e.getAttribute("y2"))];
  });
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const d = Math.hypot(dx, dy);
  await page.mouse.click((a[0] + b[0]) / 2 - (dy / d) * 5, (a[1] + b[1]) / 2 + (dx / d) * 5);
  await page.waitForSelector(byTestId("map-link-panel"));
  assert.ok(await page.$(`${byTestId(link)}.selected`));
  // During a drag the person and its links are drawn on the overlay and
  // hidden on the map layer; on release they are back, moved.
  const node = byTestId("map-node-2");
  const t0 = await page.getAttribute(node, "transform");
  const [x, y] = await centre(page, `${node} .map-node-shape`);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 40, y + 30, { steps: 4 });
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=map-overlay] g.map-node").length === 1);
  assert.ok(await page.$(`${node}.map-lifted`));
  const overlayLinks = await page.$$eval("[data-testid=map-overlay] g.map-link", (e) => e.length);
  const liftedLinks = await page.$$eval("line.map-link.map-lifted", (e) => e.length);
  assert.ok(overlayLinks > 0);
  assert.equal(overlayLinks, liftedLinks);
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=map-overlay] g.map-node").length === 0);
  assert.equal(await page.$$eval(".map-lifted", (e) => e.length), 0);
  assert.notEqual(await page.getAttribute(node, "transform"), t0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("growth over time: a person's date, the chart, the map as of a month or a day", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/map" });
  await page.waitForSelector(byTestId("map-canvas"));
  // A map without dates: a clear empty state.
  await page.setInputFiles(byTestId("map-import"), {
    name: "undated.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ nodes: [{ id: 1, name: "甲", kind: "client" }, { id: 2, name: "乙", kind: "rm", x: 200 }], links: [{ id: 3, from: 2, to: 1 }] })),
  });
  await page.waitForFunction(() => document.querySelectorAll("g.map-node").length === 2);
  await page.waitForSelector(byTestId("map-growth-empty"));
  assert.equal(await page.$(byTestId("map-growth-chart")), null);
  assert.equal(await page.$(byTestId("map-asof-range")), null);

  // A dated family map (8 people, Jan 2024 – Apr 2025).
  const dated = [
    ["client", "客户", "2024-03-01"], ["family", "配偶", "2024-03-01"], ["family", "子女", "2024-06-15"],
    ["family", "父母", "2024-09-10"], ["friend", "邻居", "2025-01-20"], ["friend", "朋友", "2025-04-08"],
    ["employer", "单位", "2024-03-01"], ["rm", "我", "2024-01-02"],
  ].map(([kind, name, since], i) => ({ id: i + 1, kind, name, since, x: (i % 4) * 200, y: Math.floor(i / 4) * 200 }));
  const links = [[1, 2], [1, 3], [1, 4], [1, 5], [1, 6], [1, 7], [8, 1]].map(([from, to], i) => ({ id: 9 + i, from, to, ...(i === 6 ? { label: "老客户" } : {}) }));
  await page.setInputFiles(byTestId("map-import"), {
    name: "dated.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ nodes: dated, links })),
  });
  await page.waitForFunction(() => document.querySelectorAll("g.map-node").length === 8);
  await page.waitForSelector(byTestId("map-growth-chart"));
  assert.equal(await page.$$eval("g.map-node.map-later", (e) => e.length), 0);
  // Give the client a later date in the person panel.
  await page.click(`${byTestId("map-node-1")} .map-node-shape`);
  await page.fill(byTestId("map-f-since"), "2025-06-30");
  await page.waitForFunction(() => document.querySelector("[data-testid=map-growth-chart] text:last-of-type").textContent.includes("2025年6月"));

  // The slider's first month (Jan 2024): only the RM is known by then.
  await page.locator(byTestId("map-asof-range")).focus();
  await page.keyboard.press("Home");
  await page.waitForFunction(() => document.querySelectorAll("g.map-node.map-later").length === 7);
  assert.equal(await page.inputValue(byTestId("map-asof-date")), "2024-01-31");
  assert.match(await page.textContent(byTestId("map-asof-count")), /2024年1月31日：1 人、0 条关系；.*7 人/);
  assert.ok(await page.$(byTestId("map-growth-marker")));
  assert.equal(await page.$$eval("line.map-link.map-later", (e) => e.length), await linkCount(page));
  // A link's label (drawn after its line, not inside a group) fades with it.
  const labels = await page.$$eval(".map-layer .map-link-label", (e) => e.map((t) => t.classList.contains("map-later")));
  assert.ok(labels.length > 0 && labels.every(Boolean), JSON.stringify(labels));
  // One month on: nobody new in February.
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector("[data-testid=map-asof-date]").value === "2024-02-29");
  assert.equal(await page.$$eval("g.map-node.map-later", (e) => e.length), 7);
  // A day typed in: those met after 15 Jun 2024 are dimmed (the client now
  // too, the parent, the neighbour and the friend).
  await page.fill(byTestId("map-asof-date"), "2024-06-15");
  await page.waitForFunction(() => document.querySelectorAll("g.map-node.map-later").length === 4);
  assert.ok(await page.$(`${byTestId("map-node-1")}.map-later`));
  assert.equal(await page.$(`${byTestId("map-node-3")}.map-later`), null);
  // Show all: nothing dimmed.
  await page.click(byTestId("map-asof-all"));
  await page.waitForFunction(() => document.querySelectorAll("g.map-node.map-later").length === 0);

  // The date is kept across a reload.
  await settle(page);
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll("g.map-node").length === 8);
  await page.click(`${byTestId("map-node-1")} .map-node-shape`);
  assert.equal(await page.inputValue(byTestId("map-f-since")), "2025-06-30");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("one bad person does not reject a map file; the report is in Chinese (issue 15 item 21)", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/map" });
  await page.waitForSelector(byTestId("map-canvas"));
  const file = {
    nodes: [{ id: 1, name: "甲", kind: "client" }, { id: 2, name: "乙", x: "abc" }, { id: 3, name: 12345 }, null],
    links: [{ id: 5, from: 1, to: 2 }],
  };
  const upload = (name) => page.setInputFiles(byTestId("map-import"), {
    name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)),
  });
  await upload("bad-node.json");
  await page.waitForFunction(() => document.querySelectorAll("g.map-node").length === 3);
  const msg = await page.textContent(byTestId("map-message"));
  assert.match(msg, /文件中第 4 个人物/);
  assert.doesNotMatch(msg, /invalid type|expected/);
  // Importing the same file again: the second copy is marked "(imported)".
  await upload("bad-node.json");
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=map-select] option")].some((o) => o.textContent.includes("（导入）")));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("shortest introduction path and same layout twice (issue 15 items 24, 25)", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/map" });
  await page.waitForSelector(byTestId("map-canvas"));
  await newFromTemplate(page, "family", 8);
  await page.click(`${byTestId("map-node-1")} .map-node-shape`);
  await page.click(byTestId("map-path-shortest"));
  await page.waitForFunction(() => document.querySelector("[data-testid=map-path]").textContent.includes("→"));
  const pos = () => page.$$eval("g.map-node", (els) => els.map((e) => e.getAttribute("transform")).join("|"));
  await page.click(byTestId("map-layout-force"));
  const first = await pos();
  await page.click(byTestId("map-layout-force"));
  assert.equal(await pos(), first);
  // Printing shows the map's name and legend.
  await page.emulateMedia({ media: "print" });
  assert.ok(await page.isVisible(byTestId("map-print-head")));
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(page.errors, []);
  await context.close();
});
