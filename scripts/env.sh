# Sourced by the scripts: tool paths. npm's binaryen (wasm-opt 132) must come
# before any system wasm-opt (Debian's v108 produces a wasm that fails to start).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
cd "$ROOT"
