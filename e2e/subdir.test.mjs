// Opened at the folder without its trailing slash (/sub/rm-toolkit), which the
// server answers with the page itself: every relative asset link would miss,
// so the page's one inline script (allowed by its hash in the CSP) goes on to
// /sub/rm-toolkit/, keeping the query and the hash (issue 15 item 18). And a
// start that takes too long says so on the boot screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { startApp, launch, DIST, PREFIX, byTestId } from "./harness.mjs";

let app, browser, origin;
before(async () => {
  // The page's own policy, also as a header: the redirect runs under it.
  const html = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  app = await startApp({ headers: { "content-security-policy": csp } });
  origin = new URL(app.url).origin;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

async function context() {
  const ctx = await browser.newContext({ locale: "zh-CN" });
  const problems = [];
  await ctx.exposeBinding("__rmtCsp", (_src, v) => problems.push(v));
  await ctx.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => window.__rmtCsp(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
  const page = await ctx.newPage();
  page.on("pageerror", (e) => problems.push(String(e)));
  return { ctx, page, problems };
}

test("the server answers /sub/rm-toolkit with the page itself (no redirect)", async () => {
  const res = await fetch(origin + PREFIX.slice(0, -1), { redirect: "manual" });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /id="boot"/);
});

test("/sub/rm-toolkit goes on to /sub/rm-toolkit/ keeping the query and the hash; the tool starts", async () => {
  const { ctx, page, problems } = await context();
  for (const [from, to, sel] of [
    ["", "/", "home"],
    ["#/clv", "/#/clv", "clv-total"],
    ["?utm=x#/map", "/?utm=x#/map", "map-canvas"],
  ]) {
    await page.goto(origin + PREFIX.slice(0, -1) + from);
    await page.waitForSelector(byTestId(sel));
    assert.equal(page.url(), origin + PREFIX.slice(0, -1) + to);
  }
  // index.html by name needs no redirect.
  await page.goto(origin + PREFIX + "index.html#/assess");
  await page.waitForSelector(byTestId("assess-q-kash"));
  assert.equal(page.url(), origin + PREFIX + "index.html#/assess");
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("a start that takes too long says so in both languages; the app still starts after", async () => {
  const { ctx, page, problems } = await context();
  await ctx.addInitScript(() => { window.rmtBootSlowMs = 800; });
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route("**/*.wasm", async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(app.url + "#/");
  await page.waitForSelector(byTestId("boot-slow"));
  const msg = await page.textContent(byTestId("boot-slow"));
  assert.match(msg, /仍在加载/);
  assert.match(msg, /Still loading/);
  assert.equal(await page.locator(`${byTestId("boot-slow")} button[data-rmt-action=reload]`).count(), 1);
  release();
  await page.waitForSelector(byTestId("home"));
  assert.equal(await page.locator(byTestId("boot-slow")).count(), 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});
