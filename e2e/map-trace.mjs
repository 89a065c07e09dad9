// Diagnostic (not a test): drags one person of the bench map (500 people,
// 1,000 links) with Chromium tracing on and prints where the renderer's main
// thread spends its time (top trace events by self time). Needs dist/.
//   node e2e/map-trace.mjs [--drop|--layout|--undo] [--n=500] [trace.json]
// --drop traces 5 short drags including press and release instead of the
// pointer moves of one long drag; --layout one click on "auto layout";
// --undo select all, delete and undo.
import fs from "node:fs";
import { startApp, launch, newPage } from "./harness.mjs";
import { bigMap } from "./bigmap.mjs";

const args = process.argv.slice(2);
const drop = args.includes("--drop");
const layout = args.includes("--layout");
const undo = args.includes("--undo");
const N = Number((args.find((a) => a.startsWith("--n=")) || "--n=500").slice(4));
const out = args.find((a) => !a.startsWith("--"));
const app = await startApp();
const browser = await launch();
try {
  const { context, page } = await newPage(browser, app.url, { hash: "#/map", storage: { "rmt:doc:map": bigMap(N, 2 * N) } });
  await page.waitForFunction((n) => document.querySelectorAll("g.map-node").length === n, N, { timeout: 120_000 });
  await page.waitForTimeout(500);
  const box = await page.locator('[data-testid="map-node-250"] .map-node-shape').boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 5, y + 5);
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  const profile = args.includes("--profile");
  if (profile) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await cdp.send("Profiler.start");
  }
  await cdp.send("Tracing.start", {
    traceConfig: { includedCategories: ["devtools.timeline", "blink", "cc", "disabled-by-default-devtools.timeline", "v8.execute", "disabled-by-default-devtools.timeline.frame"] },
    transferMode: "ReportEvents",
  });
  if (layout) {
    await page.mouse.up();
    await page.click('[data-testid="map-layout-force"]');
    await page.waitForTimeout(1500);
  } else if (undo) {
    await page.mouse.up();
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Delete");
    await page.waitForTimeout(1000);
    await page.keyboard.press("Control+z");
    await page.waitForTimeout(1500);
  } else if (drop) {
    await page.mouse.up();
    await page.waitForTimeout(300);
    for (let k = 1; k <= 5; k++) {
      const b = await page.locator(`[data-testid="map-node-${250 + k}"] .map-node-shape`).boundingBox();
      const [x, y] = [b.x + b.width / 2, b.y + b.height / 2];
      await page.mouse.move(x, y);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(x + i * 3, y + i * 2);
      await page.mouse.up();
      await page.waitForTimeout(300);
    }
  } else {
    for (let i = 1; i <= 100; i++) {
      await page.mouse.move(x + 150 * Math.sin(i / 20), y + 100 * Math.sin(i / 31));
    }
    await page.waitForTimeout(100);
  }
  await cdp.send("Tracing.end");
  if (profile) {
    // Self time per function of the JS/wasm CPU profile (sampled).
    const { profile: pr } = await cdp.send("Profiler.stop");
    const dt = new Map();
    for (let i = 0; i < pr.samples.length; i++) dt.set(pr.samples[i], (dt.get(pr.samples[i]) || 0) + (pr.timeDeltas[i] || 0));
    const self = new Map();
    for (const nd of pr.nodes) {
      const k = nd.callFrame.functionName || `(anon ${nd.callFrame.url.split("/").pop()}:${nd.callFrame.lineNumber})`;
      self.set(k, (self.get(k) || 0) + (dt.get(nd.id) || 0));
    }
    console.log("CPU profile, self time:");
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${(v / 1000).toFixed(1).padStart(8)} ms  ${k.slice(0, 120)}`);
  }
  await done;
  if (!drop && !layout && !undo) await page.mouse.up();
  if (out) fs.writeFileSync(out, JSON.stringify(events));
  // Main renderer thread of the page.
  const names = new Map();
  for (const e of events) if (e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args.name);
  const main = [...names].filter(([, n]) => n === "CrRendererMain").map(([k]) => k);
  const byThread = new Map();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (!main.includes(k) || e.ph !== "X" || e.dur == null) continue;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  // Self time per event name (nested complete events on one thread).
  for (const [k, evs] of byThread) {
    evs.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const self = new Map(), total = new Map(), count = new Map();
    const stack = [];
    for (const e of evs) {
      while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
      if (stack.length) stack[stack.length - 1].child += e.dur;
      e.child = 0;
      stack.push(e);
    }
    for (const e of evs) {
      self.set(e.name, (self.get(e.name) || 0) + e.dur - e.child);
      total.set(e.name, (total.get(e.name) || 0) + e.dur);
      count.set(e.name, (count.get(e.name) || 0) + 1);
    }
    const frames = count.get("AnimationFrameFiredCallback") || count.get("FireAnimationFrame") || 1;
    console.log(`thread ${k}: ${evs.length} events`);
    const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
    for (const [n, s] of rows) {
      console.log(`  ${n.padEnd(44)} self ${(s / 1000).toFixed(1).padStart(8)} ms  total ${(total.get(n) / 1000).toFixed(1).padStart(8)} ms  ×${count.get(n)}`);
    }
  }
  await context.close();
} finally {
  await browser.close();
  await app.close();
}
