#!/usr/bin/env python3
"""How long a session change at one host takes to reach another (docs/PRODUCT.md §7, §8).

Starts two Release hosts (no plugin) over one PostgreSQL and, `--runs` times for each kind of
change: makes a session known to host 2 (it caches it for `--session-cache` seconds), changes it
at host 1, and polls host 2 without pause until it answers the change. The delay counts from the
moment host 1's response arrived to the moment host 2's first answer that shows the change did.
Kinds: `logout` (POST /api/auth/logout at host 1; host 2 answers GET /api/session with 401),
`trust` and `untrust` (a CA user gives or withdraws a registered account's trust at host 1,
企业账号授权; host 2's GET /api/session says `verified: true` or `false`). Prints p50/p99/max in milliseconds as JSON.

    cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DUCF_BUILD_TESTS=OFF
    cmake --build build-bench --target mock-host
    source scripts/pg-throwaway.sh && pg_throwaway_start
    python3 bench/session_invalidation.py --db "$UCF_TEST_PG_URI"
    pg_throwaway_stop

Only the standard library and the openssl command (to sign the dev e-key's challenge) are used.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import pathlib
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from bench import Client, PASSWORD  # noqa: E402  (bench.py's keep-alive client and password)

USCC = "91350100M000100Y43"
LISTENING = "listening for session changes"


class Host:
    """A mock host without plugins, started over `db`; ready once it listens for session changes."""

    def __init__(self, binary: pathlib.Path, folder: pathlib.Path, db: str, cache_seconds: int):
        folder.mkdir(parents=True)
        (folder / "plugins").mkdir()
        self.out, self.err = folder / "host.out", folder / "host.log"
        args = [str(binary), "--port", "0", "--dev", "--data-dir", str(folder), "--db", db,
                "--plugins", str(folder / "plugins"), "--session-cache", str(cache_seconds)]
        with open(self.out, "wb") as o, open(self.err, "wb") as e:
            self.proc = subprocess.Popen(args, stdout=o, stderr=e)
        began = time.monotonic()
        self.port = 0
        while not self.port or LISTENING not in self.err.read_text(errors="replace"):
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", self.out.read_text(errors="replace"))
            self.port = int(m.group(1)) if m else 0
            if self.proc.poll() is not None or time.monotonic() - began > 60:
                raise RuntimeError(f"host did not start: {self.err.read_text(errors='replace')[-2000:]}")
            time.sleep(0.01)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(60)


def ca_login(port: int, folder: pathlib.Path, username: str) -> Client:
    """A CA user of USCC through the dev CA's soft e-key (challenge signed with openssl)."""
    c = Client(port)
    issued, _ = c.json("POST", "/api/dev/enterprise-certificates",
                       {"uscc": USCC, "enterpriseName": "福建测试二手车出口有限公司", "username": username,
                        "password": PASSWORD}, expect=(201,))
    key = folder / f"{username}.key"
    key.write_text(issued["privateKey"])
    challenge, _ = c.json("POST", "/api/auth/ca/challenge", {"certificate": issued["certificate"]})
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", str(key)],
                               input=base64.b64decode(challenge["nonce"]), capture_output=True, check=True).stdout
    body, _ = c.json("POST", "/api/auth/ca/login", {"challengeId": challenge["challengeId"],
                                                    "signature": base64.b64encode(signature).decode(),
                                                    "password": PASSWORD})
    c.csrf = body["csrfToken"]
    return c


class Probe:
    """Asks host 2 about a session, on one keep-alive connection."""

    def __init__(self, port: int):
        self.client = Client(port)

    def __call__(self, session: Client) -> tuple[int, bool | None]:
        """The status of GET /api/session with `session`'s cookie, and the principal's `verified`."""
        self.client.cookie = session.cookie
        status, _, data = self.client.request("GET", "/api/session")
        return status, (json.loads(data)["principal"]["verified"] if status == 200 else None)


def wait_for(condition, limit=10.0) -> float:
    """Polls `condition` without pause; the monotonic instant it first held."""
    deadline = time.monotonic() + limit
    while True:
        if condition():
            return time.monotonic()
        if time.monotonic() > deadline:
            raise RuntimeError("host 2 did not see the change within 10 s")


def summary(delays_ms: list[float]) -> dict:
    ordered = sorted(delays_ms)
    return {"runs": len(ordered), "p50_ms": round(statistics.median(ordered), 2),
            "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
            "max_ms": round(ordered[-1], 2)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=str(ROOT / "build-bench"), help="the Release build folder")
    parser.add_argument("--db", default=os.environ.get("UCF_TEST_PG_URI"), help="postgresql:// URI (an empty database)")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--session-cache", type=int, default=300, help="the hosts' --session-cache (seconds)")
    args = parser.parse_args()
    if not args.db:
        parser.error("--db (or UCF_TEST_PG_URI) is needed")
    binary = pathlib.Path(args.build) / "bin" / "mock-host"
    with tempfile.TemporaryDirectory(prefix="ucf-sessions-") as tmp:
        folder = pathlib.Path(tmp)
        hosts = [Host(binary, folder / f"host{i}", args.db, args.session_cache) for i in (1, 2)]
        try:
            one, two = hosts[0].port, hosts[1].port
            probe = Probe(two)
            clerk_account = f"clerk{os.getpid()}"
            Client(one).register(clerk_account, USCC, "福建测试二手车出口有限公司").close()
            ca = ca_login(one, folder, f"ca{os.getpid()}")
            delays = {"logout": [], "trust": [], "untrust": []}

            def measure(kind, change, seen_at_two):
                change()
                changed = time.monotonic()
                seen = wait_for(seen_at_two)
                delays[kind].append((seen - changed) * 1000)

            for _ in range(args.runs):
                clerk = Client(one).login(clerk_account)
                assert probe(clerk)[0] == 200  # host 2 caches it
                measure("logout", lambda: clerk.json("POST", "/api/auth/logout", expect=(204,)),
                        lambda: probe(clerk)[0] == 401)
                clerk.close()

            clerk = Client(one).login(clerk_account)
            trust = f"/api/enterprise/accounts/{clerk_account}/trust"
            assert probe(clerk) == (200, False)
            for _ in range(args.runs):
                measure("trust", lambda: ca.json("PUT", trust, expect=(204,)), lambda: probe(clerk)[1] is True)
                measure("untrust", lambda: ca.json("DELETE", trust, expect=(204,)), lambda: probe(clerk)[1] is False)
            print(json.dumps({kind: summary(d) for kind, d in delays.items()}, indent=2))
        finally:
            for h in hosts:
                h.stop()


if __name__ == "__main__":
    main()
