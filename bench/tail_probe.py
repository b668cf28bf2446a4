#!/usr/bin/env python3
"""Where a read route's tail latency comes from (issue 18): the PostgreSQL lists under wrk, with
what waits sampled every 100 ms while wrk runs.

Starts a throwaway PostgreSQL (scripts/pg-throwaway.sh, fsync on, checkpoints, autovacuum, lock
waits and statements over 100 ms logged), makes the template filings and seeds the background
as bench/bench.py does, then for each host thread count given (`--threads 32,40`) starts the
host and runs wrk on the enterprise and reviewer lists. Beside each wrk run it records:

  - the listen socket's accept queue (Recv-Q of the listener) and the kernel's
    TcpExtListenOverflows / TcpExtListenDrops (a SYN dropped there costs a 1 s retransmit);
  - PostgreSQL's backends by state and wait event (pg_stat_activity);
  - the host's thread count.

Then prints one JSON line per run and copies PostgreSQL's log to the output folder. Run it
after `bench/run.sh` built build-bench/, e.g.
  python3 bench/tail_probe.py --enterprises 200 --seconds 5 --threads 32,40 --out /tmp/tail-probe
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import bench  # noqa: E402  (the benchmark's seeding, host and wrk helpers)



def nstat() -> dict:
    out = subprocess.run(["nstat", "-az", "TcpExtListenOverflows", "TcpExtListenDrops", "TcpRetransSegs"],
                         capture_output=True, text=True).stdout
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\w+)\s+(\d+)", out, re.M)}


class Sampler:
    """Samples the host's accept queue and threads every 100 ms, PostgreSQL's backends every 500 ms."""

    def __init__(self, port: int, pid: int, pg: bench.Postgres):
        self.port, self.pid, self.pg = port, pid, pg
        self.stop = threading.Event()
        self.samples = 0
        self.accept_queue_max = 0
        self.waits = collections.Counter()
        self.threads_max = 0

    def sockets(self):
        out = subprocess.run(["ss", "-ltnH", f"( sport = :{self.port} )"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            self.accept_queue_max = max(self.accept_queue_max, int(line.split()[1]))

    def backends(self):
        rows = self.pg.psql("SELECT coalesce(state, '-') || ' ' || coalesce(wait_event_type, '-') || ':' || "
                            "coalesce(wait_event, '-') FROM pg_stat_activity WHERE datname = 'ucf_test' "
                            "AND pid <> pg_backend_pid()")
        self.waits.update(rows.split("\n")[:-1])

    def run(self):
        tick = 0
        while not self.stop.is_set():
            now = time.monotonic()
            self.sockets()
            if tick % 5 == 0:
                self.backends()  # a psql process: every 500 ms only, it costs CPU the run needs
            tick += 1
            try:
                status = pathlib.Path(f"/proc/{self.pid}/status").read_text()
                self.threads_max = max(self.threads_max, int(re.search(r"Threads:\s+(\d+)", status).group(1)))
            except (OSError, AttributeError):
                pass
            self.samples += 1
            self.stop.wait(max(0.0, 0.1 - (time.monotonic() - now)))

    def result(self) -> dict:
        return {"samples": self.samples, "accept_queue_max": self.accept_queue_max,
                "host_threads_max": self.threads_max,
                "pg_backends": dict(self.waits.most_common(8))}


def probe(name, port, pid, pg, path, client, args) -> dict:
    sampler = Sampler(port, pid, pg)
    t = threading.Thread(target=sampler.run)
    before = nstat()
    t.start()
    r = bench.run_wrk(port, path, args.seconds, 2, args.connections, headers=[f"Cookie: ucf_session={client.cookie}"])
    sampler.stop.set()
    t.join()
    after = nstat()
    out = {"route": name, "rps": round(r["rps"]), "p50_ms": r["p50_us"] / 1000, "p99_ms": r["p99_us"] / 1000,
           "p999_ms": r.get("p999_us", 0) / 1000, "max_ms": r["max_us"] / 1000, "errors": r["errors"],
           "load": bench.loadavg()[0], **sampler.result(),
           "kernel": {k: after.get(k, 0) - before.get(k, 0) for k in after}}
    print(json.dumps(out, ensure_ascii=False), flush=True)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build", default=str(bench.ROOT / "build-bench"))
    p.add_argument("--enterprises", type=int, default=200)
    p.add_argument("--seconds", type=int, default=5)
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--threads", default="32", help="host --threads values, one host run each")
    p.add_argument("--sequence", default="enterprise_list,reviewer_list",
                   help="the routes measured after each host start, in order (a name may repeat)")
    p.add_argument("--pg-autogroup-nice", type=int, default=None,
                   help="set the nice value of PostgreSQL's scheduler autogroup (pg_ctl starts the server in a "
                        "session of its own, so all its backends share one autogroup's CPU share)")
    p.add_argument("--out", default="/tmp/tail-probe")
    args = p.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    binary = pathlib.Path(args.build) / "bin" / "mock-host"
    pg_proc = subprocess.Popen(["bash", "-c", f"source '{bench.ROOT}/scripts/pg-throwaway.sh'; UCF_PG_FSYNC=on "
                                f"UCF_PG_OPTIONS=\"{bench.PG_LOG_SETTINGS} -c log_connections=on\" pg_throwaway_start >&2; "
                                "echo \"$UCF_TEST_PG_URI $PG_PORT $PGDATA_DIR\"; trap 'pg_throwaway_stop' EXIT; read _"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    uri, port, pgdata = pg_proc.stdout.readline().split()
    pg = bench.Postgres(uri, int(port), pgdata)
    postmaster = int((pathlib.Path(pgdata) / "data" / "postmaster.pid").read_text().split()[0])
    bench.log("PostgreSQL's autogroup:", pathlib.Path(f"/proc/{postmaster}/autogroup").read_text().strip(),
              "; this process's:", pathlib.Path("/proc/self/autogroup").read_text().strip())
    if args.pg_autogroup_nice is not None:
        pathlib.Path(f"/proc/{postmaster}/autogroup").write_text(str(args.pg_autogroup_nice))
        bench.log("now", pathlib.Path(f"/proc/{postmaster}/autogroup").read_text().strip())
    data = out / "data"
    data.mkdir(exist_ok=True)
    results = []
    try:
        host = bench.Host(binary, data, uri, data)
        host.start()
        templates = bench.make_templates(host.port)
        host.stop()
        bench.seed_background(pg, templates, 1, args.enterprises)
        bench.analyze(pg)
        bench.seed_login_for(pg, "benchbg1", bench.uscc(1, bench.PROVINCES[1]), "测试二手车出口企业0000001有限公司")
        bench.log("seeded", bench.filing_count(pg), "filings")
        for threads in args.threads.split(","):
            host.extra_args = ["--threads", threads]
            host.start()
            bg = bench.Client(host.port).login("benchbg1").close()
            reviewer = bench.Client(host.port).login("benchreviewer").close()
            routes = {"enterprise_list": (f"{bench.API}/filings", bg),
                      "reviewer_list": (f"{bench.API}/review/filings", reviewer),
                      "healthz": ("/healthz", bg)}
            for name in args.sequence.split(","):
                path, client = routes[name]
                r = probe(name, host.port, host.proc.pid, pg, path, client, args)
                r["host_threads"] = int(threads)
                results.append(r)
            host.stop()
    finally:
        (out / "probe.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
        log = pathlib.Path(pgdata) / "server.log"
        if log.exists():
            (out / "postgresql.log").write_text(log.read_text(errors="replace"))
        pg_proc.stdin.close()
        pg_proc.wait(60)


if __name__ == "__main__":
    main()
