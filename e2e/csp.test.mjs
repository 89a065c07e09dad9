// The app under the strict Content-Security-Policy of issue 15 item 11, sent
// as an HTTP header as well as the page's meta tag: the main flows of every
// tool run, and any CSP violation (a `securitypolicyviolation` event or a
// console report) fails. Styles go through CSSOM (`style:width=` …), never a
// style attribute, so the bars drawn that way have a width.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { startApp, launch, DIST, downloadText, settle, byTestId } from "./harness.mjs";

const STRICT =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'";

/** The policy with the hashes of the page's inline scripts (only those may stay). */
function policy() {
  const html = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  const hashes = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attrs]) => !/\bsrc=/.test(attrs) && !/type="application\/json"/.test(attrs))
    .map(([, , body]) => `'sha256-${crypto.createHash("sha256").update(body).digest("base64")}'`);
  assert.ok(hashes.length <= 1, "at most one inline script (the trailing-slash redirect)");
  const p = STRICT.replace("'wasm-unsafe-eval'", ["'wasm-unsafe-eval'", ...hashes].join(" "));
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  assert.ok(meta, "index.html has a meta CSP");
  assert.equal(meta[1], p, "the meta CSP is the strict policy");
  return p;
}

let app, browser, POLICY;
before(async () => {
  POLICY = policy();
  app = await startApp({ headers: { "content-security-policy": POLICY } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

/**
 * A browser context whose pages report every CSP violation to `violations`
 * (kept across the reloads that moving between tools makes), and page errors.
 */
async function cspContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, locale: "zh-CN" });
  const violations = [];
  const errors = [];
  await context.exposeBinding("__rmtCsp", ({ page }, v) => violations.push({ url: page.url(), ...v }));
  await context.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) => window.__rmtCsp({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber }),
      true,
    );
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to/i.test(text)) violations.push({ url: page.url(), console: text });
    else if (m.type() === "error") errors.push(text);
  });
  const open = async (hash, sel = "[data-testid=main]") => {
    await page.goto(app.url + hash);
    await page.waitForSelector(sel);
  };
  return { context, page, violations, errors, open };
}

/** Width in px of every element matching `sel` (on screen). */
const widths = (page, sel) => page.$$eval(sel, (els) => els.map((e) => e.getBoundingClientRect().width));

function noViolations(violations, step) {
  assert.deepEqual(violations, [], `CSP violations (${step}): ${JSON.stringify(violations, null, 1)}`);
}

test("the policy arrives as a header and a meta tag; every address starts", async () => {
  const res = await fetch(app.url);
  assert.equal(res.headers.get("content-security-policy"), POLICY);
  const { context, page, violations, errors, open } = await cspContext();
  for (const hash of ["#/", "#/clv", "#/tiering", "#/map", "#/scripts", "#/assess", "#/data", "#/crash-test", "#/nowhere"]) {
    await open(hash);
    await page.waitForFunction(() => !document.getElementById("boot"));
    noViolations(violations, hash);
  }
  // The favicon (an SVG file, not a data: URL) loads.
  const icon = await page.$eval("link[rel=icon]", (l) => l.href);
  assert.equal((await fetch(icon)).status, 200);
  assert.deepEqual(errors, []);
  await context.close();
});

test("CLV: an input changes the total; component colours come through CSSOM", async () => {
  const { context, page, violations, errors, open } = await cspContext();
  await open("#/clv", byTestId("clv-total"));
  await page.fill(byTestId("clv-input-initial_margin"), "1300");
  await page.press(byTestId("clv-input-initial_margin"), "Tab");
  await page.waitForFunction(() => document.querySelector("[data-testid=clv-total]").textContent === "¥14,854.36");
  const colours = await page.$$eval(".clv-comp", (els) => els.map((e) => getComputedStyle(e).getPropertyValue("--clv-c").trim()));
  assert.ok(colours.length === 6 && colours.every((c) => /^#[0-9a-f]{6}$/i.test(c)), colours.join(","));
  // Open the share panel: the QR code (SVG markup) draws under the policy.
  await page.click(byTestId("share-open"));
  await page.waitForSelector(`${byTestId("share-panel")} svg`);
  await page.click(byTestId("share-fullscreen"));
  await page.waitForSelector(`${byTestId("share-full")} svg`);
  await settle(page);
  noViolations(violations, "clv");
  assert.deepEqual(errors, []);
  await context.close();
});

test("tiering: the sample loads; the virtual table's heights and row positions are set", async () => {
  const { context, page, violations, errors, open } = await cspContext();
  await open("#/tiering", byTestId("tool-tiering"));
  await page.click(byTestId("tiering-load-sample"));
  await page.waitForSelector(byTestId("tiering-import-msg"));
  assert.match(await page.textContent(byTestId("tiering-import-msg")), /已导入 200 位客户/);
  const box = await page.$eval(".tiering-scroll", (e) => ({ h: e.getBoundingClientRect().height, inner: e.querySelector(".tiering-spacer").getBoundingClientRect().height }));
  assert.ok(box.h > 100 && box.inner > box.h, JSON.stringify(box));
  const tops = await page.$$eval(".tiering-scroll [role=row]", (els) => els.slice(0, 3).map((e) => e.style.top));
  assert.deepEqual(tops.slice(0, 2).map((t) => /^\d+(\.\d+)?px$/.test(t)), [true, true]);
  assert.notEqual(tops[0], tops[1]);
  noViolations(violations, "tiering");
  assert.deepEqual(errors, []);
  await context.close();
});

test("map: add a person and rename one in place", async () => {
  const { context, page, violations, errors, open } = await cspContext();
  await open("#/map", byTestId("map-canvas"));
  const n = await page.locator("g.map-node").count();
  await page.click(byTestId("map-add-node"));
  await page.waitForFunction((k) => document.querySelectorAll("g.map-node").length === k + 1, n);
  // The in-place rename box is positioned through CSSOM.
  await page.locator("g.map-node .map-node-shape").first().dblclick();
  await page.waitForSelector(byTestId("map-inline-rename"));
  const pos = await page.$eval(byTestId("map-inline-rename"), (e) => [e.style.left, e.style.top]);
  assert.ok(pos.every((v) => /^-?\d+(\.\d+)?px$/.test(v)), pos.join(","));
  await page.keyboard.press("Escape");
  await settle(page);
  noViolations(violations, "map");
  assert.deepEqual(errors, []);
  await context.close();
});

test("scripts: open a script, its cue cards print on A5 sheets by a named @page", async () => {
  const { context, page, violations, errors, open } = await cspContext();
  await open("#/scripts", byTestId("scripts-library"));
  await page.locator(byTestId("scripts-item-open")).first().click();
  await page.waitForSelector(byTestId("scripts-editor"));
  await page.click(byTestId("scripts-tab-cards"));
  await page.waitForSelector(byTestId("scripts-card"));
  const pageSize = async () => {
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    const m = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
    assert.ok(m, "the PDF has a MediaBox");
    return [Math.round(Number(m[1])), Math.round(Number(m[2]))];
  };
  assert.notDeepEqual(await pageSize(), [420, 595]);
  await page.check(byTestId("scripts-cards-a5"));
  // A5: 148 × 210 mm = 420 × 595 pt.
  assert.deepEqual(await pageSize(), [420, 595]);
  noViolations(violations, "scripts");
  assert.deepEqual(errors, []);
  await context.close();
});

test("assessment: take and finish one; the score, progress and class range bars have a width", async () => {
  const { context, page, violations, errors, open } = await cspContext();
  await open("#/assess", byTestId("assess-q-kash"));
  await page.click(byTestId("assess-start-kash"));
  await page.waitForSelector(byTestId("assess-take"));
  await page.click(byTestId("assess-opt-0-4"));
  await page.waitForSelector(`${byTestId("assess-question")}[data-index="1"]`);
  const [progress] = await widths(page, ".assess-bar > span");
  assert.ok(progress > 0, `progress bar ${progress}px`);
  await page.click(byTestId("assess-mode-all"));
  await page.waitForSelector(byTestId("assess-item-11"));
  for (let i = 1; i < 12; i++) await page.click(byTestId(`assess-opt-${i}-${(i % 4) + 2}`));
  await page.click(byTestId("assess-finish"));
  await page.waitForSelector(byTestId("assess-result"));
  const bars = await widths(page, ".assess-dim .assess-bar > span");
  assert.equal(bars.length, 4);
  assert.ok(bars.every((w) => w > 0), `score bars ${bars.join(", ")} px`);
  const track = (await widths(page, ".assess-dim .assess-bar"))[0];
  assert.ok(bars.every((w) => w < track), "a bar is a share of its track");
  // The result file into the class view: its range bars too.
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("assess-export"))]);
  const file = await downloadText(dl);
  await open("#/assess/class", byTestId("assess-class"));
  await page.setInputFiles(byTestId("assess-class-file"), [
    { name: "a.json", mimeType: "application/json", buffer: Buffer.from(file) },
    { name: "b.json", mimeType: "application/json", buffer: Buffer.from(file.replace(/"trainee":\s*"[^"]*"/, '"trainee": "乙"')) },
  ]);
  await page.waitForSelector(".assess-range-bar");
  const ranges = await widths(page, ".assess-range-bar");
  assert.ok(ranges.length > 0 && ranges.every((w) => w > 0), `range bars ${ranges.join(", ")} px`);
  const lefts = await page.$$eval(".assess-range-mean", (els) => els.map((e) => e.style.left));
  assert.ok(lefts.length > 0 && lefts.every((l) => /%$/.test(l)), lefts.join(","));
  noViolations(violations, "assess");
  assert.deepEqual(errors, []);
  await context.close();
});

test("My data: export works; the crash test page is harmless until pressed, then its screen works", async () => {
  const { context, page, violations, errors, open } = await cspContext();
  await open("#/data", byTestId("data-page"));
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("export-workspace"))]);
  assert.equal(JSON.parse(await downloadText(dl)).app, "rm-toolkit");
  await open("#/crash-test", byTestId("crash-page"));
  await page.waitForTimeout(300);
  assert.equal(await page.locator(byTestId("crash-screen")).count(), 0);
  await page.click(byTestId("crash-trigger"));
  await page.waitForSelector(byTestId("crash-screen"));
  // The screen's buttons are web/boot.js handlers (no inline onclick).
  const [rescue] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("crash-export"))]);
  assert.equal(JSON.parse(await downloadText(rescue)).kind, "workspace");
  await page.click("[data-rmt-action=home]");
  await page.waitForSelector(byTestId("home"));
  noViolations(violations, "data, crash");
  // The deliberate panic is the only error.
  assert.ok(errors.every((e) => /deliberate crash|RuntimeError|unreachable/.test(e)), errors.join("\n"));
  await context.close();
});
