#!/usr/bin/env bash
# Size check of the release build: gzipped wasm + JS must stay within budget.
set -euo pipefail
source "$(dirname "$0")/env.sh"
BUDGET_KB=${SIZE_BUDGET_KB:-300}
total=0
for f in dist/*.wasm dist/*.js; do
  gz=$(gzip -9c "$f" | wc -c)
  printf '  %-50s %8d bytes, %7d gzipped\n' "$(basename "$f")" "$(stat -c %s "$f")" "$gz"
  total=$((total + gz))
done
kb=$(( (total + 1023) / 1024 ))
echo "size: wasm + JS = ${kb} KB gzipped (budget ${BUDGET_KB} KB)"
if (( kb > BUDGET_KB )); then
  echo "size: OVER BUDGET" >&2
  exit 1
fi
