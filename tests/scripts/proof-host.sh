#!/usr/bin/env bash
# The ABI proof (docs/PRODUCT.md §11): builds tests/proof_host/proof_host.cpp — a host written
# against ucf/abi/ucf_plugin.h alone — with clang++ and libc++, checks that it links libc++ and
# not libstdc++, and runs it on the plugin the main build made with g++ and libstdc++
# ($BUILD_DIR/plugins, default build-ci). Needs Debian's clang, libc++-dev and libc++abi-dev.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
build="${BUILD_DIR:-$root/build-ci}"
plugin="$build/plugins/libused_car_filing.so"
[[ -f $plugin ]] || { echo "proof-host: $plugin is missing; build first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

clang++ -std=c++20 -stdlib=libc++ -Wall -Wextra -Wpedantic -Werror -I"$root/host-sdk/include" \
  tests/proof_host/proof_host.cpp -o "$work/proof_host" -ldl
libs=$(ldd "$work/proof_host")
grep -q 'libc++\.so' <<<"$libs" || { echo "proof-host: not linked against libc++" >&2; exit 1; }
if grep -q 'libstdc++' <<<"$libs"; then echo "proof-host: links libstdc++" >&2; exit 1; fi
grep -q 'libstdc++' < <(ldd "$plugin") || { echo "proof-host: the plugin is expected to use libstdc++" >&2; exit 1; }

# A sanitizer build's plugin needs its runtimes loaded first; the host itself is not instrumented.
preload=$(ldd "$plugin" | awk '/lib(asan|ubsan)\.so/ {print $3}' | paste -sd: -)
mkdir -p "$work/data"
LD_PRELOAD="$preload" ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" "$work/proof_host" "$plugin" "$work/data"
echo "proof-host: a clang++/libc++ host drove the g++/libstdc++ plugin through the C table"
