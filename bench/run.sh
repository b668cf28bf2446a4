#!/usr/bin/env bash
# The benchmark of issue 7 (not part of the tests): installs what is missing, builds the Release
# tree in build-bench/, then runs bench/bench.py, which starts the mock host with the plugin on
# SQLite and on PostgreSQL (scripts/pg-throwaway.sh), seeds data and measures every route with
# wrk side by side with /healthz. Arguments go to bench.py (see `bench/run.sh --help`), e.g.
#   bench/run.sh --out bench-results            # the full run (about 15 minutes on 2 cores)
#   bench/run.sh --enterprises 200 --large 20000 --seconds 3 --write-seconds 3   # a smoke run
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ " $* " == *" --help "* || " $* " == *" -h "* ]]; then exec python3 bench/bench.py --help; fi

UCF_WITH_BROWSER=0 UCF_WITH_FUZZ=0 UCF_WITH_BENCH=1 scripts/install-deps.sh
for tool in sqlite3 python3 curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench: installing $tool"
    apt-get install -y -qq --no-install-recommends "$tool" >/dev/null
  fi
done

cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DUCF_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)"

exec python3 bench/bench.py --build build-bench "$@"
