#!/usr/bin/env bash
# One command to try the product: installs what is missing, builds (release preset), and starts
# the mock host in dev mode with the plugin on an embedded SQLite database under ./var.
# Extra arguments go to the mock host (e.g. --port 0).
set -euo pipefail
cd "$(dirname "$0")/.."
UCF_WITH_BROWSER=0 UCF_WITH_FUZZ=0 scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
mkdir -p var
exec build/bin/mock-host --dev --data-dir var "$@"
