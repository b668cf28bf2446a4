#!/usr/bin/env bash
# One command to test everything: installs what is missing, builds the CI preset (ASan + UBSan,
# warnings are errors), starts a throwaway PostgreSQL on loopback, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export UCF_WITH_BROWSER=1  # Chromium and Node.js for tests/scripts/e2e.sh
scripts/install-deps.sh

cmake --preset ci >/dev/null
cmake --build --preset ci -j"$(nproc)"

# A throwaway PostgreSQL for the multi-instance tests, stopped whatever happens.
source scripts/pg-throwaway.sh
pg_throwaway_start
trap pg_throwaway_stop EXIT
export UCF_TEST_PG_URI

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-ci --output-on-failure -j2 --timeout 600

for extra in tests/scripts/*.sh; do
  [[ -e "$extra" ]] || continue
  echo "== $extra"
  BUILD_DIR="$root/build-ci" bash "$extra"
done
echo "test.sh: all tests passed"
