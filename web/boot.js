// Plain JavaScript, independent of the wasm app (a file of its own, so the
// strict Content-Security-Policy holds). The error screen's buttons use it
// even after a crash, and it is the fallback when the app cannot start.
(function () {
  "use strict";
  // The IndexedDB entries of the app (large documents such as a 100,000-row
  // portfolio, and their kept-aside copies): same keys, same envelope text as
  // localStorage. Resolves to {} when IndexedDB is missing or fails.
  function idbEntries() {
    return new Promise(function (resolve) {
      var out = {};
      try {
        var req = indexedDB.open("rm-toolkit", 1);
        req.onupgradeneeded = function () {
          if (!req.result.objectStoreNames.contains("docs")) req.result.createObjectStore("docs");
        };
        req.onerror = function () { resolve(out); };
        req.onsuccess = function () {
          try {
            var db = req.result, tx = db.transaction("docs", "readonly"), st = tx.objectStore("docs");
            var keys = st.getAllKeys(), vals = st.getAll();
            tx.oncomplete = function () {
              for (var i = 0; i < keys.result.length; i++) out[keys.result[i]] = vals.result[i];
              db.close(); resolve(out);
            };
            tx.onabort = tx.onerror = function () { db.close(); resolve(out); };
          } catch (e) { resolve(out); }
        };
      } catch (e) { resolve(out); }
    });
  }

  window.rmtExportAll = function () {
    var entries = {};
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (k && k.indexOf("rmt:") === 0) entries[k] = localStorage.getItem(k);
      }
    } catch (e) {}
    return idbEntries().then(function (idb) {
      for (var k in idb) {
        if (k.indexOf("rmt:") === 0 && typeof idb[k] === "string") entries[k] = idb[k];
      }
      var docs = {}, raw = {};
      Object.keys(entries).sort().forEach(function (k) {
        var v = entries[k];
        if (k.indexOf("rmt:doc:") === 0) {
          try { docs[k.slice(8)] = JSON.parse(v); } catch (e) { raw[k] = v; }
        } else { raw[k] = v; }
      });
      var file = { app: "rm-toolkit", kind: "workspace", format: 1,
        exported_at: new Date().toISOString(), docs: docs, kept_aside: raw };
      var blob = new Blob([JSON.stringify(file, null, 2)], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "rm-toolkit-rescue-" + Date.now() + ".json";
      a.hidden = true;
      document.body.appendChild(a); a.click(); a.remove();
    });
  };

  // Buttons of the error screens: data-rmt-action="export" | "home" | "reload".
  document.addEventListener("click", function (e) {
    var el = e.target && e.target.closest && e.target.closest("[data-rmt-action]");
    if (!el) return;
    var act = el.getAttribute("data-rmt-action");
    if (act === "export") window.rmtExportAll();
    else if (act === "home") { location.hash = "#/"; location.reload(); }
    else if (act === "reload") location.reload();
  }, true);

  // The start-up failure screen (used by the loader and on a wasm error).
  window.rmtBootFailed = function (offline) {
    if (document.querySelector("[data-testid=crash-screen]")) return;
    var el = document.getElementById("boot");
    if (!el) return;
    el.textContent = "";
    el.setAttribute("data-testid", "boot-failed");
    el.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = offline
      ? "没有网络，这个页面还没有保存到本机，暂时无法打开。你的内容都还在。请联网后重试。 — You are offline and this page has not been saved for offline use yet. Your work is safe. Connect and try again."
      : "应用无法启动（浏览器可能过旧，或文件没有下载完整）。你的内容都还在。 — The app could not start (the browser may be too old, or a file did not download). Your work is safe.";
    el.appendChild(p);
    var row = document.createElement("div");
    row.className = "crash-actions";
    [["reload", "重试 / Try again", "btn primary"], ["export", "导出数据 / Export data", "btn"]].forEach(function (b) {
      var btn = document.createElement("button");
      btn.type = "button"; btn.className = b[2]; btn.textContent = b[1];
      btn.setAttribute("data-rmt-action", b[0]);
      row.appendChild(btn);
    });
    el.appendChild(row);
  };
  // A start that takes too long (a slow connection, a stalled download): say
  // so on the boot screen, with a way out, instead of a silent spinner. The
  // app's start removes the boot screen, message and all.
  // `window.rmtBootSlowMs` (tests) overrides the 15 s.
  setTimeout(function () {
    var el = document.getElementById("boot");
    if (!el || el.hasAttribute("data-testid") || document.querySelector("[data-testid=crash-screen]")) return;
    el.classList.add("boot-slow");
    var p = document.createElement("p");
    p.setAttribute("data-testid", "boot-slow");
    p.textContent = "仍在加载……网络可能较慢，请稍候或重试。你的内容都还在。 — Still loading… The connection may be slow: wait a little longer or try again. Your work is safe.";
    var btn = document.createElement("button");
    btn.type = "button"; btn.className = "btn"; btn.textContent = "重试 / Try again";
    btn.setAttribute("data-rmt-action", "reload");
    p.appendChild(document.createTextNode(" "));
    p.appendChild(btn);
    el.appendChild(p);
  }, window.rmtBootSlowMs || 15000);
  window.addEventListener("error", function (e) {
    var msg = String((e && e.message) || "");
    if (/wasm|WebAssembly/i.test(msg)) window.rmtBootFailed(false);
  });
  // Offline: the service worker (web/sw.js, written by the build), the
  // "update available" notice, and "make every tool available offline".
  var updateAsked = false;
  function zh() { return (document.documentElement.lang || "zh").indexOf("zh") === 0; }
  function showUpdate(worker) {
    if (document.querySelector("[data-testid=update-notice]")) return;
    var box = document.createElement("div");
    box.className = "notice update-notice";
    box.setAttribute("role", "status");
    box.setAttribute("data-testid", "update-notice");
    var p = document.createElement("p");
    p.textContent = zh() ? "有新版本可用。重新载入即可使用，你的内容都已保存。" : "A new version is available. Reload to use it; your work is saved.";
    var btn = document.createElement("button");
    btn.type = "button"; btn.className = "btn primary small";
    btn.setAttribute("data-testid", "update-reload");
    btn.textContent = zh() ? "重新载入" : "Reload";
    btn.addEventListener("click", function () { updateAsked = true; worker.postMessage({ type: "skip-waiting" }); });
    box.appendChild(p); box.appendChild(btn);
    document.body.insertBefore(box, document.body.firstChild);
  }
  if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (updateAsked) location.reload();
    });
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("sw.js").then(function (reg) {
        var offer = function (w) { if (w && navigator.serviceWorker.controller) showUpdate(w); };
        if (reg.waiting) offer(reg.waiting);
        reg.addEventListener("updatefound", function () {
          var w = reg.installing;
          if (w) w.addEventListener("statechange", function () { if (w.state === "installed") offer(w); });
        });
      }).catch(function (e) { console.warn("service worker not registered:", e); });
    });
  }
  /** Cache the files of the binary the page runs (called by the loader). */
  window.rmtCacheFiles = function (urls) {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.active) reg.active.postMessage({ type: "cache", urls: urls });
    }).catch(function () {});
  };
  var buildInfo = null;
  function info() {
    if (!buildInfo) buildInfo = fetch("build.json", { cache: "no-store" }).then(function (r) { return r.json(); });
    return buildInfo;
  }
  /** {bytes, files} of a full offline copy. */
  window.rmtOfflineInfo = function () {
    return info().then(function (i) {
      var bytes = 0;
      i.files.forEach(function (f) { bytes += (i.sizes && i.sizes[f]) || 0; });
      return { bytes: bytes, files: i.files.length };
    });
  };
  /** Fetch every file of the build into the offline cache; progress(done, total) in bytes. */
  window.rmtCacheAll = function (progress) {
    if (!("caches" in window)) return Promise.reject(new Error("no cache storage"));
    return info().then(function (i) {
      var files = i.files.filter(function (f) { return f !== "sw.js" && f !== "index.html"; });
      var total = 0, done = 0;
      files.forEach(function (f) { total += (i.sizes && i.sizes[f]) || 0; });
      return caches.open("rmt-" + i.build).then(function (cache) {
        var chain = Promise.resolve();
        files.forEach(function (f) {
          chain = chain.then(function () {
            return cache.match(f).then(function (hit) {
              if (hit) return;
              return fetch(f).then(function (res) { if (!res.ok) throw new Error(f + ": " + res.status); return cache.put(f, res); });
            }).then(function () { done += (i.sizes && i.sizes[f]) || 0; if (progress) progress(done, total); });
          });
        });
        return chain.then(function () { return total; });
      });
    });
  };
})();
