#!/usr/bin/env bash
# ThreadSanitizer run of the tests that do things at once (Catch2 tag [concurrency]: racing
# requests and writers, two hosts in one process, slow clients holding server threads). Builds its
# own tree, build-tsan (preset tsan: Debug, warnings are errors, the plugin and test plugins that
# the host dlopens instrumented too), and only the test executables it runs, each from only the files
# that hold a [concurrency] test (tests/CMakeLists.txt); BUILD_DIR (the ASan
# tree) is not used. The PostgreSQL ones run when UCF_TEST_PG_URI is set (scripts/test.sh sets it).
# TSAN_FILTER overrides the Catch2 filter, e.g. TSAN_FILTER='*' runs every test of those files.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

# GCC 12's TSan cannot map its shadow memory with high-entropy ASLR ("FATAL: ThreadSanitizer:
# unexpected memory mapping", seen with vm.mmap_rnd_bits=32): run everything, the build's test
# discovery included, without address randomisation there. 28 (Debian 12's default) works.
if [[ -z "${UCF_TSAN_NO_ASLR:-}" && $(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo 0) -gt 28 ]]; then
  exec env UCF_TSAN_NO_ASLR=1 setarch "$(uname -m)" -R bash "$0" "$@"
fi

build="$root/build-tsan"
filter=${TSAN_FILTER:-[concurrency]}
targets=(host_tests integration_tests)
[[ -n "${UCF_TEST_PG_URI:-}" ]] && targets+=(postgresql_tests)

started=$(date +%s)
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j"$(nproc)" --target "${targets[@]}"
echo "tsan: built ${targets[*]} in $(($(date +%s) - started)) s"

export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1${TSAN_OPTIONS:+ $TSAN_OPTIONS}"
if [[ -f "$root/tests/tsan.supp" ]]; then
  TSAN_OPTIONS+=" suppressions=$root/tests/tsan.supp"
fi

failed=0
for exe in "${targets[@]}"; do
  log="$build/tsan-$exe.log"
  run_started=$(date +%s)
  # -w NoTests: a filter that matches nothing is a failure, not a silent pass.
  if timeout 900 "$build/bin/$exe" "$filter" -w NoTests >"$log" 2>&1; then
    echo "tsan: $exe $filter: $(grep -E '^All tests passed' "$log" || tail -1 "$log") in $(($(date +%s) - run_started)) s"
  else
    status=$?
    cat "$log"
    echo "tsan: $exe $filter FAILED (exit $status; 66 = a ThreadSanitizer report, 124 = timeout); log: $log" >&2
    failed=1
  fi
done
if [[ -z "${UCF_TEST_PG_URI:-}" ]]; then
  echo "tsan: UCF_TEST_PG_URI is not set: the PostgreSQL concurrency tests were NOT run (scripts/test.sh sets it)"
fi
exit "$failed"
