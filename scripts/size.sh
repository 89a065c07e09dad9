#!/usr/bin/env bash
# Size check of the release build: gzipped wasm + JS must stay within budget.
set -euo pipefail
source "$(dirname "$0")/env.sh"
# The product target for the whole app is 300 KB gzipped; the app is over it
# (see the figure printed below), so the hard limit that fails the build is set
# just above today's size to stop further growth while the size work is done.
TARGET_KB=300
BUDGET_KB=${SIZE_BUDGET_KB:-700}
total=0
for f in dist/*.wasm dist/*.js; do
  gz=$(gzip -9c "$f" | wc -c)
  printf '  %-50s %8d bytes, %7d gzipped\n' "$(basename "$f")" "$(stat -c %s "$f")" "$gz"
  total=$((total + gz))
done
kb=$(( (total + 1023) / 1024 ))
echo "size: wasm + JS = ${kb} KB gzipped (hard limit ${BUDGET_KB} KB; product target ${TARGET_KB} KB)"
if (( kb > TARGET_KB )); then
  echo "size: $((kb - TARGET_KB)) KB over the ${TARGET_KB} KB product target"
fi
if (( kb > BUDGET_KB )); then
  echo "size: OVER BUDGET" >&2
  exit 1
fi
