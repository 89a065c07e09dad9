#!/usr/bin/env bash
# Size check of the release build, per address: the gzipped wasm + JS that a
# first visit of each address downloads (its binary, the boot and loader
# scripts). Fails above the hard limit; prints every route's figure, the
# product targets, and what a full offline copy of every file costs.
set -euo pipefail
source "$(dirname "$0")/env.sh"
ISSUE_LIMIT_KB=300               # the limit issue 11 asks for, per address
# Hard limit that fails the build today: a regression guard just above the
# largest address (#/map: 443 KB, 384 after the size work of stop 19, 372
# since the share encoder became a module loaded on demand in stop 21, 369
# without core's float formatting in stop 22),
# until the size work brings every address under the 300 KB of issue 11
# (then set this to 300).
LIMIT_KB=${SIZE_LIMIT_KB:-372}
TOOL_TARGET_KB=250               # product target for each tool's address
SHELL_TARGET_KB=170              # aim for home and #/data
node - "$LIMIT_KB" "$TOOL_TARGET_KB" "$SHELL_TARGET_KB" "$ISSUE_LIMIT_KB" <<'JS'
const fs = require("fs"), zlib = require("zlib"), path = require("path");
const [limit, toolTarget, shellTarget, issueLimit] = process.argv.slice(2).map(Number);
const dist = "dist";
const info = JSON.parse(fs.readFileSync(path.join(dist, "build.json"), "utf8"));
const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
const kb = (b) => Math.ceil(b / 1024);
const commonJs = info.common.filter((f) => f.endsWith(".js"));
const commonBytes = commonJs.reduce((s, f) => s + gz(f), 0);
let over = [];
console.log("size: gzipped wasm + JS downloaded by a first visit of each address");
const addresses = [["#/ and #/data (shell)", ""], ...Object.keys(info.routes).filter((k) => k && !k.startsWith("@")).map((k) => [`#/${k}`, k])];
for (const [label, key] of addresses) {
  const r = info.routes[key];
  const w = gz(r.wasm), j = gz(r.js);
  const total = w + j + commonBytes;
  const target = key ? toolTarget : shellTarget;
  const flag = kb(total) > limit ? "OVER THE HARD LIMIT" : kb(total) > issueLimit ? `over the ${issueLimit} KB limit of issue 11` : kb(total) > target ? `over the ${target} KB target` : "ok";
  console.log(`  ${label.padEnd(24)} ${String(kb(total)).padStart(4)} KB  (wasm ${kb(w)} KB, glue ${kb(j)} KB, boot+loader ${kb(commonBytes)} KB)  ${flag}`);
  if (kb(total) > limit) over.push(label);
}
for (const key of Object.keys(info.routes).filter((k) => k.startsWith("@"))) {
  const r = info.routes[key];
  const when = { "@qrscan": "when a scanner opens", "@encoder": "when a share or hand-in dialog is about to open" }[key] || "on demand";
  console.log(`  ${(key + " (on demand)").padEnd(24)} ${String(kb(gz(r.wasm) + gz(r.js))).padStart(4)} KB  (wasm ${kb(gz(r.wasm))} KB, glue ${kb(gz(r.js))} KB)  loaded ${when}, not on a first visit`);
}
let all = 0, allGz = 0;
for (const f of info.files) { all += fs.statSync(path.join(dist, f)).size; allGz += gz(f); }
console.log(`size: every file of the build (a full offline copy): ${kb(all)} KB, ${kb(allGz)} KB gzipped, ${info.files.length} files`);
console.log(`size: hard limit ${limit} KB per address (issue 11 asks ${issueLimit} KB); product targets ${toolTarget} KB per tool, ${shellTarget} KB home/#/data`);
if (over.length) { console.error(`size: OVER THE ${limit} KB LIMIT: ${over.join(", ")}`); process.exit(1); }
JS
