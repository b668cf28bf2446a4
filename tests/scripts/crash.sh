#!/usr/bin/env bash
# Short crash-consistency run (kill -9 the host at random moments under concurrent writes,
# restart, check every acknowledged write). bench/crash-loop.sh runs the long one. The writers'
# choices and the kill delays come from a fixed seed (CRASH_SEED); whatever the moment a kill
# lands, no acknowledged write may be lost, so the outcome does not depend on the seed.
set -euo pipefail
build=${BUILD_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/build-ci}
"$build/bin/crash_check" "$build/bin/mock-host" "${CRASH_ITERATIONS:-20}" "${CRASH_SEED:-20261204}"
