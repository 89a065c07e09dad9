// RM Toolkit's service worker: the app starts and works with no network
// after one visit. scripts/postbuild.mjs writes the build's real file names
// into BUILD below (Trunk hashes them).
//  - install: precache the page, the shell and the common files;
//  - the page asks it to cache the tool it opened ({type: "cache", urls});
//  - hashed files: cache first; index.html: network first, cache if offline;
//  - a new build waits until the page's "update available — reload" notice
//    asks it to take over ({type: "skip-waiting"});
//  - {type: "cache-all"}: every tool, for a fully offline copy.
const BUILD = /*BUILD*/ { id: "dev", core: [], tools: {} };
const CACHE = `rmt-${BUILD.id}`;
const scope = () => new URL(self.registration.scope);

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(["./", ...BUILD.core])));
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("rmt-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (e) => {
  const msg = e.data || {};
  if (msg.type === "skip-waiting") self.skipWaiting();
  else if (msg.type === "cache" && Array.isArray(msg.urls)) {
    e.waitUntil(caches.open(CACHE).then((c) => c.addAll(msg.urls.filter((u) => typeof u === "string"))).catch(() => {}));
  }
});

self.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  const base = scope();
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return;
  const rel = url.pathname.slice(base.pathname.length);
  if (rel === "" || rel === "index.html") {
    // The page: the newest when online, the cached one when not.
    e.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) { const copy = res.clone(); caches.open(CACHE).then((c) => c.put("./", copy)); }
          return res;
        })
        .catch(() => caches.match("./", { ignoreSearch: true }).then((r) => r || Response.error())),
    );
    return;
  }
  // Hashed build files never change: the cache first, then the network.
  e.respondWith(
    caches.match(req, { ignoreSearch: true }).then((hit) => hit || fetch(req).then((res) => {
      if (res.ok && rel !== "sw.js") { const copy = res.clone(); caches.open(CACHE).then((c) => c.put(req, copy)); }
      return res;
    })),
  );
});
