// End-to-end tests of the app shell and the storage layer, in real headless
// Chromium against the release build served from a sub-folder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startAll, stopAll, newPage, settle, appStorage, downloadText, byTestId } from "./harness.mjs";

let app, browser;
before(async () => ({ app, browser } = await startAll()));
after(() => stopAll({ app, browser }));

const settingsKey = "rmt:doc:settings";

test("first load renders in Chinese with no errors", async () => {
  const { context, page } = await newPage(browser, app.url);
  await page.waitForSelector(byTestId("home"));
  assert.equal(await page.textContent(byTestId("home-title")), "客户经营工具箱");
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  assert.match(await page.title(), /客户经营工具箱/);
  for (const slug of ["clv", "tiering", "map", "scripts", "assess"]) {
    assert.ok(await page.isVisible(byTestId(`card-${slug}`)), slug);
  }
  // Every button and link has an accessible name.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("button, a, input, select, textarea")].filter((el) => {
      const name = el.getAttribute("aria-label") || el.textContent.trim() || el.getAttribute("title") ||
        (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest("label");
      return !name;
    }).map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("language switch is immediate and remembered across reloads", async () => {
  const { context, page } = await newPage(browser, app.url);
  await page.click(byTestId("lang-toggle"));
  await page.waitForFunction(() => document.querySelector("[data-testid=home-title]").textContent === "RM Toolkit");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.textContent(byTestId("nav-map")), "◎Relationship map");
  await settle(page);
  await page.reload();
  await page.waitForSelector(byTestId("home-title"));
  assert.equal(await page.textContent(byTestId("home-title")), "RM Toolkit");
  await page.click(byTestId("lang-toggle"));
  await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
  await context.close();
});

test("each tool has its own address; reload and direct links land on it", async () => {
  const { context, page } = await newPage(browser, app.url);
  for (const slug of ["clv", "tiering", "map", "scripts", "assess"]) {
    await page.click(byTestId(`nav-${slug}`));
    await page.waitForSelector(byTestId(`tool-${slug}`));
    assert.ok(page.url().endsWith(`#/${slug}`), page.url());
    assert.equal(await page.getAttribute(byTestId(`nav-${slug}`), "aria-current"), "page");
  }
  await page.reload();
  await page.waitForSelector(byTestId("tool-assess"));
  // A shared link opened in a fresh browser lands on the tool.
  const other = await newPage(browser, app.url, { hash: "#/map" });
  await other.page.waitForSelector(byTestId("tool-map"));
  await other.context.close();
  // An unknown address shows a friendly page, not a blank one.
  await page.goto(app.url + "#/no-such-tool");
  await page.waitForSelector(byTestId("not-found"));
  await page.goBack();
  await page.waitForSelector(byTestId("tool-assess"));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("presentation mode: toggle, Alt+P, Esc, survives reload", async () => {
  const { context, page } = await newPage(browser, app.url);
  const isOn = () => page.evaluate(() => document.documentElement.classList.contains("presentation"));
  await page.click(byTestId("present-toggle"));
  assert.equal(await isOn(), true);
  assert.equal(await page.isVisible(byTestId("nav-map")), false, "chrome hidden");
  await page.keyboard.press("Escape");
  assert.equal(await isOn(), false);
  await page.keyboard.press("Alt+KeyP");
  assert.equal(await isOn(), true);
  await settle(page);
  await page.reload();
  await page.waitForSelector(byTestId("home"));
  assert.equal(await isOn(), true);
  const stored = JSON.parse((await appStorage(page))[settingsKey]);
  assert.equal(stored.app, "rm-toolkit");
  assert.equal(stored.schema, 2);
  assert.ok(stored.rev >= 1);
  assert.ok(stored.saved_at.length > 10);
  await context.close();
});

test("layouts fit a 360-px phone and 1024×768", async () => {
  for (const viewport of [{ width: 360, height: 740 }, { width: 1024, height: 768 }]) {
    for (const hash of ["#/", "#/data"]) {
      const { context, page } = await newPage(browser, app.url, { viewport, hash });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${hash} overflows by ${overflow}px at ${viewport.width}`);
      await context.close();
    }
  }
});

test("corrupted storage is kept aside, the app starts and says so", async () => {
  const garbage = '{"app":"rm-toolkit","doc":"settings","schema":2,"rev":3,"data":{"lang":';
  const { context, page } = await newPage(browser, app.url, { storage: { [settingsKey]: garbage } });
  await page.waitForSelector(byTestId("home"));
  const notice = page.locator('[data-testid=notice][data-kind="notice.corrupt"]');
  await notice.waitFor();
  assert.match(await notice.textContent(), /无法读取/);
  const stored = await appStorage(page);
  const aside = Object.entries(stored).filter(([k]) => k.startsWith("rmt:quarantine:settings:"));
  assert.equal(aside.length, 1);
  assert.equal(aside[0][1], garbage);
  const [download] = await Promise.all([page.waitForEvent("download"), notice.locator(byTestId("notice-download")).click()]);
  assert.equal(await downloadText(download), garbage);
  // The app still works and saves again.
  await page.click(byTestId("lang-toggle"));
  await settle(page);
  assert.equal(JSON.parse((await appStorage(page))[settingsKey]).data.lang, "en");
  await context.close();
});

test("data from a newer version is never overwritten", async () => {
  const newer = JSON.stringify({ app: "rm-toolkit", doc: "settings", schema: 99, rev: 12, saved_at: "x", data: { future: true } });
  const { context, page } = await newPage(browser, app.url, { storage: { [settingsKey]: newer } });
  await page.locator('[data-testid=notice][data-kind="notice.newer"]').waitFor();
  await page.click(byTestId("lang-toggle"));
  await settle(page);
  assert.equal((await appStorage(page))[settingsKey], newer);
  await context.close();
});

test("two tabs stay consistent and a stale tab never overwrites newer work", async () => {
  const { context, page: a } = await newPage(browser, app.url);
  const b = await context.newPage();
  await b.goto(app.url + "#/");
  await b.waitForSelector(byTestId("home"));
  // A change in one tab appears in the other.
  await a.click(byTestId("lang-toggle"));
  await b.waitForFunction(() => document.documentElement.lang === "en", null, { timeout: 5000 });
  assert.equal(await b.textContent(byTestId("home-title")), "RM Toolkit");
  // Simulate a newer save this tab missed, then edit here: the newer work wins,
  // this tab's version is kept aside and the user is told.
  await settle(a);
  const rev = JSON.parse((await appStorage(a))[settingsKey]).rev;
  const newer = JSON.stringify({ app: "rm-toolkit", doc: "settings", schema: 2, rev: rev + 5, saved_at: "x", data: { lang: "zh", presentation: false } });
  await a.evaluate(([k, v]) => localStorage.setItem(k, v), [settingsKey, newer]);
  await a.click(byTestId("present-toggle"));
  await settle(a);
  const stored = await appStorage(a);
  assert.equal(JSON.parse(stored[settingsKey]).rev, rev + 5, "newer work kept");
  assert.equal(JSON.parse(stored[settingsKey]).data.presentation, false);
  const conflicts = Object.keys(stored).filter((k) => k.startsWith("rmt:conflict:settings:"));
  assert.equal(conflicts.length, 1);
  assert.equal(JSON.parse(stored[conflicts[0]]).data.presentation, true, "this tab's edit kept aside");
  await a.locator('[data-testid=notice][data-kind="notice.conflict"]').waitFor();
  await a.waitForFunction(() => document.documentElement.lang === "zh-CN");
  await context.close();
});

test("importing a bad file shows an error and changes nothing", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/data" });
  await page.waitForSelector(byTestId("data-page"));
  await page.click(byTestId("lang-toggle"));
  await page.click(byTestId("lang-toggle"));
  await settle(page);
  const before = await appStorage(page);
  const cases = [
    ["broken.json", "{ this is not json", /不是有效的 JSON/],
    ["foreign.json", JSON.stringify({ hello: "world" }), /不是客户经营工具箱的工作区文件/],
    ["empty.json", "", /文件是空的/],
    ["bad-doc.json", JSON.stringify({ app: "rm-toolkit", kind: "workspace", format: 1, exported_at: "x",
      docs: { settings: { app: "rm-toolkit", doc: "settings", schema: 2, rev: 1, saved_at: "x", data: { lang: "klingon" } } } }), /内容无效/],
  ];
  for (const [name, text, want] of cases) {
    await page.setInputFiles(byTestId("import-workspace"), { name, mimeType: "application/json", buffer: Buffer.from(text) });
    await page.waitForFunction((n) => document.querySelector("[data-testid=data-message]")?.textContent.includes(n), name);
    const msg = await page.textContent(byTestId("data-message"));
    assert.match(msg, want, msg);
    assert.match(msg, /没有改动任何现有数据/);
  }
  assert.deepEqual(await appStorage(page), before);
  await context.close();
});

test("export then import restores the workspace exactly", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/data" });
  await page.click(byTestId("present-toggle"));
  await page.click(byTestId("lang-toggle"));
  await settle(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("export-workspace"))]);
  const text = await downloadText(download);
  const file = JSON.parse(text);
  assert.equal(file.kind, "workspace");
  assert.equal(file.docs.settings.data.lang, "en");
  // Change things, then import the file back.
  await page.click(byTestId("lang-toggle"));
  await page.click(byTestId("present-toggle"));
  await settle(page);
  page.once("dialog", (d) => d.accept());
  await Promise.all([
    page.waitForEvent("load"),
    page.setInputFiles(byTestId("import-workspace"), { name: "ws.json", mimeType: "application/json", buffer: Buffer.from(text) }),
  ]);
  await page.waitForSelector(byTestId("data-page"));
  const stored = JSON.parse((await appStorage(page))[settingsKey]);
  assert.deepEqual(stored.data, { lang: "en", presentation: true });
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await context.close();
});

test("reset to demo data asks first", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/data" });
  page.once("dialog", (d) => d.dismiss());
  await page.click(byTestId("reset-demo"));
  await settle(page);
  assert.equal(Object.keys(await appStorage(page)).length, 0, "cancel changes nothing");
  page.once("dialog", (d) => d.accept());
  await Promise.all([page.waitForEvent("load"), page.click(byTestId("reset-demo"))]);
  await page.waitForSelector(byTestId("data-page"));
  const stored = await appStorage(page);
  assert.ok(stored[settingsKey], "demo documents written");
  await context.close();
});

test("a full storage keeps the work in memory and says so", async () => {
  const { context, page } = await newPage(browser, app.url);
  await page.waitForSelector(byTestId("home"));
  await page.evaluate(() => {
    let i = 0;
    for (const size of [256 * 1024, 1024, 8]) {
      const chunk = "x".repeat(size);
      try { for (;;) localStorage.setItem("f" + i++, chunk); } catch (e) {}
    }
  });
  await page.click(byTestId("lang-toggle"));
  await page.locator('[data-testid=notice][data-kind="notice.quota"]').waitFor();
  assert.equal(await page.textContent(byTestId("home-title")), "RM Toolkit", "change kept in memory");
  assert.equal(await page.getAttribute(byTestId("present-toggle"), "aria-pressed"), "false");
  // The export offer includes the unsaved in-memory change.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator('[data-testid=notice][data-kind="notice.quota"] button', { hasText: "Export workspace" }).click(),
  ]);
  assert.equal(JSON.parse(await downloadText(download)).docs.settings.data.lang, "en");
  await context.close();
});

test("a panic shows the error screen with a working export", async () => {
  const { context, page } = await newPage(browser, app.url);
  await page.click(byTestId("lang-toggle"));
  await settle(page);
  await page.goto(app.url + "#/crash-test");
  // Opened by chance, the test page does nothing.
  await page.waitForSelector(byTestId("crash-page"));
  await page.waitForTimeout(300);
  assert.equal(await page.locator(byTestId("crash-screen")).count(), 0);
  await page.click(byTestId("crash-trigger"));
  await page.waitForSelector(byTestId("crash-screen"));
  assert.match(await page.textContent(byTestId("crash-screen")), /Something went wrong/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("crash-export"))]);
  const file = JSON.parse(await downloadText(download));
  assert.equal(file.docs.settings.data.lang, "en");
  await context.close();
});
