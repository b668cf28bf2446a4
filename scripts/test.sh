#!/usr/bin/env bash
# One command to test everything: installs what is missing, builds the CI preset (ASan + UBSan,
# warnings are errors), starts a throwaway PostgreSQL on loopback, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export UCF_WITH_BROWSER=1  # Chromium and Node.js for tests/scripts/e2e.sh
export UCF_WITH_TIDY=1     # clang-tidy for scripts/clang-tidy.sh
scripts/install-deps.sh

cmake --preset ci >/dev/null
cmake --build --preset ci -j"$(nproc)"

# clang-tidy over the build's sources, at the lowest CPU priority beside the tests (they wait on
# sockets and PostgreSQL much of the time); its verdict is awaited at the end.
setsid nice -n 19 scripts/clang-tidy.sh "$root/build-ci" &
tidy_pid=$!

# A throwaway PostgreSQL for the multi-instance tests, stopped whatever happens.
source scripts/pg-throwaway.sh
pg_throwaway_start
trap 'pg_throwaway_stop; kill -- "-$tidy_pid" 2>/dev/null || true' EXIT
export UCF_TEST_PG_URI

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-ci --output-on-failure -j2 --timeout 600

for extra in tests/scripts/*.sh; do
  [[ -e "$extra" ]] || continue
  echo "== $extra"
  BUILD_DIR="$root/build-ci" bash "$extra"
done
echo "== clang-tidy"
wait "$tidy_pid"
echo "test.sh: all tests passed"
