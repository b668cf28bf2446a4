// What every browser test needs of the mock host and of Chromium: the host started from
// $BUILD_DIR/bin/mock-host (default build-ci) with --dev on a free port, stopped at the end, and
// plain HTTP requests to it outside the browser (a cookie jar per client). Not a test file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const buildDir = path.resolve(root, process.env.BUILD_DIR || 'build-ci');
export const hostBinary = path.join(buildDir, 'bin', 'mock-host');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps calling out, and this machine's closed
// network refuses it, many connections at a time.
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A headless Chromium with a profile of its own in `profileDir`, as the browser tests run it: in
 * Shanghai's time zone, `locale` (zh-CN unless a test needs another), `timeout` ms per step.
 * Resolves with `{ context, page }`.
 */
export async function openBrowser(profileDir, { viewport = { width: 1280, height: 800 }, locale = 'zh-CN', timeout = 20_000 } = {}) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, viewport, locale, timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(timeout);
  const page = context.pages()[0] ?? await context.newPage();
  return { context, page };
}

/**
 * Starts `mock-host --dev --port 0 --data-dir <dataDir> <extraArgs…>`; resolves with
 * `{ process, base }` once it prints its ready line. Every line it writes goes to `log`.
 */
export function startHost({ dataDir, extraArgs = [], log = [] }) {
  return new Promise((resolve, reject) => {
    assert.ok(fs.existsSync(hostBinary), `no mock host at ${hostBinary} (set BUILD_DIR)`);
    const child = spawn(hostBinary, ['--dev', '--port', '0', '--data-dir', dataDir, ...extraArgs],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => reject(new Error(`mock host did not start:\n${log.join('\n')}`)), 60_000);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`mock host exited (${code}):\n${log.join('\n')}`)); });
    readline.createInterface({ input: child.stderr }).on('line', (line) => log.push(line));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      log.push(line);
      const m = /listening on (https?:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve({ process: child, base: m[1] });
      }
    });
  });
}

/** Stops a host started by startHost: SIGTERM, then SIGKILL after 10 s. */
export async function stopHost(child) {
  if (!child || child.exitCode !== null) return;
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  let timer;
  await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(resolve, 10_000); })]);
  clearTimeout(timer);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/**
 * One JSON request to the host outside the browser, on a connection of its own; resolves with
 * `{ status, body }` (body parsed, null when empty). `jar` keeps the client's session cookie and
 * sends its `csrfToken`.
 */
export function request(base, method, pathname, body, jar = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
    const headers = { 'Content-Type': 'application/json', 'Content-Length': payload.length, Connection: 'close' };
    if (jar.cookie) headers.Cookie = jar.cookie;
    if (jar.csrfToken) headers['X-CSRF-Token'] = jar.csrfToken;
    const req = http.request(base + pathname, { method, agent: false, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const cookie = res.headers['set-cookie']?.[0]?.split(';')[0];
        if (cookie) jar.cookie = cookie;
        resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** A --dev endpoint (no session needed): its JSON answer, or an error naming the status. */
export async function devRequest(base, method, pathname, body) {
  const res = await request(base, method, pathname, body);
  if (res.status === 200 || res.status === 201 || res.status === 204) return res.body;
  throw new Error(`${pathname} → ${res.status} ${JSON.stringify(res.body)}`);
}
