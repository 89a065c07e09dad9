// End-to-end tests of portfolio tiering: the sample, tier counts, pasted and
// GB18030 input, bad rows, export with BOM, a large list (windowed table,
// kept in IndexedDB across a reload; a full disk says so and loses nothing).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startAll, stopAll, newPage, settle, appStorage, appIdb, downloadText, byTestId } from "./harness.mjs";

let app, browser;
before(async () => ({ app, browser } = await startAll()));
after(() => stopAll({ app, browser }));

const count = (page, slug) => page.textContent(byTestId(`tiering-tier-${slug}-count`));
/** Wait until the tiering document is written (IndexedDB writes are asynchronous). */
async function saved(page) {
  await settle(page);
  await page.waitForSelector(`${byTestId("tool-tiering")} [data-testid=save-state][data-state=saved]`, { timeout: 30000 });
}
function bigCsv(n) {
  let csv = "id,name,aum,revenue,cost,products\n";
  for (let i = 0; i < n; i++) {
    csv += `C${String(i).padStart(6, "0")},客户${i},${(i * 37) % 900000},${(i * 13) % 20000},${(i * 7) % 1500},${i % 7}\n`;
  }
  return csv;
}

// Keep in step with `sample_tier_counts` in src/tools/tiering/sample.rs.
const VIP = { vip: "35", ordinary: "139", loss: "26" };
const METAL = { platinum: "15", gold: "48", iron: "137" };
const METAL_AUM = { platinum: "7", gold: "67", iron: "126" };

test("the sample loads and is tiered with the expected counts (both schemes, both languages)", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/tiering" });
  await page.waitForSelector(byTestId("tool-tiering"));
  await page.click(byTestId("tiering-load-sample"));
  await page.waitForSelector(byTestId("tiering-import-msg"));
  assert.match(await page.textContent(byTestId("tiering-import-msg")), /已导入 200 位客户/);
  for (const [slug, n] of Object.entries(VIP)) assert.equal(await count(page, slug), n, slug);
  assert.match(await page.textContent(byTestId("tiering-top20")), /前 20% 的客户（40 位）贡献了 \d+(\.\d)?% 的价值/);
  // Every control has an accessible name.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("[data-testid=tool-tiering] :is(button, a, input, select, textarea)")].filter((el) => {
      const name = el.getAttribute("aria-label") || el.textContent.trim() || el.getAttribute("title") ||
        (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest("label");
      return !name;
    }).map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  const share = Number(await page.getAttribute(byTestId("tiering-top20"), "data-share"));
  assert.ok(share > 0.6 && share < 1, String(share));
  assert.ok(Number(await page.getAttribute(byTestId("tiering-gain"), "data-gain")) > 0);
  await page.click(byTestId("tiering-scheme-metal"));
  for (const [slug, n] of Object.entries(METAL)) assert.equal(await count(page, slug), n, slug);
  // By AUM: its own thresholds (not everyone becomes platinum), then back.
  await page.selectOption(byTestId("tiering-basis"), "aum");
  await page.waitForFunction(() => document.querySelector("[data-testid=tiering-tier-platinum-count]").textContent === "7");
  for (const [slug, n] of Object.entries(METAL_AUM)) assert.equal(await count(page, slug), n, slug);
  assert.equal(await page.inputValue(byTestId("tiering-th-platinum")), "500000");
  await page.selectOption(byTestId("tiering-basis"), "value");
  await page.waitForFunction(() => document.querySelector("[data-testid=tiering-tier-platinum-count]").textContent === "15");
  // English: same list, same counts, English labels.
  await page.click(byTestId("lang-toggle"));
  await page.click(byTestId("tiering-load-sample"));
  await page.waitForFunction(() => /Imported 200 customers/.test(document.querySelector("[data-testid=tiering-import-msg]").textContent));
  for (const [slug, n] of Object.entries(METAL)) assert.equal(await count(page, slug), n, slug);
  assert.match(await page.textContent(byTestId("tiering-tier-platinum")), /Platinum/);
  await page.click(byTestId("tiering-scheme-vip"));
  for (const [slug, n] of Object.entries(VIP)) assert.equal(await count(page, slug), n, slug);
  // Saved (in IndexedDB, not localStorage): the document holds the list and the scheme.
  await saved(page);
  assert.equal((await appStorage(page))["rmt:doc:tiering"], undefined);
  const doc = JSON.parse((await appIdb(page))["rmt:doc:tiering"]);
  assert.equal(doc.data.scheme, "Vip");
  assert.equal(doc.data.list.trim().split("\n").length, 201);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("pasted TSV with bad rows: the rest load, failures name row and column", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/tiering" });
  await page.waitForSelector(byTestId("tiering-paste"));
  const tsv = "客户号\t客户名称\t资产\t年收益\t服务成本\t持有产品数\n" +
    "A1\t王伟\t1,200,000\t30000\t800\t5\n" +
    "A2\t李娜\t50000\tabc\t300\t2\n" +
    "A1\t重复\t1\t1\t1\t1\n" +
    "A3\t陈静\t8万\t900\t1200\t1\n";
  await page.fill(byTestId("tiering-paste"), tsv);
  await page.waitForSelector(byTestId("tiering-preview"));
  assert.equal(await page.inputValue(byTestId("tiering-map-revenue")), "3");
  await page.click(byTestId("tiering-import"));
  const msg = await page.textContent(byTestId("tiering-import-msg"));
  assert.match(msg, /已导入 2 位客户/);
  assert.match(msg, /第 3 行，D 列「年收益」：「abc」不是数字/);
  assert.match(msg, /第 4 行，A 列「客户号」：客户号重复（首次出现在第 2 行）/);
  assert.equal(await count(page, "vip"), "1");
  assert.equal(await count(page, "loss"), "1");
  // A one-column text is refused with a clear message.
  // It replaces the success message in the one message area, and is said once.
  await page.fill(byTestId("tiering-paste"), "id|revenue\n1|2\n");
  await page.waitForFunction(() => /只识别出一列/.test(document.querySelector("[data-testid=tiering-import-msg]")?.textContent || ""));
  assert.doesNotMatch(await page.textContent(byTestId("tiering-import-msg")), /已导入/);
  assert.equal((await page.textContent("main")).split("只识别出一列").length - 1, 1);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a GB18030 CSV file (Chinese Excel) imports with Chinese intact; export has a BOM", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/tiering" });
  await page.waitForSelector(byTestId("tiering-file"));
  // "客户号,客户名称,年收益,持有产品数\r\nG001,张三,5000,4\r\nG002,李四,800,2\r\n" in GB18030.
  const gbk = Buffer.from([191, 205, 187, 167, 186, 197, 44, 191, 205, 187, 167, 195, 251, 179, 198, 44, 196, 234, 202, 213, 210, 230, 44, 179, 214, 211, 208, 178, 250, 198, 183, 202, 253, 13, 10, 71, 48, 48, 49, 44, 213, 197, 200, 253, 44, 53, 48, 48, 48, 44, 52, 13, 10, 71, 48, 48, 50, 44, 192, 238, 203, 196, 44, 56, 48, 48, 44, 50, 13, 10]);
  await page.setInputFiles(byTestId("tiering-file"), { name: "客户.csv", mimeType: "text/csv", buffer: gbk });
  await page.waitForFunction(() => /已导入 2 位客户/.test(document.querySelector("[data-testid=tiering-import-msg]")?.textContent || ""));
  assert.match(await page.textContent(byTestId("tiering-table")), /张三/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("tiering-export"))]);
  const text = await downloadText(download);
  assert.ok(text.startsWith("\ufeff客户号,客户名称"), text.slice(0, 40));
  assert.match(text, /G001,张三,0,5000,0,4,,,1,/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("100,000 rows: windowed table, sorting, filter; stored in IndexedDB, all there after a reload", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/tiering" });
  await page.waitForSelector(byTestId("tiering-file"));
  await page.setInputFiles(byTestId("tiering-file"), { name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(bigCsv(100000)) });
  await page.waitForFunction(() => /已导入 100,000 位客户/.test(document.querySelector("[data-testid=tiering-import-msg]")?.textContent || ""), null, { timeout: 30000 });
  const rendered = await page.$$eval("[data-testid=tiering-table] [role=row]", (r) => r.length);
  assert.ok(rendered < 60, `rendered ${rendered} rows`);
  // Scroll to the end: the last rows are there.
  await page.$eval(".tiering-scroll", (el) => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event("scroll")); });
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=tiering-table] [role=row]")].some((r) => r.getAttribute("aria-rowindex") === "100001"));
  // Sort by id ascending, filter by text.
  await page.click(byTestId("tiering-sort-id"));
  await page.fill(byTestId("tiering-filter"), "C099999");
  await page.waitForFunction(() => /显示 1 \/ 100,000/.test(document.querySelector("[data-testid=tiering-shown]").textContent));
  // Stored whole, in IndexedDB; nothing of it in localStorage.
  await saved(page);
  const doc = JSON.parse((await appIdb(page))["rmt:doc:tiering"]);
  assert.equal(doc.data.list.trim().split("\n").length, 100001);
  assert.equal((await appStorage(page))["rmt:doc:tiering"], undefined);
  // Reload: all 100,000 there, no "import again" message.
  await page.reload();
  await page.waitForSelector(byTestId("tiering-shown"), { timeout: 30000 });
  assert.match(await page.textContent(byTestId("tiering-shown")), /显示 100,000 \/ 100,000/);
  assert.equal(await page.$(byTestId("tiering-empty")), null);
  const vip = Number((await count(page, "vip")).replace(/,/g, ""));
  const ordinary = Number((await count(page, "ordinary")).replace(/,/g, ""));
  const loss = Number((await count(page, "loss")).replace(/,/g, ""));
  assert.equal(vip + ordinary + loss, 100000);
  // The workspace export from another address (the shell binary) carries it.
  await page.goto(app.url + "#/data");
  await page.waitForSelector(byTestId("data-page"));
  await page.waitForFunction(() => /tiering|客户价值/.test(document.querySelector("[data-testid=doc-table]").textContent));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("export-workspace"))]);
  const file = JSON.parse(await downloadText(download));
  assert.equal(file.docs.tiering.data.list.trim().split("\n").length, 100001);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a full disk in IndexedDB: the clear storage-full message, nothing lost", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/tiering" });
  // Once window.__idbFull is set, every IndexedDB write fails as a full disk does.
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__idbFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return put.apply(this, args);
    };
  });
  await page.reload();
  await page.waitForSelector(byTestId("tiering-file"));
  await page.setInputFiles(byTestId("tiering-file"), { name: "first.csv", mimeType: "text/csv", buffer: Buffer.from(bigCsv(1000)) });
  await page.waitForFunction(() => /已导入 1,000 位客户/.test(document.querySelector("[data-testid=tiering-import-msg]")?.textContent || ""));
  await saved(page);
  await page.evaluate(() => { window.__idbFull = true; });
  await page.setInputFiles(byTestId("tiering-file"), { name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(bigCsv(100000)) });
  await page.waitForFunction(() => /已导入 100,000 位客户/.test(document.querySelector("[data-testid=tiering-import-msg]")?.textContent || ""), null, { timeout: 30000 });
  await page.waitForSelector("[data-testid=notice][data-kind='notice.quota']", { timeout: 10000 });
  assert.match(await page.textContent("[data-testid=notice][data-kind='notice.quota']"), /存储空间已满|空间/);
  assert.equal(await page.getAttribute(`${byTestId("tool-tiering")} [data-testid=save-state]`, "data-state"), "failed");
  // The work is still on screen, and the earlier save is intact.
  assert.match(await page.textContent(byTestId("tiering-shown")), /100,000/);
  const before = JSON.parse((await appIdb(page))["rmt:doc:tiering"]);
  assert.equal(before.data.source, "first.csv");
  // Room again: the next change saves the whole list.
  await page.evaluate(() => { window.__idbFull = false; });
  await page.click(byTestId("tiering-scheme-metal"));
  await saved(page);
  const after = JSON.parse((await appIdb(page))["rmt:doc:tiering"]);
  assert.equal(after.data.source, "big.csv");
  assert.equal(after.data.list.trim().split("\n").length, 100001);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("editing thresholds and assumptions re-tiers at once; a divergent set is explained", async () => {
  const { context, page } = await newPage(browser, app.url, { hash: "#/tiering" });
  await page.click(byTestId("tiering-load-sample"));
  await page.waitForSelector(byTestId("tiering-tier-vip-count"));
  assert.equal(await count(page, "vip"), VIP.vip);
  // Bad text in a threshold: the tiers give way to "—" and the reason.
  await page.fill(byTestId("tiering-th-vip"), "abc");
  await page.press(byTestId("tiering-th-vip"), "Tab");
  await page.waitForSelector(byTestId("tiering-input-error"));
  assert.match(await page.textContent(byTestId("tiering-input-error")), /^— .*VIP/);
  assert.equal(await page.locator(byTestId("tiering-tier-vip-count")).count(), 0);
  await page.fill(byTestId("tiering-th-vip"), "20000");
  await page.press(byTestId("tiering-th-vip"), "Tab");
  await page.waitForSelector(byTestId("tiering-tier-vip-count"));
  await page.waitForFunction(() => document.querySelector("[data-testid=tiering-tier-vip-count]").textContent !== "35");
  const vip = Number(await count(page, "vip"));
  assert.ok(vip > 0 && vip < 35, String(vip));
  // Suggested thresholds: VIP = top 20% (40 of 200, ties aside).
  await page.click(byTestId("tiering-suggest"));
  await page.waitForFunction(() => Number(document.querySelector("[data-testid=tiering-tier-vip-count]").textContent) >= 40);
  // Unlimited horizon, no discount, 100% retention: infinite value, said so.
  await page.fill(byTestId("tiering-discount"), "0");
  await page.press(byTestId("tiering-discount"), "Tab");
  await page.check(byTestId("tiering-unlimited"));
  await page.waitForSelector(byTestId("tiering-assume-error"));
  assert.match(await page.textContent(byTestId("tiering-assume-error")), /无限期时保留率须低于/);
  await page.uncheck(byTestId("tiering-unlimited"));
  await page.waitForSelector(byTestId("tiering-tier-vip-count"));
  assert.deepEqual(page.errors, []);
  await context.close();
});
