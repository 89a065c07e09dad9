#!/usr/bin/env bash
# Build the static files for deployment into dist/ (relative links: works from
# any folder of any static host). Installs what is missing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh
trunk build --release
echo "dist/ is ready: copy its files to any static host or sub-folder."
