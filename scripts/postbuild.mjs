// Trunk post-build hook (Trunk.toml): runs in the staging folder before it
// becomes dist/.
//  1. Trunk builds each tool's binary (`data-type="worker"`) as `<tool>.js` +
//     `<tool>_bg.wasm`, unhashed: give each a content hash, so a new build
//     never mixes with cached old files.
//  2. Complete the page's route table (`#rmt-routes`, written by Trunk's
//     `pattern_script` with the shell's files) with every tool's files;
//     web/loader.js reads it to load only what an address needs.
//  3. Write `build.json`: every binary and file, for the size check and the
//     offline cache.
// Every script is minified first (terser, pinned in package.json): the
// wasm-bindgen glue shrinks by about a quarter gzipped. Property names are
// never mangled (the glue's imports are looked up by name).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { minify } from "terser";

/** Minify `text` (an ES module unless `module` is false), failing the build on error. */
async function minified(text, module = true) {
  const out = await minify(text, { module, toplevel: module, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (typeof out.code !== "string") throw new Error("postbuild: terser gave no output");
  return out.code;
}

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) throw new Error("postbuild: TRUNK_STAGING_DIR is not set");
export const TOOLS = ["clv", "tiering", "map", "scripts", "assess"];
// Modules loaded on demand, not addresses (key "@<name>" in the route table):
// the QR decoder of the scanner (src/bin/qrscan.rs) and the encoder of share
// links and QR codes (src/bin/encoder.rs), each used by these tools.
export const MODULES = { qrscan: ["assess", "scripts"], encoder: TOOLS };

const htmlPath = path.join(dir, "index.html");
let html = fs.readFileSync(htmlPath, "utf8");
const re = /<script type="application\/json" id="rmt-routes">([\s\S]*?)<\/script>/;
const m = html.match(re);
if (!m) throw new Error("postbuild: the #rmt-routes block is missing from index.html (Trunk.toml pattern_script)");
const routes = JSON.parse(m[1]);
if (!routes[""] || !fs.existsSync(path.join(dir, routes[""].wasm))) {
  throw new Error(`postbuild: the shell's files are missing: ${m[1]}`);
}

// The shell's glue, the loader (modules) and the boot script (a classic
// script: its top-level names are left alone). Their names keep Trunk's hash
// of the unminified file, which changes whenever the content does; the page's
// integrity attributes follow the new content.
for (const f of fs.readdirSync(dir)) {
  const file = path.join(dir, f);
  const boot = /^boot-.*\.js$/.test(f);
  if (f !== routes[""].js && !boot && !/^loader-.*\.js$/.test(f)) continue;
  const text = await minified(fs.readFileSync(file, "utf8"), !boot);
  fs.writeFileSync(file, text);
  const tag = new RegExp(`(<script\\b[^>]*src="\\./${f.replace(/[.]/g, "\\.")}"[^>]*integrity=")sha384-[^"]*"`);
  if (f !== routes[""].js) {
    if (!tag.test(html)) throw new Error(`postbuild: no <script src="./${f}" integrity=…> in index.html`);
    html = html.replace(tag, `$1sha384-${crypto.createHash("sha384").update(text).digest("base64")}"`);
  }
}

// One stylesheet: Trunk writes each CSS file of the page as a file of its
// own, and on a phone every extra request is another round trip before the
// page can paint. Join them, in the page's order (the cascade is the same),
// into one file with its own hash and integrity.
const cssTags = [...html.matchAll(/[ \t]*<link rel="stylesheet" href="\.\/([^"]+\.css)"[^>]*>\n?/g)];
if (cssTags.length > 1) {
  const css = cssTags.map(([, f]) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n");
  const name = `style-${crypto.createHash("sha256").update(css).digest("hex").slice(0, 16)}.css`;
  fs.writeFileSync(path.join(dir, name), css);
  for (const [, f] of cssTags) fs.unlinkSync(path.join(dir, f));
  const integrity = `sha384-${crypto.createHash("sha384").update(css).digest("base64")}`;
  html = html.replace(cssTags[0][0], `  <link rel="stylesheet" href="./${name}" integrity="${integrity}"/>\n`);
  for (const [tag] of cssTags.slice(1)) html = html.replace(tag, "");
}
// The loader runs as soon as it arrives (it starts the binary's download),
// not after the styles and the boot script.
html = html.replace(/(<script\b[^>]*src="\.\/loader-[^"]+\.js"[^>]*)>/, (all, open) => (/\basync\b/.test(open) ? all : `${open} async>`));
if (!/<script\b[^>]*src="\.\/loader-[^"]+\.js"[^>]*\basync\b/.test(html)) throw new Error("postbuild: the loader's <script> tag is missing");

for (const tool of [...TOOLS, ...Object.keys(MODULES)]) {
  const key = TOOLS.includes(tool) ? tool : `@${tool}`;
  const js = path.join(dir, `${tool}.js`);
  const wasm = path.join(dir, `${tool}_bg.wasm`);
  if (!fs.existsSync(js) || !fs.existsSync(wasm)) throw new Error(`postbuild: ${tool}.js / ${tool}_bg.wasm missing`);
  const wasmBytes = fs.readFileSync(wasm);
  let jsText = await minified(fs.readFileSync(js, "utf8"));
  const hash = crypto.createHash("sha256").update(wasmBytes).update(jsText).digest("hex").slice(0, 16);
  const base = `${tool}-${hash}`;
  // The glue's default wasm path (used only if no path is passed) follows the rename.
  jsText = jsText.split(`${tool}_bg.wasm`).join(`${base}_bg.wasm`);
  fs.writeFileSync(path.join(dir, `${base}.js`), jsText);
  fs.renameSync(wasm, path.join(dir, `${base}_bg.wasm`));
  fs.unlinkSync(js);
  routes[key] = { js: `${base}.js`, wasm: `${base}_bg.wasm` };
}

// Each tool's on-demand modules: the loader has the service worker keep them
// for offline use once the tool has started (they are not imported then).
for (const tool of TOOLS) {
  routes[tool].modules = Object.keys(MODULES).filter((m) => MODULES[m].includes(tool));
}
html = html.replace(re, `<script type="application/json" id="rmt-routes">${JSON.stringify(routes)}</script>`);
// The Content-Security-Policy allows the page's inline scripts by hash: each
// one's sha256 must be in the meta policy's script-src (and in a host's header).
const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
if (!csp) throw new Error("postbuild: index.html has no Content-Security-Policy meta tag");
for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
  if (/\bsrc=/.test(attrs) || /type="application\/json"/.test(attrs)) continue;
  const hash = `'sha256-${crypto.createHash("sha256").update(body).digest("base64")}'`;
  if (!csp[1].includes(hash)) throw new Error(`postbuild: an inline script's hash ${hash} is not in the CSP's script-src: ${body.slice(0, 80)}`);
}
fs.writeFileSync(htmlPath, html);

// The service worker, with this build's files: the page, the shell and the
// common files are precached; each tool's files when that tool is opened.
const swSrc = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), "..", "web", "sw.js"), "utf8");
const all = fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile());
const build = {
  id: crypto.createHash("sha256").update(JSON.stringify(routes)).update(all.join(",")).digest("hex").slice(0, 12),
  core: all.filter((f) => f.endsWith(".css") || f.endsWith(".svg") || f.endsWith(".webmanifest") || /^(boot|loader)-.*\.js$/.test(f))
    .concat([routes[""].js, routes[""].wasm]),
  tools: Object.fromEntries(TOOLS.map((t) => [t, [routes[t].js, routes[t].wasm].concat(
    ...Object.entries(MODULES).filter(([, users]) => users.includes(t)).map(([m]) => [routes[`@${m}`].js, routes[`@${m}`].wasm]))])),
};
if (!swSrc.includes("/*BUILD*/")) throw new Error("postbuild: web/sw.js lacks the /*BUILD*/ marker");
fs.writeFileSync(path.join(dir, "sw.js"), swSrc.replace(/\/\*BUILD\*\/ \{[^\n]*\}/, JSON.stringify(build)));

// Everything a first visit of each address downloads beside the page: its
// binary, the boot and loader scripts, the styles.
const files = fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile());
const common = files.filter((f) => /^(boot|loader)-.*\.js$/.test(f) || f.endsWith(".css"));
const sizes = Object.fromEntries(files.map((f) => [f, fs.statSync(path.join(dir, f)).size]));
const info = { build: build.id, routes, common, files: files.filter((f) => f !== "build.json").sort(), sizes };
fs.writeFileSync(path.join(dir, "build.json"), JSON.stringify(info, null, 2));
console.log(`postbuild: ${Object.keys(routes).length} binaries versioned and listed`);
