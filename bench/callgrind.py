#!/usr/bin/env python3
"""Instructions per request of /healthz, the filing detail, the enterprise list, the reviewer list and the
draft save, counted by
callgrind (valgrind) on a Release host: unlike req/s they do not depend on the machine's load, so
two builds can be compared on a busy machine.

    python3 bench/callgrind.py build-bench/bin/mock-host [--requests 200] [--keep DIR]

Starts the host under `valgrind --tool=callgrind --dump-instr=no` on a fresh data folder (SQLite),
makes bench.py's template filings through the API (an approved filing with its ten attachments,
and a complete one waiting to be submitted), logs in as their enterprise (the reviewer list: as the template reviewer, whose province holds the
submitted template filing), and for each route: five
requests to warm up, `callgrind_control -z`, N requests over one keep-alive connection,
`callgrind_control -d`, then the dump's total divided by N. The draft save is bench/wrk/put_draft.lua's
request (`PUT /filings/{id}?mode=draft` with `If-Match`, a field that changes every time) on the
complete template filing, each request at the version its predecessor's ETag gave. Prints one JSON object. With --keep,
each route's dump is copied to DIR/<route>.callgrind for callgrind_annotate.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import bench  # noqa: E402  (the template filings and the HTTP client)


def total_instructions(dump: pathlib.Path) -> int:
    text = subprocess.check_output(["callgrind_annotate", "--inclusive=no", str(dump)], text=True)
    m = re.search(r"([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", text)
    if not m:
        raise RuntimeError(f"no total in {dump}")
    return int(m.group(1).replace(",", ""))


def get(client: bench.Client, path: str):
    def step():
        status, _, _ = client.request("GET", path)
        if status != 200:
            raise RuntimeError(f"{path}: {status}")
    return step


def draft_save(client: bench.Client, path: str):
    """bench/wrk/put_draft.lua's request: each save at the version the previous one's ETag gave."""
    _, headers, _ = client.request("GET", path)
    state = {"etag": headers["etag"], "edits": 0}

    def step():
        state["edits"] += 1
        n = state["edits"]
        body = {"businessScope": f"二手车销售；货物进出口；第 {n} 次暂存", "employeeCount": 100 + n % 50}
        status, headers, data = client.request("PUT", f"{path}?mode=draft", body, {"If-Match": state["etag"]})
        if status != 200:
            raise RuntimeError(f"PUT {path}: {status} {data[:200]!r}")
        state["etag"] = headers["etag"]
    return step


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", help="a Release mock-host (its plugin folder beside it)")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", type=pathlib.Path, help="copy each route's dump into this folder")
    args = parser.parse_args()
    for tool in ("valgrind", "callgrind_control", "callgrind_annotate"):
        if not shutil.which(tool):
            sys.exit(f"callgrind.py: {tool} is missing (apt-get install valgrind)")

    work = pathlib.Path(tempfile.mkdtemp(prefix="ucf-callgrind-"))
    out = work / "host.out"
    host = subprocess.Popen(["valgrind", "--tool=callgrind", "--dump-instr=no",
                             f"--callgrind-out-file={work}/callgrind.%p", args.binary, "--port", "0", "--dev",
                             "--data-dir", str(work / "data")],
                            stdout=open(out, "wb"), stderr=open(work / "host.err", "wb"))
    try:
        began = time.monotonic()
        while not (m := re.search(r"listening on http://127\.0\.0\.1:(\d+)", out.read_text(errors="replace"))):
            if host.poll() is not None or time.monotonic() - began > 300:
                sys.exit((work / "host.err").read_text(errors="replace")[-2000:])
            time.sleep(0.2)
        port = int(m.group(1))
        templates = bench.make_templates(port)
        client = bench.Client(port).login("benchtpla")
        reviewer = bench.Client(port).login("benchreviewer")
        routes = {"healthz": ("/healthz", client),
                  "filing_detail": (f"{bench.API}/filings/{templates['approved']}", client),
                  "enterprise_list": (f"{bench.API}/filings", client),
                  "reviewer_list": (f"{bench.API}/review/filings", reviewer)}
        steps = {name: get(client, path) for name, (path, client) in routes.items()}
        steps["draft_save"] = draft_save(client, f"{bench.API}/filings/{templates['complete']}")
        result = {}
        for name, step in steps.items():
            for _ in range(5):
                step()
            subprocess.run(["callgrind_control", "-z", str(host.pid)], check=True, capture_output=True)
            for _ in range(args.requests):
                step()
            before = set(work.glob("callgrind.*"))
            subprocess.run(["callgrind_control", "-d", name, str(host.pid)], check=True, capture_output=True)
            while not (new := set(work.glob("callgrind.*")) - before):
                time.sleep(0.1)
            time.sleep(0.5)  # let callgrind finish writing the dump
            dump = new.pop()
            result[name] = total_instructions(dump) // args.requests
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(dump, args.keep / f"{name}.callgrind")
        print(json.dumps(result))
    finally:
        host.terminate()
        host.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
