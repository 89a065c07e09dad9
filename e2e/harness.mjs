// End-to-end harness: serves the release build (dist/) from a sub-folder of a
// plain static server on localhost — no rewrite rules, like a real static
// host — and drives Debian's Chromium with playwright-core.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = path.join(ROOT, "dist");
/** The app is served under this sub-folder to prove relative asset links work. */
export const PREFIX = "/sub/rm-toolkit/";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** Gzipped copies of served files (for `startApp({ gzip: true })`). */
const gzCache = new Map();
function gzipped(file) {
  const stat = fs.statSync(file);
  const key = `${file}:${stat.mtimeMs}`;
  if (!gzCache.has(key)) gzCache.set(key, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
  return gzCache.get(key);
}

/**
 * Start a static server for dist/. Returns { url, close }.
 * `opts.gzip`: compress responses, as a real static host does.
 * `opts.headers`: extra response headers for HTML pages (e.g. a CSP).
 * `opts.files`: `{ rel: text }` or `(rel) => text | null`: serve these
 *   instead of dist/'s files (e.g. a new build's service worker).
 */
export async function startApp(opts = {}) {
  if (!fs.existsSync(path.join(DIST, "index.html"))) {
    throw new Error("dist/index.html is missing: build the release app first (trunk build --release)");
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    // The folder without its trailing slash gets the page itself, not a
    // redirect (as some static hosts do): the page must cope (issue 15 item 18).
    if (url.pathname === PREFIX.slice(0, -1)) url.pathname = PREFIX;
    if (!url.pathname.startsWith(PREFIX)) {
      res.writeHead(404).end("not found");
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(PREFIX.length)) || "index.html";
    const override = opts.files && (typeof opts.files === "function" ? opts.files(rel) : opts.files[rel]);
    if (override != null) {
      res.writeHead(200, { "content-type": TYPES[path.extname(rel)] || "application/octet-stream", "cache-control": "no-cache" });
      res.end(override);
      return;
    }
    const file = path.normalize(path.join(DIST, rel));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    const headers = { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "cache-control": "no-cache" };
    if (file.endsWith(".html")) Object.assign(headers, opts.headers || {});
    if (opts.gzip && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
      const body = gzipped(file);
      res.writeHead(200, { ...headers, "content-encoding": "gzip", "content-length": body.length });
      res.end(body);
      return;
    }
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${PREFIX}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** Launch headless Chromium (Debian's; never a downloaded one). `extra`: more flags (e.g. a fake camera). */
export async function launch(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
      ...extra,
    ],
  });
}

/**
 * A fresh browser context (its own localStorage) and a page on `hash`.
 * `opts.storage` pre-fills localStorage before the app starts;
 * `opts.viewport` sets the size. Collects page errors in `page.errors`.
 */
export async function newPage(browser, url, opts = {}) {
  const context = await browser.newContext({
    viewport: opts.viewport || { width: 1280, height: 800 },
    acceptDownloads: true,
    locale: opts.locale || "zh-CN",
  });
  if (opts.storage) {
    await context.addInitScript((entries) => {
      if (!sessionStorage.getItem("__seeded")) {
        for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
        sessionStorage.setItem("__seeded", "1");
      }
    }, opts.storage);
  }
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") page.errors.push(m.text());
  });
  await page.goto(url + (opts.hash || "#/"));
  await page.waitForSelector("[data-testid=main]");
  return { context, page };
}

/** Wait until the app has saved everything (no "saving…" badge left, debounce passed). */
export async function settle(page) {
  await page.waitForTimeout(450);
}

/** localStorage entries of the app. */
export async function appStorage(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith("rmt:")) out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

/** IndexedDB entries of the app (large documents such as the tiering list). */
export async function appIdb(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open("rm-toolkit", 1);
    req.onupgradeneeded = () => req.result.createObjectStore("docs");
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result, out = {};
      const tx = db.transaction("docs", "readonly"), st = tx.objectStore("docs");
      const keys = st.getAllKeys(), vals = st.getAll();
      tx.oncomplete = () => {
        keys.result.forEach((k, i) => { out[k] = vals.result[i]; });
        db.close();
        resolve(out);
      };
    };
  }));
}

/** Read a download's text. */
export async function downloadText(download) {
  const p = await download.path();
  return fs.readFileSync(p, "utf8");
}

export const byTestId = (id) => `[data-testid="${id}"]`;

/** Start the static server and the browser (for `before`). */
export async function startAll() {
  return { app: await startApp(), browser: await launch() };
}

/** Close what `startAll` started (for `after`). */
export async function stopAll({ app, browser } = {}) {
  await browser?.close();
  await app?.close();
}
