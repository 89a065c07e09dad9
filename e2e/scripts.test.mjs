// End-to-end tests of the script builders (#/scripts).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startAll, stopAll, newPage, settle, downloadText, byTestId } from "./harness.mjs";

let app, browser;
before(async () => ({ app, browser } = await startAll()));
after(() => stopAll({ app, browser }));

async function unnamedControls(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("button, a, input, select, textarea")].filter((el) => {
      const name = el.getAttribute("aria-label") || el.textContent.trim() || el.getAttribute("title") ||
        (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest("label");
      return !name;
    }).map((el) => el.outerHTML.slice(0, 100)));
}

test("template → edit a part → script and compliance flag update → reload keeps it → print view", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/scripts" });
  await page.waitForSelector(byTestId("scripts-library"));
  // Demo content on first start.
  assert.ok((await page.locator(byTestId("scripts-item")).count()) >= 7);

  await page.selectOption(byTestId("scripts-template-select"), "wealth");
  await page.click(byTestId("scripts-new-template"));
  await page.waitForSelector(byTestId("scripts-editor"));
  assert.match(page.url(), /#\/scripts\/edit\/\d+$/);
  const flagsCount = () => page.getAttribute(byTestId("scripts-flags-count"), "data-count");
  assert.equal(await flagsCount(), "0");
  assert.deepEqual(await unnamedControls(page), []);

  // Type a non-compliant, markup-laden feature.
  const feature = "这款理财保本，<b>稳赚</b>不赔。";
  await page.fill(byTestId("scripts-part-feature"), feature);
  await page.waitForFunction(() => document.querySelector("[data-testid=scripts-flags-count]").dataset.count !== "0");
  const rules = await page.$$eval("[data-testid=scripts-flag]", (els) => els.map((e) => e.dataset.rule));
  assert.ok(rules.includes("zh.baoben"), rules.join(","));
  assert.ok(rules.includes("zh.wenzhuan"), rules.join(","));
  const spoken = await page.inputValue(byTestId("scripts-spoken"));
  assert.ok(spoken.startsWith(feature), spoken);
  // The markup is text: no <b> element was created.
  assert.equal(await page.locator("[data-testid=scripts-editor] b").count(), 0);

  // Client tolerance below the product's risk → suitability flag with its reason.
  await page.selectOption(byTestId("scripts-client-risk"), "1");
  await page.waitForSelector('[data-testid=scripts-flag][data-rule=suitability]');
  assert.match(await page.textContent('[data-testid=scripts-flag][data-rule=suitability]'), /R2.*C1/);

  // A benefit with no need is flagged.
  await page.fill(byTestId("scripts-need"), "");
  await page.waitForSelector('[data-testid=scripts-need-flag][data-state=noneed]');

  await settle(page);
  await page.reload();
  await page.waitForSelector(byTestId("scripts-editor"));
  assert.equal(await page.inputValue(byTestId("scripts-part-feature")), feature);
  assert.ok((await page.inputValue(byTestId("scripts-spoken"))).includes("保本"));
  assert.equal(await page.inputValue(byTestId("scripts-client-risk")), "1");

  // Print view: cue cards render; the app chrome is hidden when printing.
  await page.click(byTestId("scripts-tab-cards"));
  await page.waitForSelector(byTestId("scripts-cards"));
  assert.equal(await page.locator(byTestId("scripts-card")).count(), 4);
  assert.deepEqual(await unnamedControls(page), []);
  assert.ok((await page.textContent(byTestId("scripts-cards"))).includes("<b>稳赚</b>"));
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible(".app-header"), false);
  assert.equal(await page.isVisible(byTestId("scripts-print-btn")), false);
  assert.ok(await page.isVisible(byTestId("scripts-card")));
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("PPF grid sends its needs summary to a new FABE pitch", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/scripts" });
  await page.waitForSelector(byTestId("scripts-library"));
  await page.selectOption(byTestId("scripts-framework-select"), "ppf");
  await page.click(byTestId("scripts-new-framework"));
  await page.waitForSelector(byTestId("scripts-ppf"));
  assert.deepEqual(await unnamedControls(page), []);
  // Plan lists past before future.
  const times = await page.$$eval(".scripts-plan-time", (els) => els.map((e) => e.dataset.time));
  assert.deepEqual(times, ["0", "1", "2"]);
  await page.fill(byTestId("scripts-ppf-a-2-1"), "女儿三年后上大学");
  await page.waitForFunction(() => document.querySelector("[data-testid=scripts-ppf-summary]").textContent.includes("女儿"));
  await page.click(byTestId("scripts-ppf-send"));
  await page.waitForSelector(byTestId("scripts-editor"));
  assert.equal(await page.inputValue(byTestId("scripts-need")), "女儿三年后上大学");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("export a script, refuse a bad file without changes, import the good one", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/scripts" });
  await page.waitForSelector(byTestId("scripts-library"));
  const count = await page.locator(byTestId("scripts-item")).count();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(byTestId("scripts-item-export")).first().click(),
  ]);
  const text = await downloadText(download);
  assert.equal(JSON.parse(text).kind, "script");

  await page.setInputFiles(byTestId("scripts-import"), { name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"app":"x"}') });
  await page.waitForSelector(byTestId("scripts-message"));
  assert.equal(await page.locator(byTestId("scripts-item")).count(), count);

  await page.setInputFiles(byTestId("scripts-import"), { name: "good.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=scripts-item]").length === n + 1, count);

  // Quiz answers give feedback.
  await page.click(byTestId("scripts-open-quiz"));
  await page.waitForSelector(byTestId("scripts-quiz"));
  assert.deepEqual(await unnamedControls(page), []);
  await page.click(byTestId("scripts-quiz-F"));
  await page.waitForSelector(byTestId("scripts-quiz-result"));
  assert.match(await page.textContent(byTestId("scripts-quiz-score")), /1/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("library rename, duplicate, delete, search; practice compares recall", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/scripts" });
  await page.waitForSelector(byTestId("scripts-library"));
  assert.deepEqual(await unnamedControls(page), []);
  const items = page.locator(byTestId("scripts-item"));
  const count = await items.count();
  page.once("dialog", (d) => d.accept("我的<i>定期</i>话术"));
  await items.first().locator(byTestId("scripts-item-rename")).click();
  await page.waitForFunction(() => document.querySelector("[data-testid=scripts-item-open]").textContent === "我的<i>定期</i>话术");
  await items.first().locator(byTestId("scripts-item-duplicate")).click();
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=scripts-item]").length === n + 1, count);
  await page.fill(byTestId("scripts-search"), "<i>定期");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=scripts-item]").length === 2);
  page.once("dialog", (d) => d.accept());
  await items.first().locator(byTestId("scripts-item-delete")).click();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=scripts-item]").length === 1);
  await page.fill(byTestId("scripts-search"), "");

  await items.first().locator(byTestId("scripts-item-practice")).click();
  await page.waitForSelector(byTestId("scripts-practice"));
  await page.click(byTestId("scripts-hide-benefit"));
  await page.fill(byTestId("scripts-recall"), "孩子上大学的学费到时准备好");
  assert.deepEqual(await unnamedControls(page), []);
  await page.click(byTestId("scripts-compare"));
  await page.waitForSelector(byTestId("scripts-practice-result"));
  const score = Number(await page.getAttribute(byTestId("scripts-practice-result"), "data-score"));
  assert.ok(score > 30 && score < 100, String(score));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("an edit of the spoken script is saved, survives reload and part changes", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/scripts" });
  await page.waitForSelector(byTestId("scripts-library"));
  await page.selectOption(byTestId("scripts-template-select"), "wealth");
  await page.click(byTestId("scripts-new-template"));
  await page.waitForSelector(byTestId("scripts-editor"));
  const mine = "我自己改写的完整话术：先问候，再讲<b>期限</b>和风险。";
  await page.fill(byTestId("scripts-spoken"), mine);
  await page.waitForSelector('[data-testid=scripts-spoken][data-edited=true]');
  await settle(page);
  await page.reload();
  await page.waitForSelector(byTestId("scripts-editor"));
  assert.equal(await page.inputValue(byTestId("scripts-spoken")), mine);
  assert.equal(await page.locator(byTestId("scripts-edit-stale")).count(), 0);

  // A part changes: the edit stays, with a notice.
  await page.fill(byTestId("scripts-part-feature"), "新的产品特点：期限一年。");
  await page.waitForSelector(byTestId("scripts-edit-stale"));
  assert.equal(await page.inputValue(byTestId("scripts-spoken")), mine);
  assert.deepEqual(await unnamedControls(page), []);
  await settle(page);
  await page.reload();
  await page.waitForSelector(byTestId("scripts-edit-stale"));
  assert.equal(await page.inputValue(byTestId("scripts-spoken")), mine);

  // Keep my edit: the notice goes, the edit stays; the cue cards use it.
  await page.click(byTestId("scripts-edit-keep"));
  await page.waitForFunction(() => !document.querySelector("[data-testid=scripts-edit-stale]"));
  assert.equal(await page.inputValue(byTestId("scripts-spoken")), mine);
  const editorUrl = page.url();
  await page.click(byTestId("scripts-tab-cards"));
  await page.waitForSelector(byTestId("scripts-cards"));
  assert.ok((await page.textContent(byTestId("scripts-cards"))).includes(mine));
  await page.goto(editorUrl);
  await page.waitForSelector(byTestId("scripts-editor"));

  // Another change, then "use the new assembled script" (after confirm).
  await page.fill(byTestId("scripts-part-feature"), "再改一次特点。");
  await page.waitForSelector(byTestId("scripts-edit-stale"));
  page.once("dialog", (d) => d.accept());
  await page.click(byTestId("scripts-edit-use-new"));
  await page.waitForSelector('[data-testid=scripts-spoken][data-edited=false]');
  assert.ok((await page.inputValue(byTestId("scripts-spoken"))).startsWith("再改一次特点。"));
  assert.equal(await page.locator(byTestId("scripts-edit-stale")).count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("text typed into the spoken-script box is compliance-checked (issue 15 item 19)", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/scripts" });
  await page.waitForSelector(byTestId("scripts-library"));
  await page.selectOption(byTestId("scripts-template-select"), "wealth");
  await page.click(byTestId("scripts-new-template"));
  await page.waitForSelector(byTestId("scripts-editor"));
  const flagsCount = () => page.getAttribute(byTestId("scripts-flags-count"), "data-count");
  assert.equal(await flagsCount(), "0");
  const spoken = await page.inputValue(byTestId("scripts-spoken"));
  await page.fill(byTestId("scripts-spoken"), `${spoken}这款产品保本保息，稳赚不赔`);
  await page.waitForFunction(() => document.querySelector("[data-testid=scripts-flags-count]").dataset.count !== "0");
  assert.doesNotMatch(await page.textContent(byTestId("scripts-flags-count")), /没有发现合规问题/);
  const rules = await page.$$eval("[data-testid=scripts-spoken-flags] [data-testid=scripts-flag]", (els) => els.map((e) => e.dataset.rule));
  assert.ok(rules.includes("zh.baoben") && rules.includes("zh.wenzhuan"), rules.join(","));
  // Risk levels are shown with their words.
  assert.ok((await page.textContent(byTestId("scripts-client-risk"))).includes("C1 保守型"));
  // The cue cards say there are flags.
  await page.click(byTestId("scripts-tab-cards"));
  await page.waitForSelector(byTestId("scripts-cards-flags"));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("export all scripts (issue 15 item 25)", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/scripts" });
  await page.waitForSelector(byTestId("scripts-library"));
  const count = await page.locator(byTestId("scripts-item")).count();
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("scripts-export-all"))]);
  assert.match(dl.suggestedFilename(), /\.rmscripts\.json$/);
  const file = JSON.parse(await downloadText(dl));
  assert.equal(file.kind, "scripts");
  assert.equal(file.scripts.length, count);
  assert.deepEqual(page.errors, []);
  await context.close();
});
