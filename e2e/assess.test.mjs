// End-to-end tests of the self-assessment tool: answer a questionnaire, see
// the radar, reload mid-way and resume, export a result, history comparison,
// and a class view fed with several result files at once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startAll, stopAll, newPage, settle, downloadText, byTestId } from "./harness.mjs";

let app, browser;
before(async () => ({ app, browser } = await startAll()));
after(() => stopAll({ app, browser }));

/** Controls without an accessible name (should be none). */
const unnamed = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("button, a, input, select, textarea")].filter((el) => {
      const name = el.getAttribute("aria-label") || el.textContent.trim() || el.getAttribute("title") ||
        (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest("label") ||
        (el.getAttribute("aria-labelledby") && document.getElementById(el.getAttribute("aria-labelledby")));
      return !name;
    }).map((el) => el.outerHTML.slice(0, 100)));

const progress = (page) => page.textContent(byTestId("assess-progress"));

test("answer a questionnaire, reload mid-way and resume, see the radar, export", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/assess" });
  await page.waitForSelector(byTestId("assess-q-kash"));
  assert.deepEqual(await unnamed(page), []);
  await page.fill(byTestId("assess-trainee"), "测试学员");
  await page.press(byTestId("assess-trainee"), "Tab");
  await page.click(byTestId("assess-start-kash"));
  await page.waitForSelector(byTestId("assess-take"));
  assert.deepEqual(await unnamed(page), []);
  // One statement at a time: choosing an answer moves on to the next one.
  for (let i = 0; i < 5; i++) {
    await page.waitForSelector(`${byTestId("assess-question")}[data-index="${i}"]`);
    await page.click(byTestId(`assess-opt-${i}-${(i % 5) + 1}`));
  }
  // The keyboard works too: "1" answers statement 6.
  await page.waitForSelector(`${byTestId("assess-question")}[data-index="5"]`);
  await page.keyboard.press("1");
  await page.waitForSelector(`${byTestId("assess-question")}[data-index="6"]`);
  assert.match(await progress(page), /6/);
  await settle(page);
  await page.reload();
  // Resumes where the trainee left off.
  await page.waitForSelector(`${byTestId("assess-question")}[data-index="6"]`);
  assert.match(await progress(page), /6\/12/);
  await page.click(byTestId("assess-prev"));
  await page.waitForSelector(`${byTestId("assess-question")}[data-index="5"]`);
  assert.equal(await page.getAttribute(byTestId("assess-opt-5-1"), "aria-checked"), "true");
  // All on one page; leave the last one out: finishing points to it.
  await page.click(byTestId("assess-mode-all"));
  await page.waitForSelector(byTestId("assess-item-11"));
  for (let i = 6; i < 11; i++) await page.click(byTestId(`assess-opt-${i}-4`));
  await page.click(byTestId("assess-finish"));
  await page.waitForSelector(byTestId("assess-missing"));
  assert.match(await page.textContent(byTestId("assess-missing")), /12/);
  await page.click(byTestId("assess-opt-11-2"));
  await page.click(byTestId("assess-finish"));
  // The result: radar, scores, strongest and weakest, advice.
  await page.waitForSelector(byTestId("assess-result"));
  assert.match(page.url(), /#\/assess\/result\/\d+$/);
  const pts = await page.getAttribute(`${byTestId("assess-radar-a")} polygon`, "points");
  assert.equal(pts.trim().split(/\s+/).length, 4);
  for (const d of ["knowledge", "attitude", "skills", "habits"]) {
    const s = await page.textContent(byTestId(`assess-score-${d}`));
    assert.match(s, /^\d+$/, d);
  }
  assert.deepEqual(await unnamed(page), []);
  assert.ok((await page.textContent(byTestId("assess-strongest"))).length > 4);
  assert.ok((await page.textContent(byTestId("assess-weakest"))).length > 4);
  // Export the result file.
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("assess-export"))]);
  const json = JSON.parse(await downloadText(dl));
  assert.equal(json.kind, "assess-result");
  assert.equal(json.questionnaire, "kash");
  assert.equal(json.trainee, "测试学员");
  assert.equal(Object.keys(json.answers).length, 12);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("history compares two attempts and deletes one", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/assess/history/excellent" });
  await page.waitForSelector(byTestId("assess-compare-radar"));
  assert.equal(await page.locator(`${byTestId("assess-compare-radar")} polygon[points]`).count() >= 2, true);
  assert.deepEqual(await unnamed(page), []);
  const rows = await page.locator(`${byTestId("assess-history-table")} tbody tr`).count();
  assert.equal(rows, 2);
  page.once("dialog", (d) => d.accept());
  await page.locator(`${byTestId("assess-history-table")} tbody tr button`).first().click();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=assess-history-table] tbody tr").length === 1);
  assert.deepEqual(page.errors, []);
  await context.close();
});

function resultFile(name, base) {
  const answers = {};
  for (let i = 1; i <= 12; i++) answers[`k${String(i).padStart(2, "0")}`] = ((i + base) % 5) + 1;
  return {
    name: `${name}.json`,
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({
      app: "rm-toolkit", kind: "assess-result", format: 1, questionnaire: "kash",
      trainee: name, date: "2026-11-20", answers,
    })),
  };
}

test("class view imports three result files at once and skips a damaged one", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/assess/class" });
  await page.waitForSelector(byTestId("assess-class"));
  await page.setInputFiles(byTestId("assess-class-file"), [
    resultFile("学员甲", 0),
    resultFile("学员乙", 1),
    resultFile("学员丙", 3),
    { name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"app":"rm-toolkit","kind":"assess-res') },
  ]);
  await page.waitForSelector(byTestId("assess-class-skipped"));
  assert.match(await page.textContent(byTestId("assess-class-skipped")), /broken\.json/);
  await page.waitForFunction(() => /3/.test(document.querySelector("[data-testid=assess-class-added]")?.textContent || ""));
  // The view switches to the imported questionnaire (the demo class holds another one).
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=assess-class-row]").length === 3);
  assert.equal(await page.getAttribute(byTestId("assess-class-q-kash"), "aria-pressed"), "true");
  assert.ok(await page.isVisible(byTestId("assess-class-radar")));
  assert.deepEqual(await unnamed(page), []);
  for (const d of ["knowledge", "attitude", "skills", "habits"]) {
    assert.match(await page.textContent(byTestId(`assess-avg-${d}`)), /^\d+$/);
  }
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("assess-class-csv"))]);
  const csv = await downloadText(dl);
  assert.equal(csv.trim().split(/\r\n/).length, 5, csv);
  assert.match(csv, /学员丙/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a phone-sized screen has no sideways scrolling and big answer buttons", async () => {
  const { context, page } = await newPage(browser, app.url, {
    hash: "#/assess/take/excellent", viewport: { width: 360, height: 740 },
  });
  await page.waitForSelector(byTestId("assess-question"));
  const box = await page.locator(byTestId("assess-opt-0-3")).boundingBox();
  assert.ok(box.height >= 44 && box.width >= 44, JSON.stringify(box));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `overflow ${overflow}`);
  await page.goto(app.url + "#/assess/result/2");
  await page.waitForSelector(byTestId("assess-radar"));
  const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow2 <= 0, `overflow ${overflow2}`);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the printable report of a result fits on one A4 page", async () => {
  for (const id of ["2", "3"]) {
    const { context, page } = await newPage(browser, app.url, { hash: `#/assess/result/${id}` });
    await page.waitForSelector(byTestId("assess-radar"));
    const pdf = await page.pdf({ format: "A4" });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.equal(pages, 1, `result ${id}`);
    await context.close();
  }
});
