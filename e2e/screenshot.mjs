// Regenerates docs/screenshot*.png from the release build (run by hand:
// `node e2e/screenshot.mjs` after scripts/build.sh).
import { startApp, launch, newPage } from "./harness.mjs";

const shots = [
  ["#/", "docs/screenshot.png", { width: 1280, height: 800 }],
  ...(process.argv.slice(2).map((h, i) => [h, `docs/screenshot-${i + 1}.png`, { width: 1280, height: 800 }])),
];
const app = await startApp();
const browser = await launch();
for (const [hash, file, viewport] of shots) {
  const { context, page } = await newPage(browser, app.url, { hash, viewport });
  await page.waitForTimeout(600);
  await page.screenshot({ path: file });
  await context.close();
  console.log("wrote", file);
}
await browser.close();
await app.close();
