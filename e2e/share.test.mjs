// End-to-end tests of share links and QR codes (issue #12, the room loop):
// the trainer changes a CLV input and opens "share"; the QR code on screen
// decodes (screenshot + jsQR) to the link shown; a second browser with its
// own earlier work opens that link on a phone viewport: the shared values
// show, its own work is still there, a reload does not add it twice, undo
// removes it; a damaged or truncated link gives a message and changes
// nothing. Then one share per other tool: tier settings (asked first, the
// customer list stays), an anonymised map (no name in what arrives), a
// script and a questionnaire.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { startAll, stopAll, newPage, settle, byTestId, appIdb } from "./harness.mjs";

let app, browser;
before(async () => ({ app, browser } = await startAll()));
after(() => stopAll({ app, browser }));

const PHONE = { width: 390, height: 844 };

async function setField(page, testid, text) {
  const sel = byTestId(testid);
  await page.fill(sel, text);
  await page.press(sel, "Tab");
}

/** A stored document's data (null when never saved). */
async function docData(page, name) {
  const key = `rmt:doc:${name}`;
  let raw = await page.evaluate((k) => localStorage.getItem(k), key);
  // Large documents (the tiering list) live in IndexedDB under the same key.
  if (!raw) raw = (await appIdb(page))[key] ?? null;
  return raw ? JSON.parse(raw).data : null;
}

/** The stored text of a document, wherever it is kept. */
async function docText(page, name) {
  const key = `rmt:doc:${name}`;
  return (await page.evaluate((k) => localStorage.getItem(k), key)) ?? (await appIdb(page))[key] ?? null;
}

/** Page errors (a CSP report of a style attribute among them). */
const errs = (...pages) => pages.flatMap((p) => p.errors);

/** The share panel, full screen and notices set no `style=` attribute (strict CSP). */
async function noInlineStyle(page) {
  const n = await page.evaluate(
    () => document.querySelectorAll("[data-testid=share-panel] [style], [data-testid=share-panel][style], .share-notice [style], .share-notice[style], .share-open[style]").length,
  );
  assert.equal(n, 0, "no style attribute in the share UI");
}

/** Open the share panel; returns the link shown. */
async function openShare(page) {
  await page.click(byTestId("share-open"));
  await page.waitForSelector(byTestId("share-panel"));
  await noInlineStyle(page);
  const link = await page.inputValue(byTestId("share-link"));
  assert.ok(link.length > 0);
  return link;
}

/** Screenshot the QR <svg> and decode it with jsQR. */
async function scanQr(page, testid = "share-qr") {
  // caret "initial": Playwright would otherwise inject a <style> (refused by the CSP).
  const png = PNG.sync.read(await page.locator(byTestId(testid)).screenshot({ caret: "initial" }));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, "the QR code on screen decodes");
  return code.data;
}

/** Open a link in a page that already shows the app (a phone scanning it). */
async function openLink(page, link) {
  await page.goto(link);
  await page.waitForSelector(`${byTestId("share-opened")}, ${byTestId("share-ask")}, ${byTestId("share-error")}`);
}

test("CLV: the QR decodes to the link; a phone with its own work opens it as a copy; damaged links change nothing", async () => {
  // The trainer.
  const { context: ctxA, page: a } = await newPage(browser, app.url, { hash: "#/clv" });
  await a.waitForSelector(byTestId("clv-total"));
  await setField(a, "clv-input-initial_margin", "1777");
  await a.waitForFunction(() => document.querySelector("[data-testid=clv-total]").textContent === "¥15,331.36");
  const sharedName = await a.$eval(`${byTestId("clv-scenario")} option:checked`, (o) => o.textContent);
  const link = await openShare(a);
  assert.ok(link.startsWith(`${app.url}#/clv/open/`), link);
  // An accessible, modal dialog.
  assert.equal(await a.getAttribute(byTestId("share-panel"), "role"), "dialog");
  assert.equal(await a.getAttribute(byTestId("share-panel"), "aria-modal"), "true");
  assert.match(await a.textContent(byTestId("share-contents")), new RegExp(sharedName));
  const meter = await a.textContent(byTestId("share-qr-version"));
  assert.match(meter, /二维码版本 \d+/);
  const version = Number(meter.match(/版本 (\d+)/)[1]);
  console.log(`# CLV demo case: link ${link.length - app.url.length} chars after the page address (${link.length} in all), QR version ${version}: ${meter}`);
  assert.ok(version <= 10, `version ${version}`);
  // The code on screen is the link on screen.
  assert.equal(await scanQr(a), link);
  // Full screen for the projector: the code again, the address under it.
  await a.click(byTestId("share-fullscreen"));
  await a.waitForSelector(byTestId("share-full"));
  await noInlineStyle(a);
  // The browser's own full screen too (the overlay fills the window either way).
  await a.waitForFunction(() => document.fullscreenElement?.dataset.testid === "share-full");
  assert.equal(await scanQr(a, "share-qr-full"), link);
  assert.match(await a.textContent(byTestId("share-full-address")), /127\.0\.0\.1:\d+\/sub\/rm-toolkit\//);
  await a.keyboard.press("Escape");
  await a.waitForSelector(byTestId("share-full"), { state: "detached" });
  assert.ok(await a.isVisible(byTestId("share-panel")), "Esc leaves full screen first");
  await a.waitForFunction(() => !document.fullscreenElement);
  await a.keyboard.press("Escape");
  await a.waitForSelector(byTestId("share-panel"), { state: "detached" });
  assert.equal(await a.evaluate(() => document.activeElement?.dataset.testid), "share-open", "focus returns");
  assert.deepEqual(errs(a), []);

  // The trainee's phone, with its own earlier work.
  const { context: ctxB, page: b } = await newPage(browser, app.url, { hash: "#/clv", viewport: PHONE });
  await b.waitForSelector(byTestId("clv-total"));
  await setField(b, "clv-input-initial_margin", "4242");
  await settle(b);
  const mine = await docData(b, "clv");
  const myCount = mine.scenarios.length;
  const myId = mine.selected;

  await openLink(b, link);
  await b.waitForFunction(() => location.hash === "#/clv");
  assert.match(await b.textContent(byTestId("share-opened")), new RegExp(sharedName));
  await noInlineStyle(b);
  await b.waitForFunction(() => document.querySelector("[data-testid=clv-input-initial_margin]")?.value === "1777");
  assert.equal(await b.textContent(byTestId("clv-total")), "¥15,331.36");
  await settle(b);
  let now = await docData(b, "clv");
  assert.equal(now.scenarios.length, myCount + 1);
  assert.equal(now.scenarios.find((s) => s.id === myId).six.initial_margin, 4242, "own work untouched");
  // A reload does not add it twice.
  await b.reload();
  await b.waitForSelector(byTestId("clv-total"));
  await settle(b);
  assert.equal((await docData(b, "clv")).scenarios.length, myCount + 1);
  // The trainee's own case is still there.
  await b.selectOption(byTestId("clv-scenario"), String(myId));
  await b.waitForFunction(() => document.querySelector("[data-testid=clv-input-initial_margin]")?.value === "4242");

  // Damaged (a changed character), truncated, foreign: a message, nothing changed.
  await settle(b);
  const before = await b.evaluate(() => localStorage.getItem("rmt:doc:clv"));
  const token = link.slice(link.lastIndexOf("/") + 1);
  const i = token.length - 12;
  const damaged = link.slice(0, link.length - token.length) + token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
  for (const [bad, re] of [
    [damaged, /损坏|不完整/],
    [link.slice(0, -15), /不完整/],
    [`${app.url}#/clv/open/x9.hello`, /不是本工具箱/],
    [link.replace("/open/C1-", "/open/C7-"), /更新版本/],
  ]) {
    await openLink(b, bad);
    const msg = await b.textContent(byTestId("share-error"));
    assert.match(msg, re, bad);
    assert.match(msg, /没有任何改动/);
    await settle(b);
    assert.equal(await b.evaluate(() => localStorage.getItem("rmt:doc:clv")), before, "nothing changed");
    assert.equal(await b.evaluate(() => location.hash), "#/clv");
  }
  // In English too.
  await b.click(byTestId("lang-toggle"));
  await openLink(b, damaged);
  assert.match(await b.textContent(byTestId("share-error")), /damaged|incomplete/i);
  await b.click(byTestId("lang-toggle"));

  // Undo removes the copy.
  await openLink(b, link);
  await settle(b);
  assert.equal((await docData(b, "clv")).scenarios.length, myCount + 2);
  await b.click(byTestId("share-undo"));
  await b.waitForSelector(byTestId("share-undone"));
  await settle(b);
  assert.equal((await docData(b, "clv")).scenarios.length, myCount + 1);
  assert.deepEqual(errs(b), []);
  await ctxA.close();
  await ctxB.close();
});

test("tier settings: never the customer list; the trainee is asked before theirs are replaced, and can undo", async () => {
  const { context: ctxA, page: a } = await newPage(browser, app.url, { hash: "#/tiering" });
  await a.waitForSelector(byTestId("tiering-th-vip"));
  await setField(a, "tiering-th-vip", "123456");
  const link = await openShare(a);
  assert.match(await a.textContent(byTestId("share-note")), /客户名单永远不会放进链接/);
  console.log(`# tier settings: link ${link.length - app.url.length} chars after the page address, ${await a.textContent(byTestId("share-qr-version"))}`);
  assert.equal(await scanQr(a), link);

  const { context: ctxB, page: b } = await newPage(browser, app.url, { hash: "#/tiering", viewport: PHONE });
  await b.waitForSelector(byTestId("tiering-th-vip"));
  await setField(b, "tiering-th-vip", "777");
  await settle(b);
  const myList = JSON.stringify((await docData(b, "tiering")).list);
  await openLink(b, link);
  await b.waitForSelector(byTestId("share-ask"));
  assert.equal(await b.inputValue(byTestId("tiering-th-vip")), "777", "nothing replaced before the answer");
  await b.click(byTestId("share-replace"));
  await b.waitForSelector(byTestId("share-opened"));
  await b.waitForFunction(() => document.querySelector("[data-testid=tiering-th-vip]").value === "123456");
  await settle(b);
  assert.equal(JSON.stringify((await docData(b, "tiering")).list), myList, "the customer list stays");
  await b.click(byTestId("share-undo"));
  await b.waitForFunction(() => document.querySelector("[data-testid=tiering-th-vip]").value === "777");
  // "Keep mine" changes nothing.
  await settle(b);
  const before = await docText(b, "tiering");
  await openLink(b, link);
  await b.click(byTestId("share-keep"));
  await b.waitForSelector(byTestId("share-undone"));
  await settle(b);
  assert.equal(await docText(b, "tiering"), before);
  assert.deepEqual(errs(a, b), []);
  await ctxA.close();
  await ctxB.close();
});

test("map: anonymised in the dialog, the map that arrives has no names or notes; added as a new map", async () => {
  const { context: ctxA, page: a } = await newPage(browser, app.url, { hash: "#/map" });
  await a.waitForSelector("g.map-node");
  // Make the trainer's map stored, to read its names.
  await a.click(byTestId("share-open"));
  await a.waitForSelector(byTestId("share-panel"));
  const plain = await a.inputValue(byTestId("share-link"));
  const plainContents = await a.textContent(byTestId("share-contents"));
  assert.match(plainContents, /个姓名/);
  console.log(`# demo map: link ${plain.length - app.url.length} chars after the page address, ${await a.textContent(byTestId("share-qr-version"))}`);
  await a.check(byTestId("share-anon"));
  await a.waitForFunction((p) => document.querySelector("[data-testid=share-link]").value !== p, plain);
  const link = await a.inputValue(byTestId("share-link"));
  const contents = await a.textContent(byTestId("share-contents"));
  assert.match(contents, /姓名已替换为角色和编号/);
  assert.doesNotMatch(contents, /备注|个姓名/);
  console.log(`# demo map, anonymised: link ${link.length - app.url.length} chars after the page address, ${await a.textContent(byTestId("share-qr-version"))}`);
  assert.equal(await scanQr(a), link);
  const names = await a.$$eval("g.map-node text", (els) => els.map((e) => e.textContent.trim()).filter((t) => t.length > 1));
  assert.ok(names.length >= 3, names.join());

  const { context: ctxB, page: b } = await newPage(browser, app.url, { hash: "#/map", viewport: PHONE });
  await b.waitForSelector("g.map-node");
  await b.evaluate(() => document.querySelector("[data-testid=main]").focus());
  await openLink(b, link);
  await settle(b);
  const doc = await docData(b, "map");
  const added = doc.maps.find((m) => m.id === doc.current);
  assert.equal(added.name, "匿名关系图");
  assert.ok(doc.maps.length >= 2, "the trainee's maps are still there");
  const arrived = added.graph.nodes.map((n) => n.name);
  for (const n of names) assert.ok(!arrived.includes(n), `no real name: ${n}`);
  assert.ok(added.graph.nodes.every((n) => !n.notes), "no notes");
  assert.deepEqual(errs(a, b), []);
  await ctxA.close();
  await ctxB.close();
});

test("script: shared from the editor, opened as a new script in the trainee's library", async () => {
  const { context: ctxA, page: a } = await newPage(browser, app.url, { hash: "#/scripts" });
  await a.waitForSelector(byTestId("scripts-library"));
  const href = await a.getAttribute('a[href^="#/scripts/edit/"]', "href");
  await a.goto(`${app.url}${href}`);
  await a.waitForSelector(byTestId("share-open"));
  const link = await openShare(a);
  const name = (await a.textContent(byTestId("share-contents"))).match(/名称：(.+?)(FABE|PPF|[\u4e00-\u9fa5]+：)/)?.[1];
  console.log(`# demo script: link ${link.length - app.url.length} chars after the page address, ${await a.textContent(byTestId("share-qr-version"))}`);
  assert.equal(await scanQr(a), link);

  const { context: ctxB, page: b } = await newPage(browser, app.url, { hash: "#/scripts", viewport: PHONE });
  await b.waitForSelector(byTestId("scripts-library"));
  await openLink(b, link);
  await b.waitForFunction(() => /^#\/scripts\/edit\/\d+$/.test(location.hash));
  await settle(b);
  const doc = await docData(b, "scripts");
  const id = Number((await b.evaluate(() => location.hash)).split("/").pop());
  const s = doc.scripts.find((x) => x.id === id);
  assert.ok(s, "the new script is open");
  if (name) assert.ok(s.name.startsWith(name.trim()), `${s.name} / ${name}`);
  const count = doc.scripts.length;
  await b.click(byTestId("share-undo"));
  await b.waitForFunction(() => location.hash === "#/scripts");
  await settle(b);
  assert.equal((await docData(b, "scripts")).scripts.length, count - 1);
  assert.deepEqual(errs(a, b), []);
  await ctxA.close();
  await ctxB.close();
});

test("questionnaire: shared from its page, opens to be taken on the phone", async () => {
  const { context: ctxA, page: a } = await newPage(browser, app.url, { hash: "#/assess/take/excellent" });
  await a.waitForSelector(byTestId("share-open"));
  const link = await openShare(a);
  assert.match(await a.textContent(byTestId("share-contents")), /问卷：/);
  console.log(`# questionnaire: link ${link.length - app.url.length} chars after the page address, ${await a.textContent(byTestId("share-qr-version"))}`);
  assert.equal(await scanQr(a), link);

  // The list offers the same share for each questionnaire, named after it.
  await a.goto(`${app.url}#/assess`);
  const card = a.locator(byTestId("assess-q-excellent"));
  await card.locator(byTestId("share-open")).waitFor();
  const title = (await card.locator("h2").textContent()).trim();
  const btn = a.getByRole("button", { name: `分享：${title}` });
  await btn.click();
  await a.waitForSelector(byTestId("share-panel"));
  assert.equal(await a.inputValue(byTestId("share-link")), link, "the list shares the same link");
  await a.keyboard.press("Escape");
  await a.waitForSelector(byTestId("share-panel"), { state: "detached" });

  const { context: ctxB, page: b } = await newPage(browser, app.url, { hash: "#/assess", viewport: PHONE });
  await openLink(b, link);
  await b.waitForFunction(() => location.hash === "#/assess/take/excellent");
  assert.ok(await b.isVisible(byTestId("share-opened")));
  assert.deepEqual(errs(a, b), []);
  await ctxA.close();
  await ctxB.close();
});
