#!/usr/bin/env bash
# clang-tidy with the checked-in .clang-tidy over every C++ source of the project that a build
# compiles (tests excluded: they follow Catch2's macros, not our naming), using that build's
# compile_commands.json. Any warning fails (.clang-tidy: WarningsAsErrors). Usage:
#   scripts/clang-tidy.sh [BUILD_DIR]      (default build-ci)
# scripts/test.sh runs it at the lowest CPU priority beside the tests, so it costs CI little wall
# time: the tests wait on sockets and PostgreSQL much of the time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-ci}
[[ -f "$build/compile_commands.json" ]] || { echo "clang-tidy: no $build/compile_commands.json; build first" >&2; exit 2; }
started=$(date +%s)
# Sources of the project outside tests/ and the build trees.
run-clang-tidy-14 -p "$build" -quiet -j "$(nproc)" "^$root/(?!tests/|build|fuzz/)" >"$build/clang-tidy.log" 2>&1 || {
  grep -E "warning:|error:" "$build/clang-tidy.log" | sed 's/\x1b\[[0-9;]*m//g' | sort -u >&2
  echo "clang-tidy: FAILED (full output in $build/clang-tidy.log)" >&2
  exit 1
}
echo "clang-tidy: $(grep -c '^clang-tidy-14\|clang-tidy-14 ' "$build/clang-tidy.log" || true) files clean in $(($(date +%s) - started)) s"
