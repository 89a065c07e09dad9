#!/usr/bin/env bash
# Run every test of RM Toolkit. Installs what is missing (idempotent).
#
#   scripts/test.sh            everything: fmt, clippy, native tests, wasm tests in
#                              headless Chromium, release build + size check, e2e
#   scripts/test.sh e2e [name] release build + end-to-end tests (e2e/<name>.test.mjs)
set -euo pipefail
source "$(dirname "$0")/env.sh"
step() { printf '\n\033[1;32m== %s\033[0m\n' "$*"; }

bash scripts/setup.sh --test

if [[ "${1:-}" == "e2e" ]]; then
  step "release build"
  trunk build --release
  step "end-to-end tests"
  if [[ -n "${2:-}" ]]; then node --test "e2e/$2.test.mjs"; else node --test e2e/; fi
  exit 0
fi

step "format and lints"
cargo fmt --check
cargo clippy --all-targets -q -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bins --test web -q -- -D warnings

step "native unit and property tests"
cargo test

step "storage and component tests in headless Chromium (wasm-bindgen-test)"
cargo test --target wasm32-unknown-unknown --test web

step "release build and size check"
trunk build --release
bash scripts/size.sh

step "end-to-end tests in headless Chromium"
node --test --test-concurrency=1 e2e/
