// Starts the app: picks the binary that the address needs — the shell alone
// (home, My data) or the shell with one tool — and downloads only that one.
// The file names come from the build (scripts/postbuild.mjs writes them into
// the page's <script type="application/json" id="rmt-routes"> block).
const ROUTES = JSON.parse(document.getElementById("rmt-routes").textContent);

/** The binary for a `location.hash`: a tool's slug, or "" for the shell. */
function binaryFor(hash) {
  const path = String(hash || "").replace(/^#/, "").replace(/^\/+/, "").split(/[?#]/)[0];
  const parts = path.split("/");
  const head = parts[0] === "bench" ? parts[1] || "" : parts[0];
  return head && Object.prototype.hasOwnProperty.call(ROUTES, head) ? head : "";
}

// On-demand modules ("@qrscan", the scanner's decoder): a tool binary asks
// for one by name; the glue is imported and initialised, and kept for
// offline use. Resolves to the module's exports.
// Asked twice, a module loads once; a failed load (offline) may be retried.
const loading = new Map();
window.rmtModule = function (key) {
  if (!loading.has(key)) {
    const p = (async () => {
      const f = ROUTES[`@${key}`];
      if (!f) throw new Error(`no module ${key}`);
      const glue = await import(new URL(f.js, document.baseURI).href);
      await glue.default({ module_or_path: new URL(f.wasm, document.baseURI) });
      if (window.rmtCacheFiles) window.rmtCacheFiles([f.js, f.wasm]);
      return glue;
    })();
    p.catch(() => loading.delete(key));
    loading.set(key, p);
  }
  return loading.get(key);
};

// The app's IndexedDB database (large documents: a 100,000-row portfolio)
// is opened now, beside the download, not after the app has started:
// opening it can take a few hundred milliseconds on a phone. The app takes
// this connection (src/storage/idb.rs); null when IndexedDB is unavailable.
// Same name, version and store as there (and as boot.js's rescue export).
window.rmtIdb = new Promise((resolve) => {
  try {
    const req = indexedDB.open("rm-toolkit", 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains("docs")) req.result.createObjectStore("docs");
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = req.onblocked = () => resolve(null);
  } catch (e) {
    resolve(null);
  }
});

const name = binaryFor(location.hash);
const files = ROUTES[name];
document.documentElement.dataset.binary = name || "shell";
// The wasm download starts at once, beside the JS glue's.
const wasm = fetch(new URL(files.wasm, document.baseURI));
wasm.catch(() => {});
try {
  const glue = await import(new URL(files.js, document.baseURI).href);
  // This script runs as soon as it arrives (async): the app mounts on
  // <body>, so it starts once the document is parsed.
  if (document.readyState === "loading") {
    await new Promise((ok) => document.addEventListener("DOMContentLoaded", ok, { once: true }));
  }
  await glue.default({ module_or_path: wasm });
  // Keep this binary for offline use (the service worker caches it), and,
  // once the tool has settled, the modules it loads on demand (the share
  // encoder, the scanner's decoder): a share or hand-in dialog then works
  // with no network too. The service worker fetches them; the page does not.
  if (window.rmtCacheFiles) {
    window.rmtCacheFiles([files.js, files.wasm]);
    const mods = (files.modules || []).flatMap((m) => (ROUTES[`@${m}`] ? [ROUTES[`@${m}`].js, ROUTES[`@${m}`].wasm] : []));
    if (mods.length) setTimeout(() => window.rmtCacheFiles(mods), 4000);
  }
} catch (e) {
  console.error("RM Toolkit could not start:", e);
  // boot.js (the failure screen) may not have run yet if this failed early.
  const failed = () => window.rmtBootFailed && window.rmtBootFailed(!navigator.onLine);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", failed, { once: true });
  else failed();
}
