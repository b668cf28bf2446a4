#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan), replays each seed corpus, then fuzzes each
# for a few seconds. Longer runs: fuzz/build.sh, then build-fuzz/<target> fuzz/corpus/<name>
# -max_total_time=600 (see docs/FUZZING.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/build-fuzz"
"$root/fuzz/build.sh" "$out" >/dev/null
seconds=${FUZZ_SECONDS:-5}
for target in file_content uscc status_machine form_json multipart; do
  corpus="$root/fuzz/corpus/$target"
  scratch=$(mktemp -d)
  # Replay the committed corpus, then explore briefly into a scratch folder (nothing committed).
  "$out/${target}_fuzzer" -runs=0 "$corpus" 2>&1 | tail -1
  "$out/${target}_fuzzer" -max_total_time="$seconds" -print_final_stats=1 "$scratch" "$corpus" 2>&1 |
    grep -E "stat::number_of_executed_units|ERROR|SUMMARY" | sed "s/^/$target: /"
  rm -rf "$scratch"
done
