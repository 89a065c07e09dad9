// End-to-end tests of the CLV studio: the six-component calculator updates
// its total and chart and keeps the case across a reload; the retention
// model agrees with the hand-worked figure and handles impossible input;
// scenarios can be duplicated, renamed, compared and deleted; the follow-up
// planner exports a calendar file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startAll, stopAll, newPage, settle, appStorage, downloadText, byTestId } from "./harness.mjs";

let app, browser;
before(async () => ({ app, browser } = await startAll()));
after(() => stopAll({ app, browser }));

/** Type into a NumberField and commit it (change fires on blur). */
async function setField(page, testid, text) {
  const sel = byTestId(testid);
  await page.fill(sel, text);
  await page.press(sel, "Tab");
}

const text = (page, testid) => page.textContent(byTestId(testid));

/** No NaN or infinity anywhere on screen. */
async function noBadNumbers(page) {
  const body = await page.textContent("main");
  assert.ok(!/NaN|Infinity|∞/.test(body), "bad number on screen");
}

test("six components: change an input, total and chart update, reload keeps the case", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/clv" });
  await page.waitForSelector(byTestId("clv-chart"));
  // Demo case 代发工资家庭.
  assert.equal(await text(page, "clv-total"), "¥13,854.36");
  const chartBefore = await page.getAttribute(byTestId("clv-chart"), "aria-label");
  const barBefore = await page.getAttribute(`${byTestId("clv-bar-1")} rect`, "width");

  await setField(page, "clv-input-initial_margin", "1300");
  await page.waitForFunction(() => document.querySelector("[data-testid=clv-total]").textContent === "¥14,854.36");
  const chartAfter = await page.getAttribute(byTestId("clv-chart"), "aria-label");
  assert.notEqual(chartAfter, chartBefore);
  assert.match(chartAfter, /¥14,854\.36/);
  const barAfter = await page.getAttribute(`${byTestId("clv-bar-1")} rect`, "width");
  assert.ok(Number(barAfter) > Number(barBefore), `${barAfter} > ${barBefore}`);

  // Switching a component off removes it from the total.
  await page.uncheck(byTestId("clv-toggle-1"));
  await page.waitForFunction(() => document.querySelector("[data-testid=clv-total]").textContent === "¥13,554.36");
  await page.check(byTestId("clv-toggle-1"));
  await page.waitForFunction(() => document.querySelector("[data-testid=clv-total]").textContent === "¥14,854.36");

  // Impossible input: inline message, and the total is replaced by "—" and the reason.
  await setField(page, "clv-input-repeat_per_year", "-3");
  await page.waitForSelector(".field.invalid");
  await page.waitForFunction(() => document.querySelector("[data-testid=clv-total]").textContent === "—");
  assert.match(await text(page, "clv-error"), /每年购买次数/);
  await setField(page, "clv-input-repeat_margin", "abc");
  assert.equal(await text(page, "clv-total"), "—");
  await setField(page, "clv-input-repeat_margin", "50");
  await setField(page, "clv-input-repeat_per_year", "");
  await setField(page, "clv-input-repeat_per_year", "12");
  await page.waitForFunction(() => document.querySelector("[data-testid=clv-total]").textContent === "¥14,854.36");
  await noBadNumbers(page);

  await settle(page);
  const stored = await appStorage(page);
  assert.ok(stored["rmt:doc:clv"], "saved");
  await page.reload();
  await page.waitForSelector(byTestId("clv-total"));
  assert.equal(await text(page, "clv-total"), "¥14,854.36");
  assert.equal(await page.inputValue(byTestId("clv-input-initial_margin")), "1300");

  // Another case: its own figures, no error left over from the last one.
  await setField(page, "clv-input-cost_saving", "-1");
  await page.waitForSelector(".field.invalid");
  await page.selectOption(byTestId("clv-scenario"), "2");
  await page.waitForFunction(() => document.querySelector("[data-testid=clv-total]").textContent === "¥536,676.27");
  assert.equal(await page.locator(".field.invalid").count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("retention model: hand-worked figure, convention switch, impossible input", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/clv/retention" });
  await page.waitForSelector(byTestId("clv-ret-clv"));
  await setField(page, "clv-input-margin", "1000");
  await setField(page, "clv-input-retention", "80");
  await setField(page, "clv-input-ret-discount", "10");
  await setField(page, "clv-input-ac", "1500");
  await page.waitForFunction(() => document.querySelector("[data-testid=clv-ret-clv]").textContent === "¥2,666.67");
  assert.equal(await text(page, "clv-ret-net"), "¥1,166.67");
  assert.equal(await text(page, "clv-ret-break-even"), "66.0%");
  assert.match(await text(page, "clv-ret-lifetime"), /5\.0/);
  assert.ok(await page.isVisible(byTestId("clv-survival")));
  assert.ok(await page.isVisible(byTestId("clv-heatmap")));
  // The tornado's widest bar is retention.
  assert.match(await page.textContent(byTestId("clv-tornado-0")), /保留率/);

  await page.check(byTestId("clv-conv-first"));
  await page.waitForFunction(() => document.querySelector("[data-testid=clv-ret-clv]").textContent === "¥3,666.67");
  assert.match(await text(page, "clv-convention"), /首年/);
  await page.check(byTestId("clv-conv-end"));

  // r = 100%, d = 0, unlimited: diverges → message, no infinity.
  await setField(page, "clv-input-ret-discount", "0");
  await setField(page, "clv-input-retention", "100");
  await page.waitForSelector(byTestId("clv-ret-error"));
  assert.equal(await text(page, "clv-ret-clv"), "—");
  await noBadNumbers(page);
  // A finite horizon makes it computable again.
  await page.check(byTestId("clv-horizon-finite"));
  await page.waitForFunction(() => document.querySelector("[data-testid=clv-ret-clv]").textContent === "¥10,000.00");
  // The formula shown is the finite sum with its N, not the unlimited closed form.
  assert.match(await text(page, "clv-convention"), /Σ.*N = 10/);
  assert.doesNotMatch(await text(page, "clv-convention"), /m·r\/\(1\+d−r\)/);
  // A huge number is refused inline; the CLV it would change shows "—".
  await setField(page, "clv-input-margin", "1e300");
  await page.waitForSelector(".field.invalid");
  await page.waitForFunction(() => document.querySelector("[data-testid=clv-ret-clv]").textContent === "—");
  // Retention 120%: refused, "—" and the reason.
  await setField(page, "clv-input-margin", "1000");
  await setField(page, "clv-input-retention", "120");
  await page.waitForSelector(byTestId("clv-ret-error"));
  assert.equal(await text(page, "clv-ret-clv"), "—");
  assert.match(await text(page, "clv-ret-error"), /保留率/);
  await noBadNumbers(page);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("scenarios: duplicate, rename, compare with differences, delete", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/clv/scenarios" });
  await page.waitForSelector(byTestId("clv-sc-table"));
  // Demo compares the first two cases.
  await page.waitForSelector(byTestId("clv-compare"));
  assert.ok((await page.locator(`${byTestId("clv-compare")} tr[data-differs=true]`).count()) > 5);

  await page.click(byTestId("clv-sc-dup-1"));
  await page.waitForSelector(byTestId("clv-sc-row-4"));
  assert.match(await text(page, "clv-sc-name-4"), /副本/);
  await page.click(byTestId("clv-sc-rename-4"));
  await page.fill(byTestId("clv-sc-name-input-4"), "我的练习");
  await page.click(byTestId("clv-sc-save-4"));
  await page.waitForFunction(() => document.querySelector("[data-testid=clv-sc-name-4]")?.textContent === "我的练习");

  // Three ticked: a fourth box is disabled and the page says why (nothing unticked silently).
  await page.check(byTestId("clv-sc-compare-3"));
  await page.waitForSelector(byTestId("clv-compare-full"));
  assert.ok(await page.isDisabled(byTestId("clv-sc-compare-4")));
  assert.ok(await page.isChecked(byTestId("clv-sc-compare-1")));
  await page.uncheck(byTestId("clv-sc-compare-3"));
  await page.waitForSelector(byTestId("clv-compare-full"), { state: "detached" });

  // Compare the case with its copy: inputs identical, nothing marked except none.
  await page.uncheck(byTestId("clv-sc-compare-2"));
  await page.check(byTestId("clv-sc-compare-4"));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=clv-compare] tr[data-differs=true]").length === 0);

  page.once("dialog", (d) => d.accept());
  await page.click(byTestId("clv-sc-delete-4"));
  await page.waitForSelector(byTestId("clv-sc-row-4"), { state: "detached" });
  await page.waitForSelector(byTestId("clv-compare-few"));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("lifecycle: funnel and follow-up calendar export", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/clv/lifecycle" });
  await page.waitForSelector(byTestId("clv-funnel-result"));
  assert.match(await text(page, "clv-funnel-result"), /25/);
  await setField(page, "clv-input-closing_k", "4");
  await setField(page, "clv-input-deals", "3");
  await page.waitForFunction(() => /12/.test(document.querySelector("[data-testid=clv-funnel-result]").textContent));
  // Closing ratio 0: refused, the result is "—" and the reason (not the old 12).
  await setField(page, "clv-input-closing_k", "0");
  await page.waitForFunction(() => /^—/.test(document.querySelector("[data-testid=clv-funnel-result]").textContent));
  await setField(page, "clv-input-closing_k", "4");
  await page.waitForFunction(() => /12/.test(document.querySelector("[data-testid=clv-funnel-result]").textContent));

  await page.fill(byTestId("clv-fu-start"), "2026-12-01");
  await page.dispatchEvent(byTestId("clv-fu-start"), "change");
  await page.waitForSelector(byTestId("clv-month-2026-12"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("clv-fu-export"))]);
  assert.match(download.suggestedFilename(), /\.ics$/);
  const ics = await downloadText(download);
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /DTSTART;VALUE=DATE:20261201\r\n/);
  assert.match(ics, /SUMMARY:跟进：张先生/);
  assert.equal((ics.match(/BEGIN:VEVENT/g) || []).length, 28);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("English, phone width, every control named, no bad numbers", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/clv", viewport: { width: 360, height: 740 } });
  await page.click(byTestId("lang-toggle"));
  await page.waitForFunction(() => document.documentElement.lang === "en");
  for (const sub of ["", "/retention", "/scenarios", "/lifecycle"]) {
    await page.goto(app.url + "#/clv" + sub);
    await page.waitForSelector(byTestId("tool-clv"));
    await page.waitForTimeout(200);
    await noBadNumbers(page);
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll("main button, main a, main input, main select, main textarea")].filter((el) => {
        const name = el.getAttribute("aria-label") || el.textContent.trim() || el.getAttribute("title") ||
          (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest("label");
        return !name;
      }).map((el) => el.outerHTML.slice(0, 80)));
    assert.deepEqual(unnamed, [], sub);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `horizontal overflow ${overflow}px on ${sub}`);
  }
  await page.goto(app.url + "#/clv");
  await page.waitForSelector(byTestId("clv-total"));
  assert.match(await page.textContent(byTestId("clv-chart")), /Repeat/);
  assert.deepEqual(page.errors, []);
  await context.close();
});
