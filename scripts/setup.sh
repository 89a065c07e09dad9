#!/usr/bin/env bash
# Install what building and testing RM Toolkit needs, idempotently. Fast when
# everything is already there. Used by scripts/serve.sh and scripts/test.sh.
#
#   scripts/setup.sh          build tools (wasm target, trunk, wasm-bindgen, wasm-opt)
#   scripts/setup.sh --test   also Chromium + chromedriver and playwright-core
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WANT_TEST=0
[[ "${1:-}" == "--test" ]] && WANT_TEST=1

say() { printf '\033[1;34m[setup %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*"; }
# On a fresh 2-core machine the installs below take about 35-50 minutes in
# all (trunk is the longest); each step says what it does and roughly how long.
export PATH="$HOME/.cargo/bin:$PATH"

# The wasm-bindgen version pinned in Cargo.toml / Cargo.lock: the CLI must match it.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

# Chromium (a download, not a compile) installs in the background while the
# Rust tools compile.
APT_PID=
if [[ $WANT_TEST == 1 ]] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  say "installing Chromium and chromedriver (Debian packages) in the background: about 2-5 minutes, once"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  APT_LOG=$(mktemp)
  ( $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver ) >"$APT_LOG" 2>&1 &
  APT_PID=$!
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION: compiling ~400 crates, about 20-30 minutes on 2 cores, once"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WBG_VERSION"; then
  say "installing wasm-bindgen-cli $WBG_VERSION: about 8-12 minutes, once"
  # Not --locked: its lock file names a crate version the registry may lack.
  cargo install --force "wasm-bindgen-cli@$WBG_VERSION"
fi

# binaryen (wasm-opt), terser (the JS glue's minifier, scripts/postbuild.mjs)
# and playwright-core from npm, pinned in package.json.
if [[ ! -x node_modules/.bin/wasm-opt || ! -d node_modules/terser || ( $WANT_TEST == 1 && ! -d node_modules/playwright-core ) ]] \
   || ! node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version 132"; then
  say "installing npm tools (binaryen, terser, playwright-core): about 1 minute"
  if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

if [[ -n "$APT_PID" ]]; then
  say "waiting for the Chromium install"
  wait "$APT_PID" || { echo "setup: installing Chromium failed, see $APT_LOG" >&2; cat "$APT_LOG" >&2; exit 1; }
fi
say "tools ready: $(trunk --version), wasm-bindgen $WBG_VERSION, $(node_modules/.bin/wasm-opt --version)"
