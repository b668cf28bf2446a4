# Sourced by scripts: a throwaway PostgreSQL 15 cluster on 127.0.0.1, in a temp folder.
# pg_throwaway_start sets UCF_TEST_PG_URI; pg_throwaway_stop stops it and removes the folder.
# fsync is off (tests need no durability) unless UCF_PG_FSYNC=on (the benchmark's write routes).
# max_connections is 500: every plugin opens its whole pool (48) at start, ctest runs two test
# programs at once and some tests start two hosts; a refused connect would not only fail a test,
# POCO 1.11's PostgreSQL SessionHandle leaks the PGconn of a failed connect (LeakSanitizer).
# UCF_PG_OPTIONS adds server settings (`-c name=value ...`), e.g. the benchmark's logging.
PG_BIN=/usr/lib/postgresql/15/bin

# Starts the server on $PG_PORT unless something already listens there.
pg_throwaway_try_port() {
  if (: <"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then return 1; fi
  # Kept for a script that starts the server again (tests/scripts/faults.sh).
  PG_SERVER_OPTIONS="-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PGDATA_DIR -c fsync=${UCF_PG_FSYNC:-off} -c max_connections=500 ${UCF_PG_OPTIONS:-}"
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/data" -l "$PGDATA_DIR/server.log" -w -o "$PG_SERVER_OPTIONS" \
    start >/dev/null
}

pg_throwaway_start() {
  PGDATA_DIR=$(mktemp -d /tmp/ucf-pg-XXXXXX)
  local run=()
  if [[ $(id -u) == 0 ]]; then
    chown postgres:postgres "$PGDATA_DIR"
    run=(runuser -u postgres --)
  fi
  chmod 700 "$PGDATA_DIR"
  "${run[@]}" "$PG_BIN/initdb" -D "$PGDATA_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  # The first free port from UCF_PG_PORT (default 25400) on: no random port, and a port that
  # something else holds is skipped instead of failing the run.
  PG_PORT=${UCF_PG_PORT:-25400}
  local tries=0
  until pg_throwaway_try_port; do
    tries=$((tries + 1))
    if ((tries >= 50)); then
      echo "pg-throwaway: no free port from ${UCF_PG_PORT:-25400} to $PG_PORT" >&2
      return 1
    fi
    PG_PORT=$((PG_PORT + 1))
  done
  "${run[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres ucf_test
  UCF_TEST_PG_URI="postgresql://postgres@127.0.0.1:$PG_PORT/ucf_test"
  PG_RUN=("${run[@]}")
  echo "pg-throwaway: PostgreSQL on port $PG_PORT"
}

pg_throwaway_stop() {
  [[ -n "${PGDATA_DIR:-}" ]] || return 0
  "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA_DIR"
  PGDATA_DIR=""
}
