// End-to-end tests of the hand-in (issue #13, the way back of the room
// loop): a trainee's phone shows the result's QR code; the code is read
// from a screenshot (jsQR), drawn into a 640×480 .y4m video and played as
// the camera of a second Chromium (--use-fake-device-for-media-stream
// --use-file-for-fake-video-capture); the trainer's class view scans it and
// lists the trainee with the phone's scores. The video then shows a damaged
// code and the first code again: skipped with a reason, and ignored as a
// duplicate. A pasted code works too; with no camera, or the permission
// denied, the panel says so and the paste route still works. Closing the
// panel stops every camera track.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { startApp, launch, newPage, settle, byTestId } from "./harness.mjs";
import { modulesFromPng, encodeQr, rgba, writeY4m } from "./camera.mjs";

let app, browser, tmp;
const extra = [];
before(async () => {
  app = await startApp();
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rmt-handin-"));
});
after(async () => {
  for (const b of extra) await b.close();
  await browser?.close();
  await app?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const PHONE = { width: 390, height: 844 };
const errs = (...pages) =>
  pages.flatMap((p) => p.errors).filter((e) => !e.startsWith("Applying inline style violates"));

/** A Chromium whose camera plays `file` (`fakeUi`: permission granted without asking). */
async function cameraBrowser(file, { fakeUi = true } = {}) {
  const b = await launch([
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-video-capture=${file}`,
    "--autoplay-policy=no-user-gesture-required",
    ...(fakeUi ? ["--use-fake-ui-for-media-stream"] : []),
  ]);
  extra.push(b);
  return b;
}

/** Keep every camera stream the page gets, to check the tracks end. */
async function trackStreams(context) {
  await context.addInitScript(() => {
    window.__streams = [];
    const md = navigator.mediaDevices;
    if (md && md.getUserMedia) {
      const orig = md.getUserMedia.bind(md);
      md.getUserMedia = async (c) => {
        const s = await orig(c);
        window.__streams.push(s);
        return s;
      };
    }
  });
}

/** The phone: a result, its hand-in code with a name; returns the code, its QR modules and the scores shown. */
async function phoneHandIn(name) {
  const { context, page } = await newPage(browser, app.url, { hash: "#/assess/result/2", viewport: PHONE });
  await page.waitForSelector(byTestId("assess-result"));
  const qid = await page.getAttribute(byTestId("assess-result"), "data-q");
  const scores = await page.$$eval("[data-testid^=assess-score-]", (els) => els.map((e) => e.textContent.trim()));
  await page.click(byTestId("handin-open"));
  await page.waitForSelector(byTestId("handin-panel"));
  assert.equal(await page.getAttribute(byTestId("handin-panel"), "role"), "dialog");
  await page.fill(byTestId("handin-name"), name);
  await page.press(byTestId("handin-name"), "Tab");
  await page.waitForFunction((n) => document.querySelector("[data-testid=handin-contents]").textContent.includes(n), name);
  const code = await page.inputValue(byTestId("handin-code"));
  assert.match(code, /^R1-[A-Z2-7]+$/);
  const version = Number(await page.getAttribute(byTestId("handin-qr-version"), "data-version"));
  const n = await page.$$eval("[data-testid=handin-panel] [style]", (e) => e.length);
  assert.equal(n, 0, "no style attribute in the hand-in panel");
  // The phone's screen, read by a JS decoder.
  const png = PNG.sync.read(await page.locator(byTestId("handin-qr")).screenshot({ caret: "initial" }));
  const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(read, "the hand-in code on the phone decodes");
  assert.equal(read.data, code);
  assert.equal(read.version, version);
  const modules = modulesFromPng(png, 17 + 4 * version);
  const again = rgba(modules);
  assert.equal(jsQR(again.data, again.width, again.height)?.data, code, "modules sampled right");
  assert.deepEqual(errs(page), []);
  await context.close();
  return { qid, scores, code, version, modules };
}

/** A hand-in token with one character changed near the end (the checksum fails). */
function damage(code) {
  const i = code.length - 5;
  return code.slice(0, i) + (code[i] === "A" ? "B" : "A") + code.slice(i + 1);
}

/** Texts of the class table's row of `name` (null when absent). */
async function classRow(page, name) {
  return page.$$eval(
    "[data-testid=assess-class-row]",
    (rows, n) => {
      const r = rows.find((x) => x.cells[0].textContent.trim() === n);
      return r ? [...r.cells].map((c) => c.textContent.trim()) : null;
    },
    name,
  );
}

const logOf = (page) =>
  page.$$eval("[data-testid=scan-log] li", (ls) => ls.map((l) => [l.dataset.outcome, l.textContent.trim()]));

test("a trainee hands in by QR; the trainer's camera files the result, skips a damaged code and the same code twice", async () => {
  const name = "张敏";
  const { qid, scores, code, version, modules } = await phoneHandIn(name);
  console.log(`# hand-in code of ${qid} (${scores.length} dimensions, name ${name}): ${code.length} chars, QR version ${version}`);
  assert.ok(version <= 6, `version ${version}`);
  const damaged = damage(code);
  const damagedModules = encodeQr(damaged);
  const check = rgba(damagedModules);
  assert.equal(jsQR(check.data, check.width, check.height)?.data, damaged);
  // The camera: the code for 1.2 s, an empty desk for 3 s, the damaged
  // code, the desk again; Chromium loops it, so the first code comes back.
  const video = path.join(tmp, "room.y4m");
  writeY4m(video, [[modules, 1.2], [null, 3], [damagedModules, 1.2], [null, 3]]);

  const cam = await cameraBrowser(video);
  const ctx = await cam.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  await trackStreams(ctx);
  const page = await ctx.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && page.errors.push(m.text()));
  await page.goto(app.url + "#/assess/class");
  await page.waitForSelector(byTestId("assess-class"));
  assert.equal(await classRow(page, name), null);

  await page.click(byTestId("scan-open"));
  await page.waitForSelector(`${byTestId("scan-panel")}[data-state=live]`);
  const t0 = Date.now();
  await page.waitForFunction(
    (n) => [...document.querySelectorAll("[data-testid=assess-class-row]")].some((r) => r.cells[0].textContent.trim() === n),
    name,
    { polling: 20 },
  );
  const latency = Date.now() - t0;
  const panel = byTestId("scan-panel");
  const decoder = await page.getAttribute(panel, "data-decoder");
  const decodeMs = await page.getAttribute(panel, "data-decode-ms");
  console.log(`# scan: code in view → row in the class ${latency} ms (camera live → row; decoder ${decoder}, last frame decoded in ${decodeMs} ms, a frame every 150 ms)`);
  assert.ok(await page.isVisible(byTestId("scan-video")));
  const row = await classRow(page, name);
  assert.deepEqual(row.slice(2, 2 + scores.length), scores, "the class lists the trainee with the phone's scores");
  assert.match(await page.textContent(byTestId("scan-flash")), new RegExp(`已收到 ${name} 的结果`));
  assert.equal(await page.getAttribute(byTestId("scan-flash"), "data-outcome"), "added");
  assert.ok(Number(await page.getAttribute(panel, "data-beeps")) >= 1, "a beep");

  // The damaged code, then the first code again (the video loops).
  await page.waitForFunction(() => document.querySelector("[data-testid=scan-log] li[data-outcome=refused]"), null, { timeout: 15000 });
  await page.waitForFunction(() => document.querySelector("[data-testid=scan-log] li[data-outcome=duplicate]"), null, { timeout: 15000 });
  const log = await logOf(page);
  const refused = log.find(([o]) => o === "refused")[1];
  assert.match(refused, /已跳过：链接已损坏/);
  const dup = log.find(([o]) => o === "duplicate")[1];
  assert.match(dup, new RegExp(`${name} 的这份结果已经收到过，已跳过`));
  const rows = await page.$$eval("[data-testid=assess-class-row]", (rs, n) => rs.filter((r) => r.cells[0].textContent.trim() === n).length, name);
  assert.equal(rows, 1, "one row for the trainee");

  // Pasted: the same code (duplicate), foreign text, a link of another kind.
  await page.fill(byTestId("scan-paste"), `${code}\n`);
  await page.click(byTestId("scan-paste-go"));
  await page.waitForFunction(() => document.querySelector("[data-testid=scan-flash]").dataset.outcome === "duplicate");
  await page.fill(byTestId("scan-paste"), "hello world");
  await page.click(byTestId("scan-paste-go"));
  await page.waitForFunction(() => document.querySelector("[data-testid=scan-flash]").dataset.outcome === "refused");
  assert.match(await page.textContent(byTestId("scan-flash")), /不是本工具箱/);

  // Closing stops the camera.
  await page.click(byTestId("scan-close"));
  await page.waitForSelector(panel, { state: "detached" });
  const states = await page.evaluate(() => window.__streams.flatMap((s) => s.getTracks().map((t) => t.readyState)));
  assert.ok(states.length >= 1 && states.every((s) => s === "ended"), JSON.stringify(states));
  await settle(page);
  // Kept after a reload.
  await page.reload();
  await page.waitForSelector(byTestId("assess-class-table"));
  assert.deepEqual((await classRow(page, name)).slice(2, 2 + scores.length), scores);
  assert.deepEqual(errs(page), []);
  await ctx.close();
});

test("no camera, or the permission denied: a clear message, and a pasted code still comes in", async () => {
  const { code } = await phoneHandIn("李雷");
  // This browser has no camera at all.
  const { context, page } = await newPage(browser, app.url, { hash: "#/assess/class" });
  await page.click(byTestId("scan-open"));
  await page.waitForSelector(`${byTestId("scan-panel")}:is([data-state=nocamera], [data-state=denied])`);
  assert.match(await page.textContent(byTestId("scan-status")), /摄像头.*仍可导入文件，或把链接、代码粘贴到下面/);
  assert.ok(await page.isVisible(byTestId("assess-class-file")), "the file route");
  await page.fill(byTestId("scan-paste"), `https://example.org/rm/#/assess/open/${code}`);
  await page.click(byTestId("scan-paste-go"));
  await page.waitForFunction(() => document.querySelector("[data-testid=scan-flash]")?.dataset.outcome === "added");
  assert.ok(await classRow(page, "李雷"));
  assert.deepEqual(errs(page), []);
  await context.close();

  // A camera, but the permission is refused (no fake permission prompt).
  const video = path.join(tmp, "blank.y4m");
  writeY4m(video, [[null, 1]]);
  const cam = await cameraBrowser(video, { fakeUi: false });
  const ctx = await cam.newContext({ locale: "zh-CN" });
  const p = await ctx.newPage();
  await p.goto(app.url + "#/assess/class");
  await p.waitForSelector(byTestId("assess-class"));
  await p.click(byTestId("scan-open"));
  await p.waitForSelector(`${byTestId("scan-panel")}[data-state=denied]`);
  assert.match(await p.textContent(byTestId("scan-status")), /未获得摄像头权限/);
  await ctx.close();
});

/** The hand-in dialog of the page's current piece: its code, checked against the QR on screen. */
async function handInCode(page, prefix) {
  await page.click(byTestId("handin-open"));
  await page.waitForSelector(byTestId("handin-panel"));
  const code = await page.inputValue(byTestId("handin-code"));
  assert.ok(code.startsWith(prefix), code.slice(0, 10));
  const version = Number(await page.getAttribute(byTestId("handin-qr-version"), "data-version"));
  const png = PNG.sync.read(await page.locator(byTestId("handin-qr")).screenshot({ caret: "initial" }));
  assert.equal(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data, code, "the code on screen");
  await page.keyboard.press("Escape");
  await page.waitForSelector(byTestId("handin-panel"), { state: "detached" });
  return { code, version };
}

/** Paste `text` into the open receiver; returns the flash's outcome and text. */
async function paste(page, text) {
  const before = await page.$$eval("[data-testid=scan-log] li", (l) => l.length);
  await page.fill(byTestId("scan-paste"), text);
  await page.click(byTestId("scan-paste-go"));
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=scan-log] li").length > n, before);
  return [await page.getAttribute(byTestId("scan-flash"), "data-outcome"), await page.textContent(byTestId("scan-flash"))];
}

test("a pitch hands in to the script library, a small map to the map tool", async () => {
  const name = "张敏的代发薪话术";
  const { context, page } = await newPage(browser, app.url, { hash: "#/scripts", viewport: PHONE });
  await page.waitForSelector(byTestId("scripts-library"));
  await page.locator(byTestId("scripts-item-open")).first().click();
  await page.waitForSelector(byTestId("scripts-editor"));
  await page.fill(byTestId("scripts-name"), name);
  await page.press(byTestId("scripts-name"), "Tab");
  const script = await handInCode(page, "S1-");
  console.log(`# hand-in code of a FABE script: ${script.code.length} chars, QR version ${script.version}`);
  // A small map: a new family map (8 people), handed in from the map tool.
  await page.goto(app.url + "#/map");
  await page.waitForSelector(byTestId("map-select"));
  await page.selectOption(byTestId("map-template"), "family");
  await page.click(byTestId("map-new"));
  await page.waitForFunction(() => document.querySelectorAll("g.map-node").length === 8);
  const mapName = "张敏画的客户家庭";
  await page.fill(byTestId("map-rename"), mapName);
  await page.press(byTestId("map-rename"), "Tab");
  await page.waitForFunction((n) => document.querySelector("[data-testid=map-select] option:checked").textContent.trim() === n, mapName);
  const map = await handInCode(page, "M1-");
  console.log(`# hand-in code of the map “${mapName}”: ${map.code.length} chars, QR version ${map.version}`);
  assert.deepEqual(errs(page), []);
  await context.close();

  // The trainer's library (no camera here: the paste route).
  const { context: c2, page: t } = await newPage(browser, app.url, { hash: "#/scripts" });
  await t.waitForSelector(byTestId("scripts-library"));
  await t.click(byTestId("scan-open"));
  await t.waitForSelector(byTestId("scan-panel"));
  const [o1, m1] = await paste(t, script.code);
  assert.equal(o1, "added", m1);
  assert.match(m1, new RegExp(`已收到话术“${name}”`));
  const names = await t.$$eval("[data-testid=scripts-item-open]", (l) => l.map((x) => x.textContent.trim()));
  assert.ok(names.includes(name), JSON.stringify(names));
  const [o2, m2] = await paste(t, script.code);
  assert.equal(o2, "duplicate", m2);
  const [o3] = await paste(t, map.code);
  assert.equal(o3, "refused", "a map is not a script");

  // The trainer's map tool: paste only.
  await t.goto(app.url + "#/map");
  await t.waitForSelector(byTestId("map-select"));
  const maps = await t.$$eval(`${byTestId("map-select")} option`, (l) => l.length);
  await t.click(byTestId("scan-open"));
  await t.waitForSelector(byTestId("scan-panel"));
  assert.equal(await t.$$eval("[data-testid=scan-video]", (v) => v.length), 0, "no camera in the map tool");
  const [o4, m4] = await paste(t, map.code);
  assert.equal(o4, "added", m4);
  assert.match(m4, new RegExp(`已收到关系图“${mapName}”`));
  await t.waitForFunction((n) => document.querySelectorAll("[data-testid=map-select] option").length === n + 1, maps);
  const [o5] = await paste(t, map.code);
  assert.equal(o5, "duplicate");
  assert.deepEqual(errs(t), []);
  await c2.close();
});
