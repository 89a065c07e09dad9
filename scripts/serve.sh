#!/usr/bin/env bash
# Build the release app and serve it on http://127.0.0.1:${PORT:-8080}/ with its
# demo data (first start shows the demo cases). Installs what is missing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh
echo "RM Toolkit → http://127.0.0.1:${PORT:-8080}/   (Ctrl+C to stop)"
exec trunk serve --release --port "${PORT:-8080}" --address 127.0.0.1
