// Every page of the app, for the sweeps of e2e/phone.test.mjs and
// e2e/present.test.mjs: `visitAll(page, url, fn)` opens each one (the tiering
// page with its sample loaded, the scripts sub-pages of the first script, a
// stored result, a questionnaire being taken) and calls `await fn(name)` there.
import { byTestId } from "./harness.mjs";

const simple = [
  ["home", "#/", "home"],
  ["clv", "#/clv", "tool-clv"],
  ["clv/retention", "#/clv/retention", "tool-clv"],
  ["clv/scenarios", "#/clv/scenarios", "tool-clv"],
  ["clv/lifecycle", "#/clv/lifecycle", "tool-clv"],
  ["map", "#/map", "map-canvas"],
  ["scripts", "#/scripts", "scripts-library"],
  ["scripts/quiz", "#/scripts/quiz", "tool-scripts"],
  ["assess", "#/assess", "assess-q-kash"],
  ["assess/history", "#/assess/history", "tool-assess"],
  ["assess/class", "#/assess/class", "tool-assess"],
  ["data", "#/data", "main"],
];

async function go(page, url, hash, testid) {
  await page.goto(url + hash);
  await page.waitForSelector(byTestId(testid));
  // Let the page's own effects (charts, the map's fit) run.
  await page.waitForTimeout(300);
}

export async function visitAll(page, url, fn, only = null) {
  const want = (name) => !only || only.includes(name);
  for (const [name, hash, testid] of simple) {
    if (!want(name)) continue;
    await go(page, url, hash, testid);
    if (name === "map") await page.waitForSelector("g.map-node");
    await fn(name);
  }
  if (want("tiering")) {
    await go(page, url, "#/tiering", "tool-tiering");
    // (Presentation mode must keep the button: present.test.mjs checks that.)
    if (await page.isVisible(byTestId("tiering-load-sample"))) {
      await page.click(byTestId("tiering-load-sample"));
      await page.waitForSelector(byTestId("tiering-import-msg"));
    }
    await page.waitForTimeout(300);
    await fn("tiering");
  }
  if (want("scripts/edit") || want("scripts/cards") || want("scripts/practice")) {
    await go(page, url, "#/scripts", "scripts-library");
    const id = await page.getAttribute(byTestId("scripts-item"), "data-id");
    for (const sub of ["edit", "cards", "practice"]) {
      if (!want(`scripts/${sub}`)) continue;
      await go(page, url, `#/scripts/${sub}/${id}`, "tool-scripts");
      await fn(`scripts/${sub}`);
    }
  }
  if (want("assess/result")) {
    await go(page, url, "#/assess/history", "tool-assess");
    const href = await page.getAttribute('a[href*="#/assess/result/"]', "href");
    await go(page, url, href, "assess-result");
    await fn("assess/result");
  }
  if (want("assess/take")) {
    await go(page, url, "#/assess/take/kash", "assess-take");
    await fn("assess/take");
  }
}
