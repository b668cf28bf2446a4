#!/usr/bin/env bash
# Faults survived (docs/RELIABILITY.md, docs/PRODUCT.md §8): PostgreSQL restarted under load, a
# host started while PostgreSQL is down, a full disk. The PostgreSQL tests stop and restart their
# server, so they get one of their own here (the first free port from UCF_FAULT_PG_PORT, default
# 25451), not the one ctest shares; the full disk mounts tmpfs disks and, without root, prints why
# it did nothing. The statement limit and the backup tests need neither: ctest runs them.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build-ci}
source "$root/scripts/pg-throwaway.sh"
(
  UCF_PG_PORT=${UCF_FAULT_PG_PORT:-25451}
  pg_throwaway_start
  trap pg_throwaway_stop EXIT
  export UCF_FAULT_PG_URI="$UCF_TEST_PG_URI"
  export UCF_FAULT_PG_CTL="${PG_RUN[*]} $PG_BIN/pg_ctl -D $PGDATA_DIR/data -l $PGDATA_DIR/server.log"
  export UCF_FAULT_PG_OPTIONS="$PG_SERVER_OPTIONS"
  export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$root/tests/lsan-faults.supp"
  "$build/bin/fault_tests" "$@"
)
