#!/usr/bin/env python3
"""The benchmark of issue 7: the mock host with the used-car-filing plugin, on SQLite and on
PostgreSQL, measured with wrk side by side with the host's own /healthz in one run.

Run it through bench/run.sh (which installs what is missing and builds the Release tree). Only
the standard library is used. What it does, per engine:

  1. start the host on a fresh data folder (or a fresh throwaway PostgreSQL database) and make
     three template filings through the real HTTP API: an approved one, a complete one waiting
     to be submitted and a submitted one;
  2. stop the host and seed by SQL, cloning the template rows as the plugin wrote them (only the
     USCC, province and enterprise name differ): 10,000 enterprises with 10 filings each
     (100,000 filings), pools of complete filings for the write routes, and host accounts for
     the pool enterprises (their password hashes use 1 PBKDF2 iteration so that thousands of
     logins take seconds; the login itself is the real endpoint);
  3. start the host (plugin start time on an existing database), log in through
     /api/auth/captcha + /api/auth/login, and run wrk on each route next to /healthz;
  4. 8 concurrent 10 MB PDF uploads (curl -F) with the host's RSS sampled meanwhile;
  5. seed up to 1,000,000 filings, restart (start time again) and measure the lists again.

The durable-write ceilings are measured in the same run: a single-row SQLite commit loop in WAL
mode with synchronous=FULL (sqlite3 CLI) and pgbench single-row INSERT commits.
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import datetime
import hashlib
import http.client
import json
import os
import pathlib
import random
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
API = "/api/used-car-filing/v1"
PASSWORD = "Passw0rd2026"
PROVINCES = ["110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000", "310000", "320000",
             "330000", "340000", "350000", "360000", "370000", "410000", "420000", "430000", "440000", "450000",
             "460000", "500000", "510000", "520000", "530000", "540000", "610000", "620000", "630000", "640000",
             "650000"]
REVIEW_PROVINCE = "350000"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
FILINGS_PER_ENTERPRISE = 10


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, file=sys.stderr, flush=True)


# --- test data ------------------------------------------------------------------------------------

def uscc(n: int, province: str) -> str:
    """A valid GB 32100-2015 code, distinct for each n (characters 3-8: the province's division)."""
    body = "91" + province[:2] + "0100" + f"{n:09d}"
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS))
    check = 31 - total % 31
    return body + USCC_ALPHABET[0 if check == 31 else check]


assert uscc(0, "350000")[:8] == "91350100"
assert (lambda b: USCC_ALPHABET[(31 - sum(USCC_ALPHABET.index(c) * w for c, w in zip(b, USCC_WEIGHTS)) % 31) % 31])(
    "91350100M000100Y4") == "3"


def png(width=4, height=4) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes([200, 30, 30]) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def pdf(payload_bytes: int, seed: int = 1) -> bytes:
    """A well-formed one-page PDF (catalog, pages, page, content, xref, trailer) whose size is set
    by an embedded file stream of pseudo-random bytes."""
    rng = random.Random(seed)
    payload = rng.randbytes(payload_bytes)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(data.bin) 5 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> >>",
        None,  # content stream
        b"<< /Type /Filespec /F (data.bin) /EF << /F 7 0 R >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        None,  # embedded file
    ]
    content = b"BT /F1 24 Tf 72 760 Td (Used-car export filing benchmark) Tj ET"
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode()
        if i == 4:
            out += f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
        elif i == 7:
            out += f"<< /Type /EmbeddedFile /Length {len(payload)} >>\nstream\n".encode() + payload + b"\nendstream"
        else:
            out += body
        out += b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for o in offsets:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def valid_form(name: str, province: str = REVIEW_PROVINCE) -> dict:
    return {"enterpriseName": name,
            "address": {"provinceCode": province, "city": "福州市", "district": "鼓楼区", "detail": "五四路 100 号"},
            "customsCode": "3501234567", "enterpriseNature": "PRIVATE", "enterpriseCategory": "MANUFACTURER",
            "legalRepresentative": "李四", "registeredCapital": 1000.5, "businessArea": 2500,
            "enterpriseScale": "MEDIUM", "employeeCount": 120, "usedCarExportStaffCount": 15,
            "establishedOn": "2015-06-01", "businessTerm": {"from": "2015-06-01", "to": None},
            "businessScope": "二手车销售；汽车零配件销售；货物进出口",
            "contact": {"name": "王五", "position": "经理", "mobile": "13912345678", "email": "wangwu@example.com"}}


IMAGE_SLOTS = ["license_original", "license_copy", "official_seal"]
DOCUMENT_SLOTS = ["company_profile", "business_operations", "export_plan_3y", "implementation_plan",
                  "official_letter", "commitment_letter", "vehicle_announcement_proof"]


def multipart(file_name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "----ucfBenchBoundary7MA4YWxkTrZu0gW"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


# --- HTTP -----------------------------------------------------------------------------------------

class Client:
    """A keep-alive HTTP client holding one session (cookie + CSRF token)."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, headers=None, content_type="application/json"):
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = f"ucf_session={self.cookie}"
        if self.csrf and method != "GET":
            h["X-CSRF-Token"] = self.csrf
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False).encode()
        if body is not None:
            h["Content-Type"] = content_type
        elif method != "GET":
            h["Content-Length"] = "0"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (http.client.HTTPException, ConnectionError):
                if attempt:
                    raise
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        for name, value in r.getheaders():
            if name.lower() == "set-cookie" and value.startswith("ucf_session="):
                self.cookie = value.split(";", 1)[0].split("=", 1)[1]
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

    def json(self, method, path, body=None, expect=(200,), headers=None):
        status, hdrs, data = self.request(method, path, body, headers)
        if status not in expect:
            raise RuntimeError(f"{method} {path}: {status} {data[:400]!r}")
        return (json.loads(data) if data else None), hdrs

    def login(self, account, password=PASSWORD):
        captcha, _ = self.json("GET", "/api/auth/captcha")
        body, _ = self.json("POST", "/api/auth/login", {"account": account, "password": password,
                                                         "captchaId": captcha["captchaId"],
                                                         "captcha": captcha["answer"]})
        self.csrf = body["csrfToken"]
        return self

    def close(self):
        """Drops the connection (an idle keep-alive connection holds one of the host's threads)."""
        self.conn.close()
        return self

    def register(self, account, uscc_code, name):
        captcha, _ = self.json("GET", "/api/auth/captcha")
        self.json("POST", "/api/auth/register",
                  {"account": account, "password": PASSWORD, "accountType": "enterprise", "enterpriseName": name,
                   "uscc": uscc_code, "contactName": "张三", "contactMobile": "13800138000",
                   "contactEmail": "zhangsan@example.com", "captchaId": captcha["captchaId"],
                   "captcha": captcha["answer"]}, expect=(201,))
        return self.login(account)

    def upload(self, filing_id, slot, name, data):
        body, ctype = multipart(name, data)
        status, _, out = self.request("PUT", f"{API}/filings/{filing_id}/attachments/{slot}", body,
                                      content_type=ctype)
        if status != 201:
            raise RuntimeError(f"upload {slot}: {status} {out[:300]!r}")


# --- the host -------------------------------------------------------------------------------------

class Host:
    def __init__(self, binary: pathlib.Path, data_dir: pathlib.Path, db: str | None, log_dir: pathlib.Path):
        self.binary, self.data_dir, self.db, self.log_dir = binary, data_dir, db, log_dir
        self.extra_args: list[str] = []  # more host options, e.g. ["--threads", "40"]
        self.proc = None
        self.port = 0
        self.starts = 0

    def start(self) -> dict:
        self.starts += 1
        out = self.log_dir / f"host-{self.starts}.out"
        err = self.log_dir / f"host-{self.starts}.log"
        args = [str(self.binary), "--port", "0", "--dev", "--data-dir", str(self.data_dir)]
        if self.db:
            args += ["--db", self.db]
        args += self.extra_args
        began = time.monotonic()
        with open(out, "wb") as o, open(err, "wb") as e:
            self.proc = subprocess.Popen(args, stdout=o, stderr=e)
        while True:
            text = out.read_text(errors="replace")
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", text)
            if m:
                self.port = int(m.group(1))
                break
            if self.proc.poll() is not None:
                raise RuntimeError(f"host exited: {err.read_text(errors='replace')[-2000:]}")
            if time.monotonic() - began > 120:
                raise RuntimeError("host did not start in 120 s")
            time.sleep(0.01)
        wall = (time.monotonic() - began) * 1000
        m = re.search(r"used-car-filing started in (\d+) ms", err.read_text(errors="replace"))
        if not m:
            raise RuntimeError(f"the plugin did not start: {err.read_text(errors='replace')[-2000:]}")
        return {"plugin_ms": int(m.group(1)), "host_wall_ms": round(wall)}

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def status(self) -> dict:
        fields = {}
        for line in pathlib.Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM", "Threads"):
                fields[k] = int(v.split()[0])
        return fields  # kB, except Threads


# --- databases ------------------------------------------------------------------------------------

class Sqlite:
    name = "sqlite"

    def __init__(self, data_dir: pathlib.Path):
        self.plugin_file = data_dir / "used-car-filing.sqlite"
        self.host_file = data_dir / "host.sqlite"
        self.db_uri = None

    def plugin(self):
        c = sqlite3.connect(self.plugin_file, isolation_level=None, timeout=60)
        c.execute("PRAGMA synchronous=OFF")  # seeding only: the host is stopped meanwhile
        return c

    def host(self):
        return sqlite3.connect(self.host_file, isolation_level=None, timeout=60)


class Postgres:
    name = "postgresql"

    def __init__(self, uri: str, port: int, socket_dir: str):
        self.db_uri = uri
        self.port = port
        self.socket_dir = socket_dir

    def psql(self, sql: str, stdin: str | None = None, capture=False):
        r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port),
                            "-U", "postgres", "-d", "ucf_test", "-At", "-c", sql],
                           input=stdin, text=True, capture_output=True)
        if r.returncode != 0:
            raise RuntimeError(f"psql failed: {r.stderr[-2000:]}")
        return r.stdout

    def psql_script(self, script: str):
        r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port),
                            "-U", "postgres", "-d", "ucf_test", "-At"], input=script, text=True,
                           capture_output=True)
        if r.returncode != 0:
            raise RuntimeError(f"psql failed: {r.stderr[-2000:]}")
        return r.stdout


SUMMARY_COLUMNS = ("uscc, enterprise_name, province_code, application_type, status, review_stage, complete, "
                   "ever_submitted, deleted, saved_at, submitted_at, approved_at, valid_until, open_new_key, "
                   "version, created_at, updated_at, state, filer, created_by_user_id, created_by_account, "
                   "created_by_name")


def clone_select(tpl_uscc: str, tpl_name: str, tpl_province: str, open_new: bool, status_sql: str = "t.status",
                 lapsed: bool = False) -> str:
    """The SELECT list that clones template filing `t` for enterprise `e` (columns n, uscc,
    province, name): every mention of the template's USCC, province and name is replaced, in the
    columns and in the state JSON, so the clone reads exactly as if the plugin had written it."""
    state = (f"replace(replace(replace(t.state, '{tpl_uscc}', e.uscc), "
             f"'\"address.provinceCode\":\"{tpl_province}\"', '\"address.provinceCode\":\"' || e.province || '\"'), "
             f"'\"enterpriseName\":\"{tpl_name}\"', '\"enterpriseName\":\"' || e.name || '\"')")
    if lapsed:
        state = f"replace({state}, '\"lapsed\":null', '\"lapsed\":\"SUPERSEDED\"')"
    # Each clone is the filing of enterprise n's registered account `bench<n>` (id `bench-<n>`, see
    # seed_pool), its creator and, unverified, its filer (docs/PRODUCT.md §2.1).
    filer = "'account:bench-' || e.n"
    return (f"e.uscc, e.name, e.province, t.application_type, {status_sql}, t.review_stage, t.complete, "
            f"t.ever_submitted, t.deleted, t.saved_at, t.submitted_at, t.approved_at, t.valid_until, "
            f"{('e.uscc || ' + repr(' ') + ' || ' + filer) if open_new else 'NULL'}, t.version, t.created_at, "
            f"t.updated_at, {state}, {filer}, 'bench-' || e.n, 'bench' || e.n, '张三'")


def pool_head_sql(template_id: int) -> str:
    """The pool filings (those whose history was copied from the template) get the template's
    history head too (migration 004: the last event's seq and hash are kept in the row)."""
    return ("UPDATE ucf_filing SET (history_seq, history_hash) = (SELECT t.history_seq, t.history_hash FROM ucf_filing t "
            f"WHERE t.id = {template_id}) WHERE open_new_key IS NOT NULL AND uscc IN (SELECT uscc FROM e)")


def enterprise_rows(first: int, count: int, prefix: str = "") -> list[tuple]:
    rows = []
    for n in range(first, first + count):
        province = PROVINCES[n % len(PROVINCES)]
        rows.append((n, uscc(n, province), province, f"测试二手车出口企业{prefix}{n:07d}有限公司"))
    return rows


def seed_background(db, templates: dict, first: int, count: int):
    """`count` enterprises from number `first`, each with FILINGS_PER_ENTERPRISE filings: 8 lapsed
    ones of earlier years (superseded), the approved one in force and the next 新增 in review."""
    tpl = templates
    statements = []
    # Oldest first, so that ids grow with time as they would.
    for _ in range(FILINGS_PER_ENTERPRISE - 2):
        statements.append(("approved", clone_select(tpl["uscc"], tpl["name"], REVIEW_PROVINCE, False,
                                                    "'LAPSED'", lapsed=True)))
    statements.append(("approved", clone_select(tpl["uscc"], tpl["name"], REVIEW_PROVINCE, False)))
    statements.append(("review", clone_select(tpl["review_uscc"], tpl["review_name"], REVIEW_PROVINCE, True)))
    batch = 20_000
    if isinstance(db, Sqlite):
        c = db.plugin()
        c.execute("CREATE TEMP TABLE e (n INTEGER, uscc TEXT, province TEXT, name TEXT)")
        for start in range(first, first + count, batch):
            n = min(batch, first + count - start)
            c.execute("DELETE FROM e")
            c.executemany("INSERT INTO e VALUES (?, ?, ?, ?)", enterprise_rows(start, n))
            c.execute("BEGIN")
            for kind, select in statements:
                c.execute(f"INSERT INTO ucf_filing ({SUMMARY_COLUMNS}) SELECT {select} FROM e, ucf_filing t "
                          f"WHERE t.id = {tpl[kind]} ORDER BY e.n")
            c.execute("COMMIT")
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        c.execute("ANALYZE")
        c.close()
    else:
        for start in range(first, first + count, batch * 5):
            n = min(batch * 5, first + count - start)
            copy = "".join(f"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]}\n" for r in enterprise_rows(start, n))
            script = ["BEGIN;", "CREATE TEMP TABLE e (n INTEGER, uscc TEXT, province TEXT, name TEXT);",
                      "COPY e FROM STDIN;", copy + "\\."]
            for kind, select in statements:
                script.append(f"INSERT INTO ucf_filing ({SUMMARY_COLUMNS}) SELECT {select} FROM e, ucf_filing t "
                              f"WHERE t.id = {tpl[kind]} ORDER BY e.n;")
            script.append("COMMIT;")
            db.psql_script("\n".join(script))
        db.psql_script("VACUUM ANALYZE ucf_filing;")


def seed_pool(db, templates: dict, first: int, count: int, kind: str) -> list[tuple]:
    """`count` enterprises from number `first`, each with one clone of template `kind` (its history
    too, so the hash chain goes on) and a host account; returns (account, filing id, version)."""
    tpl = templates
    rows = enterprise_rows(first, count, prefix="B")
    select = clone_select(tpl["uscc"], tpl["name"], REVIEW_PROVINCE, True)
    salt = b"ucf-bench-salt16"
    key = hashlib.pbkdf2_hmac("sha256", PASSWORD.encode(), salt, 1, 32)
    pw_hash = f"pbkdf2-sha256$1${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"
    now_ms = int(time.time() * 1000)
    accounts = [(f"bench-{r[0]}", f"bench{r[0]}", pw_hash, r[3], r[1]) for r in rows]
    account_sql = ("INSERT INTO host_accounts (id, realm, account, password_hash, account_type, display_name, roles, "
                   "uscc, enterprise_name, province_code, contact_name, contact_mobile, contact_email, "
                   "created_at_ms, updated_at_ms) VALUES ")
    if isinstance(db, Sqlite):
        c = db.plugin()
        c.execute("CREATE TEMP TABLE e (n INTEGER, uscc TEXT, province TEXT, name TEXT)")
        c.executemany("INSERT INTO e VALUES (?, ?, ?, ?)", rows)
        c.execute("BEGIN")
        c.execute(f"INSERT INTO ucf_filing ({SUMMARY_COLUMNS}) SELECT {select} FROM e, ucf_filing t "
                  f"WHERE t.id = {tpl[kind]} ORDER BY e.n")
        c.execute(f"INSERT INTO ucf_history (filing_id, seq, content, hash) SELECT f.id, h.seq, h.content, h.hash "
                  f"FROM e JOIN ucf_filing f ON f.uscc = e.uscc AND f.open_new_key IS NOT NULL JOIN ucf_history h ON h.filing_id = {tpl[kind]}")
        c.execute(pool_head_sql(tpl[kind]))
        c.execute("COMMIT")
        found = c.execute("SELECT e.n, f.id, f.version FROM e JOIN ucf_filing f ON f.uscc = e.uscc AND f.open_new_key IS NOT NULL "
                          "ORDER BY e.n").fetchall()
        c.close()
        h = db.host()
        h.execute("BEGIN")
        h.executemany(account_sql + "(?, 'password', ?, ?, 'enterprise', '张三', 'enterprise', ?, ?, NULL, '张三', "
                      f"'13800138000', 'zhangsan@example.com', {now_ms}, {now_ms})",
                      [(a[0], a[1], a[2], a[4], a[3]) for a in accounts])
        h.execute("COMMIT")
        h.close()
    else:
        copy = "".join(f"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]}\n" for r in rows)
        acc = "".join(f"{a[0]}\tpassword\t{a[1]}\t{a[2]}\tenterprise\t张三\tenterprise\t{a[4]}\t{a[3]}\t\\N\t张三\t"
                      f"13800138000\tzhangsan@example.com\t{now_ms}\t{now_ms}\n" for a in accounts)
        out = db.psql_script("\n".join([
            "BEGIN;", "CREATE TEMP TABLE e (n INTEGER, uscc TEXT, province TEXT, name TEXT);", "COPY e FROM STDIN;",
            copy + "\\.",
            f"INSERT INTO ucf_filing ({SUMMARY_COLUMNS}) SELECT {select} FROM e, ucf_filing t "
            f"WHERE t.id = {tpl[kind]} ORDER BY e.n;",
            f"INSERT INTO ucf_history (filing_id, seq, content, hash) SELECT f.id, h.seq, h.content, h.hash "
            f"FROM e JOIN ucf_filing f ON f.uscc = e.uscc AND f.open_new_key IS NOT NULL JOIN ucf_history h ON h.filing_id = {tpl[kind]};",
            pool_head_sql(tpl[kind]) + ";",
            "COPY host_accounts (id, realm, account, password_hash, account_type, display_name, roles, uscc, "
            "enterprise_name, province_code, contact_name, contact_mobile, contact_email, created_at_ms, "
            "updated_at_ms) FROM STDIN;", acc + "\\.",
            "COMMIT;",
            "SELECT e.n, f.id, f.version FROM e JOIN ucf_filing f ON f.uscc = e.uscc AND f.open_new_key IS NOT NULL ORDER BY e.n;"]))
        found = [tuple(int(x) for x in line.split("|")) for line in out.split() if "|" in line]
    if len(found) != count:
        raise RuntimeError(f"pool seeding made {len(found)} filings, not {count}")
    return [(f"bench{n}", fid, version) for n, fid, version in found]


def analyze(db):
    if isinstance(db, Sqlite):
        c = db.plugin()
        c.execute("ANALYZE")
        c.close()
    else:
        db.psql("ANALYZE ucf_filing")


def filing_count(db) -> int:
    if isinstance(db, Sqlite):
        c = db.plugin()
        n = c.execute("SELECT COUNT(*) FROM ucf_filing").fetchone()[0]
        c.close()
        return n
    return int(db.psql("SELECT COUNT(*) FROM ucf_filing").strip())


# --- measurements ---------------------------------------------------------------------------------

def run_wrk(port, path, seconds, threads, connections, script="get.lua", headers=(), env=None) -> dict:
    args = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", "10s",
            "-s", str(BENCH / "wrk" / script)]
    for h in headers:
        args += ["-H", h]
    args.append(f"http://127.0.0.1:{port}{path}")
    e = dict(os.environ, BENCH_LUA_DIR=str(BENCH / "wrk"), BENCH_API=API, BENCH_THREADS=str(threads), **(env or {}))
    r = subprocess.run(args, capture_output=True, text=True, env=e)
    m = re.search(r"BENCH_JSON (\{.*\})", r.stdout)
    if r.returncode != 0 or not m:
        raise RuntimeError(f"wrk failed: {r.stdout}\n{r.stderr}")
    out = json.loads(m.group(1))
    out["rps"] = out["requests"] / (out["duration_us"] / 1e6)
    out["errors"] = out["non2xx"] + out["errors_connect"] + out["errors_read"] + out["errors_write"] + \
        out["errors_timeout"]
    out["wrk"] = " ".join(a if " " not in a else repr(a) for a in args[:-1]) + f" http://127.0.0.1:PORT{path}"
    return out


def loadavg() -> str:
    return pathlib.Path("/proc/loadavg").read_text().split(" ")[:3]


def sqlite_ceiling(folder: pathlib.Path, commits: int) -> dict:
    """Single-row commits, one after the other, in WAL mode with synchronous=FULL: what one
    durable SQLite commit costs on this disk (the plugin serialises its writers too)."""
    db = folder / "ceiling.sqlite"
    for suffix in ("", "-wal", "-shm"):
        pathlib.Path(str(db) + suffix).unlink(missing_ok=True)
    lines = ["PRAGMA journal_mode=WAL;", "PRAGMA synchronous=FULL;",
             "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);"]
    script_setup = "\n".join(lines) + "\n"
    body = "".join(f"BEGIN; INSERT INTO t (v) VALUES ('row {i}'); COMMIT;\n" for i in range(commits))
    subprocess.run(["sqlite3", str(db)], input=script_setup, text=True, check=True, capture_output=True)
    began = time.monotonic()
    subprocess.run(["sqlite3", str(db)], input="PRAGMA synchronous=FULL;\n" + body, text=True, check=True,
                   capture_output=True)
    took = time.monotonic() - began
    mode = subprocess.run(["sqlite3", str(db), "PRAGMA journal_mode;"], capture_output=True, text=True).stdout.strip()
    for suffix in ("", "-wal", "-shm"):
        pathlib.Path(str(db) + suffix).unlink(missing_ok=True)
    return {"commits": commits, "seconds": took, "rps": commits / took, "ms_per_commit": took * 1000 / commits,
            "journal_mode": mode}


def pg_ceiling(pg: Postgres, clients: int, seconds: int) -> dict:
    pg.psql("CREATE TABLE IF NOT EXISTS bench_ceiling (id BIGSERIAL PRIMARY KEY, v TEXT NOT NULL)")
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write("INSERT INTO bench_ceiling (v) VALUES ('row');\n")
        script = f.name
    try:
        r = subprocess.run(["/usr/lib/postgresql/15/bin/pgbench", "-n", "-h", "127.0.0.1", "-p", str(pg.port), "-U",
                            "postgres", "-c", str(clients), "-j", str(min(clients, 2)), "-T", str(seconds), "-f",
                            script, "ucf_test"], capture_output=True, text=True)
    finally:
        os.unlink(script)
    m = re.search(r"tps = ([\d.]+)", r.stdout)
    if not m:
        raise RuntimeError(f"pgbench failed: {r.stdout}{r.stderr}")
    pg.psql("DROP TABLE bench_ceiling")
    return {"clients": clients, "seconds": seconds, "rps": float(m.group(1)),
            "fsync": pg.psql("SHOW fsync").strip(), "synchronous_commit": pg.psql("SHOW synchronous_commit").strip()}


def login_many(port: int, accounts: list[str], workers: int = 8) -> dict[str, Client]:
    def one(account):
        return account, Client(port).login(account).close()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        return dict(pool.map(one, accounts))


def write_pool(path: pathlib.Path, rows: list[tuple], sessions: dict[str, Client]):
    with open(path, "w") as f:
        for account, fid, version in rows:
            s = sessions[account]
            f.write(f"{fid} {version} {s.cookie} {s.csrf}\n")


def upload_test(host: Host, port: int, rows: list[tuple], sessions: dict[str, Client], folder: pathlib.Path,
                size: int) -> dict:
    """8 concurrent 10 MB PDF uploads with curl -F, each into a document slot of its own filing,
    while /proc/PID/status is sampled every 10 ms."""
    files = []
    for i in range(len(rows)):
        data = pdf(size - 1200, seed=i + 7)
        p = folder / f"upload-{i}.pdf"
        p.write_bytes(data)
        files.append(p)
    before = host.status()
    samples = []
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            samples.append(host.status()["VmRSS"])
            time.sleep(0.01)
    sampler = threading.Thread(target=sample)
    sampler.start()
    procs = []
    began = time.monotonic()
    for (account, fid, _), p in zip(rows, files):
        s = sessions[account]
        procs.append(subprocess.Popen(
            ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "-H",
             f"Cookie: ucf_session={s.cookie}", "-H", f"X-CSRF-Token: {s.csrf}", "-F",
             f"file=@{p};type=application/pdf", f"http://127.0.0.1:{port}{API}/filings/{fid}/attachments/company_profile"],
            stdout=subprocess.PIPE, text=True))
    codes = [proc.communicate()[0].strip() for proc in procs]
    took = time.monotonic() - began
    time.sleep(0.2)
    stop.set()
    sampler.join()
    after = host.status()
    for p in files:
        p.unlink()
    return {"uploads": len(rows), "bytes_each": files and size, "status_codes": codes, "seconds": took,
            "rss_before_kb": before["VmRSS"], "rss_peak_kb": max(samples + [after["VmRSS"]]),
            "rss_after_kb": after["VmRSS"], "hwm_before_kb": before["VmHWM"], "hwm_after_kb": after["VmHWM"],
            "rss_growth_kb": max(samples + [after["VmRSS"]]) - before["VmRSS"],
            "hwm_growth_kb": after["VmHWM"] - before["VmHWM"]}


# --- one engine -----------------------------------------------------------------------------------

def make_templates(port: int) -> dict:
    """Through the real API: an approved filing (tplA), a complete filing waiting to be submitted
    (tplA's next 新增) and a submitted one (tplB), all in REVIEW_PROVINCE."""
    name_a, name_b = "福建模板二手车出口有限公司", "福建模板二手车贸易有限公司"
    uscc_a, uscc_b = uscc(999_000_001, REVIEW_PROVINCE), uscc(999_000_002, REVIEW_PROVINCE)
    a = Client(port).register("benchtpla", uscc_a, name_a)
    b = Client(port).register("benchtplb", uscc_b, name_b)
    for account, roles in (("benchreviewer", ["reviewer"]), ("benchrechecker", ["rechecker"]),
                           ("benchsupervisor", ["supervisor"])):
        body = {"account": account, "password": PASSWORD, "roles": roles}
        if roles != ["supervisor"]:
            body["provinceCode"] = REVIEW_PROVINCE
        Client(port).json("POST", "/api/dev/authority-accounts", body, expect=(200, 201))
    reviewer = Client(port).login("benchreviewer")
    rechecker = Client(port).login("benchrechecker")
    small_pdf = pdf(2000)
    image = png()

    def complete_filing(client, name, submit):
        f, _ = client.json("POST", f"{API}/filings?mode=save", valid_form(name), expect=(201,))
        for slot in IMAGE_SLOTS:
            client.upload(f["id"], slot, f"{slot}.png", image)
        for slot in DOCUMENT_SLOTS:
            client.upload(f["id"], slot, f"{slot}.pdf", small_pdf)
        detail, hdrs = client.json("GET", f"{API}/filings/{f['id']}")
        if not detail["complete"]:
            raise RuntimeError("the template filing is not complete")
        if submit:
            client.json("POST", f"{API}/filings/{f['id']}/submit", headers={"If-Match": hdrs["etag"]})
        return f["id"]

    approved = complete_filing(a, name_a, True)
    for who in (reviewer, rechecker):
        _, hdrs = who.json("GET", f"{API}/review/filings/{approved}")
        who.json("POST", f"{API}/review/filings/{approved}/decision", {"decision": "approve", "opinion": "材料齐全，同意。"},
                 headers={"If-Match": hdrs["etag"]})
    complete = complete_filing(a, name_a, False)
    review = complete_filing(b, name_b, True)
    return {"approved": approved, "complete": complete, "review": review, "uscc": uscc_a, "name": name_a,
            "review_uscc": uscc_b, "review_name": name_b}


def measure_engine(engine: str, args, binary: pathlib.Path, work: pathlib.Path) -> dict:
    result = {"engine": engine, "routes": {}, "startup": {}, "notes": []}
    data_dir = work / engine
    data_dir.mkdir(parents=True)
    pg_proc = None
    if engine == "sqlite":
        db = Sqlite(data_dir)
        host = Host(binary, data_dir, None, data_dir)
    else:
        # scripts/pg-throwaway.sh, with fsync on: the write routes are compared with durable commits.
        options = PG_LOG_SETTINGS if args.pg_log else ""
        pg_proc = subprocess.Popen(["bash", "-c", f"source '{ROOT}/scripts/pg-throwaway.sh'; UCF_PG_FSYNC=on "
                                    f"UCF_PG_OPTIONS=\"{options}\" "
                                    "pg_throwaway_start >&2; echo \"$UCF_TEST_PG_URI $PG_PORT $PGDATA_DIR\"; "
                                    "trap 'pg_throwaway_stop' EXIT; read _"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True)
        uri, port, pgdata = pg_proc.stdout.readline().split()
        db = Postgres(uri, int(port), pgdata)
        host = Host(binary, data_dir, uri, data_dir)
    try:
        result["startup"]["fresh"] = host.start()
        log(engine, "host up on port", host.port, result["startup"]["fresh"])
        templates = make_templates(host.port)
        result["templates"] = templates
        host.stop()

        def ceiling():
            # On the same disk (SQLite) or server (PostgreSQL), with the host idle.
            if engine == "sqlite":
                return sqlite_ceiling(data_dir, args.ceiling_commits)
            return pg_ceiling(db, args.write_connections, args.write_seconds)

        result["ceiling_before_seed"] = ceiling()  # sizes the submit pool
        log(engine, "durable-write ceiling", result["ceiling_before_seed"])

        began = time.monotonic()
        seed_background(db, templates, 1, args.enterprises)
        result["seed_small_seconds"] = time.monotonic() - began
        # The write pools: sized from the ceiling so that no thread runs dry.
        put_n = args.write_connections
        # Not sized from the ceiling: this disk's fsync went from 3 ms to 0.12 ms between two runs.
        submit_n = args.submit_pool // args.write_connections * args.write_connections
        put_rows = seed_pool(db, templates, 1_000_000, put_n, "complete")
        submit_rows = seed_pool(db, templates, 2_000_000, submit_n, "complete")
        upload_rows = seed_pool(db, templates, 3_000_000, 8, "complete")
        analyze(db)  # as autovacuum would after a tenth more rows: the planner sees the drafts
        # One of the background enterprises (ten filings) lists its own.
        seed_login_for(db, "benchbg1", uscc(1, PROVINCES[1]), "测试二手车出口企业0000001有限公司")
        result["filings_small"] = filing_count(db)
        log(engine, f"seeded {result['filings_small']} filings in {result['seed_small_seconds']:.0f} s; "
                    f"submit pool {submit_n}")

        result["startup"]["small"] = host.start()
        port = host.port
        log(engine, "host restarted", result["startup"]["small"])
        began = time.monotonic()
        sessions = login_many(port, [r[0] for r in put_rows + submit_rows + upload_rows])
        result["login_seconds"] = time.monotonic() - began
        result["logins"] = len(sessions)
        reviewer = Client(port).login("benchreviewer").close()
        supervisor = Client(port).login("benchsupervisor").close()
        bg = Client(port).login("benchbg1").close()
        owner = Client(port).login("benchtpla").close()  # owns the approved template filing
        detail_id = templates["approved"]

        def cookie(c: Client):
            return [f"Cookie: ucf_session={c.cookie}"]

        d, t, c = args.seconds, args.read_threads, args.read_connections

        routes = result["routes"]

        def paired(name, path, client):
            # /healthz right before the route, same threads and connections: the ratio of the two
            # is taken side by side, so that the load of the moment cancels out as far as it can.
            health = run_wrk(port, "/healthz", d, t, c)
            routes[name] = run_wrk(port, path, d, t, c, headers=cookie(client))
            routes[name]["healthz"] = {k: health[k] for k in ("rps", "p50_us", "p99_us", "errors")}
            routes[name]["load"] = loadavg()
            log(engine, name, f"{routes[name]['rps']:.0f} req/s beside healthz {health['rps']:.0f}")

        def latency(name, path, client):
            # Two connections: the route's own latency, not the queue of a saturated host.
            routes[name] = run_wrk(port, path, d, 1, 2, headers=cookie(client))
            routes[name]["load"] = loadavg()

        log(engine, "wrk: reads", loadavg())
        paired("enterprise_list", f"{API}/filings", bg)
        paired("filing_detail", f"{API}/filings/{detail_id}", owner)
        paired("reviewer_list", f"{API}/review/filings", reviewer)
        paired("supervisor_list", f"{API}/review/filings", supervisor)
        latency("reviewer_list_c2", f"{API}/review/filings", reviewer)
        result["load_reads"] = loadavg()

        result["ceiling"] = ceiling()
        log(engine, "durable-write ceiling beside the writes", result["ceiling"])
        log(engine, "wrk: writes", loadavg())
        pool_file = work / f"{engine}-put.pool"
        write_pool(pool_file, put_rows, sessions)
        w = args.write_connections
        routes["draft_save"] = run_wrk(port, "/", args.write_seconds, w, w, "put_draft.lua",
                                       env={"BENCH_POOL": str(pool_file)})
        routes["draft_save"]["load"] = loadavg()
        pool_file = work / f"{engine}-submit.pool"
        write_pool(pool_file, submit_rows, sessions)
        routes["submit"] = run_wrk(port, "/", args.write_seconds, w, w, "submit.lua",
                                   env={"BENCH_POOL": str(pool_file)})
        routes["submit"]["load"] = loadavg()
        if routes["submit"]["exhausted"]:
            result["notes"].append(f"submit pool ran dry ({routes['submit']['exhausted']} requests): void")
        result["load_writes"] = loadavg()
        result["rss_after_routes"] = host.status()

        log(engine, "uploads")
        result["uploads"] = upload_test(host, port, upload_rows, sessions, work, args.upload_bytes)
        log(engine, "uploads", result["uploads"])
        result["rss_small"] = host.status()
        host.stop()

        # Up to the large size for the reviewer lists.
        have = result["filings_small"]
        more = max(0, (args.large - have) // FILINGS_PER_ENTERPRISE)
        began = time.monotonic()
        seed_background(db, templates, 5_000_000, more)
        result["seed_large_seconds"] = time.monotonic() - began
        result["filings_large"] = filing_count(db)
        log(engine, f"seeded {result['filings_large']} filings in {result['seed_large_seconds']:.0f} s")
        starts = []
        for _ in range(args.restarts):
            starts.append(host.start())
            host.stop()
        result["startup"]["large"] = starts
        host.start()
        port = host.port
        reviewer = Client(port).login("benchreviewer").close()
        supervisor = Client(port).login("benchsupervisor").close()
        bg = Client(port).login("benchbg1").close()
        log(engine, "wrk: large", loadavg())
        paired("reviewer_list_large", f"{API}/review/filings", reviewer)
        latency("reviewer_list_c2_large", f"{API}/review/filings", reviewer)
        paired("supervisor_list_large", f"{API}/review/filings", supervisor)
        paired("enterprise_list_large", f"{API}/filings", bg)
        result["load_large"] = loadavg()
        result["rss_large"] = host.status()
        host.stop()
        return result
    finally:
        host.stop()
        if pg_proc:
            if args.pg_log:
                result["postgresql_log"] = pg_log_summary(pathlib.Path(pgdata) / "server.log",
                                                          pathlib.Path(args.out or work) / "postgresql.log")
            pg_proc.stdin.close()
            pg_proc.wait(60)


# What PostgreSQL logs with --pg-log: whatever could make a request wait (issue 18).
PG_LOG_SETTINGS = ("-c log_checkpoints=on -c log_autovacuum_min_duration=0 -c log_lock_waits=on "
                   "-c log_min_duration_statement=100")  # log_line_prefix is '%m [%p] ' by default


def pg_log_summary(log: pathlib.Path, keep: pathlib.Path) -> dict:
    """Keeps the server's log beside the results and counts what it logged."""
    text = log.read_text(errors="replace") if log.exists() else ""
    keep.write_text(text)
    return {"file": str(keep), "checkpoints": text.count("checkpoint complete"),
            "autovacuums": text.count("automatic vacuum"), "autoanalyzes": text.count("automatic analyze"),
            "lock_waits": text.count("still waiting for"), "statements_over_100ms": text.count("duration: ")}


def seed_login_for(db, account: str, uscc_code: str, name: str):
    """A host account for an enterprise of the seeded background (cheap hash, as the pools)."""
    salt = b"ucf-bench-salt16"
    key = hashlib.pbkdf2_hmac("sha256", PASSWORD.encode(), salt, 1, 32)
    pw_hash = f"pbkdf2-sha256$1${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"
    now_ms = int(time.time() * 1000)
    sql = ("INSERT INTO host_accounts (id, realm, account, password_hash, account_type, display_name, roles, uscc, "
           "enterprise_name, province_code, contact_name, contact_mobile, contact_email, created_at_ms, "
           f"updated_at_ms) VALUES ('{account}', 'password', '{account}', '{pw_hash}', 'enterprise', '张三', "
           f"'enterprise', '{uscc_code}', '{name}', NULL, '张三', '13800138000', 'zhangsan@example.com', {now_ms}, "
           f"{now_ms}) ON CONFLICT DO NOTHING")
    if isinstance(db, Sqlite):
        h = db.host()
        h.execute(sql)
        h.close()
    else:
        db.psql(sql)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build", default=str(ROOT / "build-bench"), help="the Release build folder")
    p.add_argument("--engines", default="sqlite,postgresql")
    p.add_argument("--seconds", type=int, default=10, help="wrk duration of each read route")
    p.add_argument("--write-seconds", type=int, default=6, help="wrk duration of each write route")
    p.add_argument("--read-threads", type=int, default=2)
    p.add_argument("--read-connections", type=int, default=32)
    p.add_argument("--write-connections", type=int, default=16)
    p.add_argument("--enterprises", type=int, default=10_000)
    p.add_argument("--large", type=int, default=1_000_000, help="filings for the second list measurement")
    p.add_argument("--ceiling-commits", type=int, default=2000)
    p.add_argument("--submit-pool", type=int, default=12_000, help="complete filings for the submit route")
    p.add_argument("--upload-bytes", type=int, default=10 * 1024 * 1024 - 4096)
    p.add_argument("--restarts", type=int, default=3)
    p.add_argument("--work", default=None, help="scratch folder (default: a new one under /tmp)")
    p.add_argument("--out", default=None, help="where to write results.json and results.md")
    p.add_argument("--pg-log", action="store_true",
                   help="PostgreSQL logs checkpoints, autovacuum, lock waits and statements over 100 ms "
                        "(kept as postgresql.log beside the results)")
    args = p.parse_args()

    binary = pathlib.Path(args.build) / "bin" / "mock-host"
    work = pathlib.Path(args.work or tempfile.mkdtemp(prefix="ucf-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    out = pathlib.Path(args.out or work)
    out.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "started": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "args": vars(args), "load_start": loadavg(), "engines": {}}
    for engine in args.engines.split(","):
        report["engines"][engine] = measure_engine(engine, args, binary, work)
        (out / "results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    report["load_end"] = loadavg()
    report["finished"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    (out / "results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    md = markdown(report)
    (out / "results.md").write_text(md)
    print(md)
    log("results in", out)
    if not args.work:
        shutil.rmtree(work / "sqlite", ignore_errors=True)
        shutil.rmtree(work / "postgresql", ignore_errors=True)


def machine() -> dict:
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
    return {"nproc": os.cpu_count(), "cpu": cpu, "mem_gib": round(int(mem) / 1024 / 1024, 1),
            "kernel": os.uname().release, "wrk": subprocess.run(["wrk", "-v"], capture_output=True,
                                                                 text=True).stdout.splitlines()[0:1]}


# --- the report -----------------------------------------------------------------------------------

def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [f"Run {report['started']} → {report['finished']}; {m['nproc']} × {m['cpu']}, {m['mem_gib']} GiB, "
             f"kernel {m['kernel']}; load average at start {' '.join(report['load_start'])}, "
             f"at end {' '.join(report['load_end'])}.", ""]
    lines += ["| engine | route | req/s | p50 ms | p99 ms | p99.9 ms | max ms | p99 / p50 | errors | beside | ratio "
              "| load (1 min) |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for engine, r in report["engines"].items():
        routes = r["routes"]
        ceiling = r["ceiling"]["rps"]
        for name, x in routes.items():
            if "healthz" in x:
                beside = f"healthz {x['healthz']['rps']:.0f}"
                ratio = f"{x['rps'] / x['healthz']['rps']:.2f}"
            elif name in ("draft_save", "submit"):
                beside = f"ceiling {ceiling:.0f}"
                ratio = f"{x['rps'] / ceiling:.2f}"
            else:
                beside = ratio = ""
            lines.append(f"| {engine} | {name} | {x['rps']:.0f} | {x['p50_us'] / 1000:.2f} | {x['p99_us'] / 1000:.2f} "
                         f"| {x['p999_us'] / 1000:.2f} | {x['max_us'] / 1000:.2f} | {x['p99_us'] / x['p50_us']:.1f} "
                         f"| {x['errors']} | {beside} | {ratio} | {x.get('load', [''])[0]} |")
    lines.append("")
    for engine, r in report["engines"].items():
        routes = r["routes"]
        up = r["uploads"]
        c2, c2l = routes["reviewer_list_c2"], routes["reviewer_list_c2_large"]
        rl, rll = routes["reviewer_list"], routes["reviewer_list_large"]
        lines += [f"**{engine}**: filings {r['filings_small']:,} then {r['filings_large']:,}. "
                  f"Reviewer list p99 at 2 connections {c2['p99_us'] / 1000:.2f} → {c2l['p99_us'] / 1000:.2f} ms "
                  f"(× {c2l['p99_us'] / c2['p99_us']:.2f}); at {report['args']['read_connections']} connections "
                  f"{rl['p99_us'] / 1000:.2f} → {rll['p99_us'] / 1000:.2f} ms (× {rll['p99_us'] / rl['p99_us']:.2f}). "
                  f"Durable-write ceiling {r['ceiling']['rps']:.0f}/s beside the writes "
                  f"({r['ceiling_before_seed']['rps']:.0f}/s before seeding). "
                  f"8 × {up['bytes_each'] / 1e6:.1f} MB uploads: {' '.join(up['status_codes'])} in {up['seconds']:.1f} s, "
                  f"RSS {up['rss_before_kb'] / 1024:.1f} → peak {up['rss_peak_kb'] / 1024:.1f} MiB "
                  f"(+{up['rss_growth_kb'] / 1024:.1f} MiB; VmHWM +{up['hwm_growth_kb'] / 1024:.1f} MiB). "
                  f"Peak RSS (VmHWM) {r['rss_small']['VmHWM'] / 1024:.1f} MiB over the {r['filings_small']:,} runs, "
                  f"{r['rss_large']['VmHWM'] / 1024:.1f} MiB over the {r['filings_large']:,} runs. Plugin start "
                  f"{r['startup']['fresh']['plugin_ms']} ms on a new database (migrations applied), "
                  f"{r['startup']['small']['plugin_ms']} ms on {r['filings_small']:,} filings, "
                  f"{', '.join(str(x['plugin_ms']) for x in r['startup']['large'])} ms on {r['filings_large']:,}. "
                  f"{len(r['notes']) and ' '.join(r['notes']) or ''}", ""]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
