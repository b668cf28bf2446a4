#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) into $1 (default build-fuzz/).
# The domain is compiled once into a static library shared by every target; objects are rebuilt
# only when their source is newer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build-fuzz}
mkdir -p "$out/obj"
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
       -I"$root" -I"$root/host-sdk/include" -DBOOST_JSON_NO_LIB -DBOOST_CONTAINER_NO_LIB)
compile() {  # source → obj/<name>.o when stale
  local src=$1 obj="$out/obj/$(basename "${1%.cpp}").o"
  if [[ ! -e "$obj" || "$src" -nt "$obj" || -n "$(find "$root/plugin" -name '*.hpp' -newer "$obj" -print -quit)" ]]; then
    clang++ "${flags[@]}" -c "$src" -o "$obj"
  fi
}
sources=("$root"/reference/*.cpp "$root"/plugin/domain/*.cpp "$root/plugin/rest/strict_json.cpp" "$root/plugin/rest/form_json.cpp"
         "$root/plugin/json/field_value_json.cpp" "$root/plugin/json/json_writer.cpp"
         "$root/plugin/json/json_parser.cpp" "$root"/fuzz/*_fuzzer.cpp)
for src in "${sources[@]}"; do
  compile "$src" &
  while (($(jobs -r | wc -l) >= $(nproc))); do wait -n; done
done
wait
domain=()
for src in "$root"/reference/*.cpp "$root"/plugin/domain/*.cpp; do domain+=("$out/obj/$(basename "${src%.cpp}").o"); done
link() {
  local name=$1; shift
  clang++ -fsanitize=fuzzer,address,undefined "$out/obj/$name.o" "$@" -o "$out/$name"
}
link file_content_fuzzer "${domain[@]}"
link uscc_fuzzer "${domain[@]}"
link status_machine_fuzzer "${domain[@]}"
link form_json_fuzzer "$out/obj/strict_json.o" "$out/obj/form_json.o" "$out/obj/field_value_json.o" "$out/obj/json_writer.o" \
  "$out/obj/json_parser.o" "${domain[@]}" \
  -lboost_json
link multipart_fuzzer -lPocoNet -lPocoFoundation
echo "fuzz targets in $out"
