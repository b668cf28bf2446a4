#!/usr/bin/env bash
# The long crash-consistency run: 200 kill -9 iterations (or $1) against a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-crash -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-crash -j"$(nproc)" --target crash_check mock-host used_car_filing
build-crash/bin/crash_check build-crash/bin/mock-host "${1:-200}"
