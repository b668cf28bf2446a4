#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) into $1 (default build-fuzz/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build-fuzz}
mkdir -p "$out"
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -I"$root" -I"$root/host-sdk/include" -DBOOST_JSON_NO_LIB -DBOOST_CONTAINER_NO_LIB)
domain=("$root"/plugin/domain/*.cpp)
build() {
  local name=$1; shift
  if [[ ! -x "$out/$name" || -n "$(find "$root/plugin" "$root/fuzz" -newer "$out/$name" -name '*.[ch]pp' -print -quit)" ]]; then
    clang++ "${flags[@]}" "$@" -o "$out/$name"
  fi
}
build file_content_fuzzer "$root/fuzz/file_content_fuzzer.cpp" "${domain[@]}" &
build uscc_fuzzer "$root/fuzz/uscc_fuzzer.cpp" "${domain[@]}" &
wait
build status_machine_fuzzer "$root/fuzz/status_machine_fuzzer.cpp" "${domain[@]}" &
build form_json_fuzzer "$root/fuzz/form_json_fuzzer.cpp" "$root/plugin/rest/strict_json.cpp" \
  "$root/plugin/rest/form_json.cpp" "$root/plugin/json/field_value_json.cpp" "${domain[@]}" -lboost_json &
wait
build multipart_fuzzer "$root/fuzz/multipart_fuzzer.cpp" -lPocoNet -lPocoFoundation
echo "fuzz targets in $out"
