// Prints the in-browser benchmark figures of the release build (not a test:
// run by scripts/bench.sh). Exits non-zero only if the page fails.
import { startApp, launch, newPage } from "./harness.mjs";

const app = await startApp();
const browser = await launch();
try {
  const { page } = await newPage(browser, app.url, { hash: "#/bench" });
  await page.waitForSelector("[data-testid=bench-results]", { timeout: 600_000 });
  const rows = await page.$$eval("[data-testid=bench-results] tbody tr", (trs) =>
    trs.map((tr) => ({ name: tr.dataset.name, ms: Number(tr.dataset.ms), budget: tr.dataset.budget ? Number(tr.dataset.budget) : null, detail: tr.cells[3].textContent })));
  console.log(`In-browser benchmarks (release wasm, headless Chromium, ${new Date().toISOString()})`);
  for (const r of rows) {
    const budget = r.budget == null ? "" : ` (budget ${r.budget} ms: ${r.ms <= r.budget ? "ok" : "OVER"})`;
    console.log(`  ${r.name.padEnd(36)} ${r.ms.toFixed(2).padStart(10)} ms${budget}  ${r.detail}`);
  }
  if (rows.length === 0) console.log("  (no benchmarks registered)");
  if (page.errors.length) console.log("page errors:", page.errors);
} finally {
  await browser.close();
  await app.close();
}
