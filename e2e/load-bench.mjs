// Cold first load of each address (issue 11), served gzip-compressed from a
// plain static server: the time from the start of navigation to the end of
// the first frame in which the address's tool is on screen and usable.
// Printed per address, median of 3, on loopback and on a phone profile
// (Fast 3G: 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT; CPU 4× slower).
// Not a test: run by scripts/bench.sh. Targets: loopback ≤ 1 s, phone ≤ 3 s.
import { startApp, launch } from "./harness.mjs";

const ADDRESSES = [
  ["#/", "[data-testid=home]"],
  ["#/data", "[data-testid=data-page]"],
  ["#/clv", "[data-testid=clv-total]"],
  ["#/tiering", "[data-testid=tiering-load-sample], [data-testid=tiering-table]"],
  ["#/map", "[data-testid=map-canvas] g.map-node"],
  ["#/scripts", "[data-testid=tool-scripts]"],
  ["#/assess", "[data-testid=tool-assess]"],
];
const PROFILES = {
  loopback: null,
  phone: { latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8), cpu: 4 },
};
const RUNS = Number(process.env.LOAD_RUNS || 3);
// Optional filters: LOAD_PROFILES=phone, LOAD_ADDRESSES="#/clv,#/map".
const only = (v) => (v ? v.split(",").map((x) => x.trim()) : null);
const ONLY_PROFILES = only(process.env.LOAD_PROFILES);
const ONLY_ADDRESSES = only(process.env.LOAD_ADDRESSES);
const TARGET = { loopback: 1000, phone: 3000 };

const app = await startApp({ gzip: true });
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  console.log(`Cold first load per address (release build, gzip, headless Chromium, median of ${RUNS})`);
  for (const [profile, p] of Object.entries(PROFILES)) {
    if (ONLY_PROFILES && !ONLY_PROFILES.includes(profile)) continue;
    console.log(`  ${profile}${p ? ` (${p.downloadThroughput * 8 / 1e6} Mbit/s, ${p.latency} ms RTT, CPU ${p.cpu}× slower)` : ""}:`);
    for (const [hash, sel] of ADDRESSES) {
      if (ONLY_ADDRESSES && !ONLY_ADDRESSES.includes(hash)) continue;
      const times = [], bytes = [], parts = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        if (p) {
          await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: p.latency, downloadThroughput: p.downloadThroughput, uploadThroughput: p.uploadThroughput });
          await cdp.send("Emulation.setCPUThrottlingRate", { rate: p.cpu });
        }
        let received = 0;
        cdp.on("Network.loadingFinished", (e) => { received += e.encodedDataLength; });
        // The moment the usable view is first in the DOM, then the end of that frame.
        await page.addInitScript((selector) => {
          const done = () => requestAnimationFrame(() => setTimeout(() => { window.__usableAt = performance.now(); }, 0));
          const check = () => { if (document.querySelector(selector)) { obs.disconnect(); done(); return true; } return false; };
          const obs = new MutationObserver(check);
          document.addEventListener("DOMContentLoaded", () => { if (!check()) obs.observe(document.body, { childList: true, subtree: true }); });
        }, sel);
        await page.goto(app.url + hash);
        await page.waitForFunction(() => window.__usableAt !== undefined, null, { timeout: 60_000 });
        times.push(await page.evaluate(() => window.__usableAt));
        // Where the time went: the wasm's download, its compilation and
        // instantiation (until the binary's main starts), building the first
        // view (main → mounted), then until the end of the usable frame.
        parts.push(await page.evaluate(() => {
          const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
          const m = (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
          const main = m("rmt-main"), mounted = m("rmt-mounted");
          return { downloaded: wasm ? wasm.responseEnd : NaN, main, mounted, usable: window.__usableAt };
        }));
        bytes.push(received);
        await context.close();
      }
      const ms = median(times);
      const ok = ms <= TARGET[profile] ? "ok" : "OVER";
      console.log(`    ${hash.padEnd(10)} ${ms.toFixed(0).padStart(6)} ms  (runs ${times.map((t) => t.toFixed(0)).join(", ")}; ${(median(bytes) / 1024).toFixed(0)} KB transferred)  target ${TARGET[profile]} ms: ${ok}`);
      const med = (f) => median(parts.map(f)).toFixed(0);
      console.log(`               wasm downloaded at ${med((x) => x.downloaded)} ms; compile + instantiate ${med((x) => x.main - x.downloaded)} ms; first view built ${med((x) => x.mounted - x.main)} ms; then to the usable frame ${med((x) => x.usable - x.mounted)} ms`);
    }
  }
} finally {
  await browser.close();
  await app.close();
}
