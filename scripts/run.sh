#!/usr/bin/env bash
# One command to try the product: installs what is missing, builds the host and the plugin
# (release preset), and starts the mock host in dev mode with the plugin on an embedded SQLite
# database under ./var.
# Extra arguments go to the mock host (e.g. --port 0).
set -euo pipefail
cd "$(dirname "$0")/.."
UCF_WITH_BROWSER=0 UCF_WITH_FUZZ=0 scripts/install-deps.sh
cmake --preset release >/dev/null
# Only what runs: the host and the plugin, not the ~130 test targets.
cmake --build --preset release -j"$(nproc)" --target mock-host used_car_filing
mkdir -p var
exec build/bin/mock-host --dev --data-dir var "$@"
