#!/usr/bin/env bash
# The browser tests (every tests/e2e/*.test.mjs: the journey, 企业账号管理, the host's defences
# in the browser): Debian's Chromium driven by playwright-core against a mock host that each test
# file starts from $BUILD_DIR/bin/mock-host (default build-ci).
# Installs the npm packages (npm ci) when they are missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export BUILD_DIR="${BUILD_DIR:-$root/build-ci}"
export UCF_SCREENSHOTS_DIR="${UCF_SCREENSHOTS_DIR:-$BUILD_DIR/screenshots}"

for tool in node npm /usr/bin/chromium; do
  if ! command -v "$tool" >/dev/null; then
    echo "e2e: $tool is missing; run UCF_WITH_BROWSER=1 scripts/install-deps.sh" >&2
    exit 1
  fi
done

cd tests/e2e
if [[ ! -d node_modules/playwright-core || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
started=$(date +%s)
# One file at a time: each starts its own host and browser, and the machine has few cores.
node --test --test-reporter=spec --test-concurrency=1 ./*.test.mjs
echo "e2e: browser tests passed in $(($(date +%s) - started)) s (screenshots in $UCF_SCREENSHOTS_DIR)"
