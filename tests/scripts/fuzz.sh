#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan), replays each committed corpus (every input
# that ever crashed a target is kept there as a regression case), then fuzzes each target for a
# fixed number of runs from a fixed seed: the same inputs on every machine, however fast, so
# nothing random decides whether the test command passes. Exploration with random seeds and no
# run limit is a longer run of its own (docs/FUZZING.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/build-fuzz"
"$root/fuzz/build.sh" "$out" >/dev/null
seed=${FUZZ_SEED:-20261204}
# Runs per target: a few seconds each on this project's 2-core machines.
declare -A runs=([file_content]=40000 [uscc]=500000 [status_machine]=8000 [form_json]=200000 [multipart]=80000)
for target in file_content uscc status_machine form_json multipart; do
  corpus="$root/fuzz/corpus/$target"
  scratch=$(mktemp -d)
  "$out/${target}_fuzzer" -runs=0 "$corpus" 2>&1 | tail -1
  # New inputs go to a scratch folder (nothing committed); the committed corpus is read only.
  "$out/${target}_fuzzer" -seed="$seed" -runs="${runs[$target]}" -print_final_stats=1 "$scratch" "$corpus" 2>&1 |
    grep -E "stat::number_of_executed_units|ERROR|SUMMARY" | sed "s/^/$target: /"
  rm -rf "$scratch"
done
