#!/usr/bin/env bash
# Build the release app and print the in-browser benchmark figures (headless
# Chromium, release wasm): every tool's `benchmarks()` run on the #/bench page.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh --test
trunk build --release
node e2e/bench.mjs
node e2e/load-bench.mjs
node e2e/bench-views.mjs
node e2e/bench-sweep.mjs
