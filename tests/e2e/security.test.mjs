// Browser checks of the host's defences (docs/SECURITY.md), in Debian's Chromium driven by
// playwright-core against a mock host started here with --dev on a free port:
//   after login, `next` leads only to a path of the same origin (docs/PRODUCT.md §7.1): tab-, slash- and
//   backslash-tricks and absolute URLs land on /hall (业务大厅), a same-origin path is kept.
// BUILD_DIR names the build folder whose bin/mock-host is started (default build-ci).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const buildDir = path.resolve(root, process.env.BUILD_DIR || 'build-ci');
const hostBinary = path.join(buildDir, 'bin', 'mock-host');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let host;
let base;
let context;
let page;
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ucf-e2e-security-'));
const hostLog = [];

function startHost() {
  return new Promise((resolve, reject) => {
    assert.ok(fs.existsSync(hostBinary), `no mock host at ${hostBinary} (set BUILD_DIR)`);
    host = spawn(hostBinary, ['--dev', '--port', '0', '--data-dir', path.join(temp, 'host-data')],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => reject(new Error(`mock host did not start:\n${hostLog.join('\n')}`)), 60_000);
    host.on('exit', (code) => { clearTimeout(timer); reject(new Error(`mock host exited (${code}):\n${hostLog.join('\n')}`)); });
    readline.createInterface({ input: host.stderr }).on('line', (line) => hostLog.push(line));
    readline.createInterface({ input: host.stdout }).on('line', (line) => {
      hostLog.push(line);
      const m = /listening on (https?:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
}

/** POST to a --dev endpoint (no session needed). */
function devPost(pathname, body) {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = http.request(base + pathname, {
      method: 'POST', agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length, Connection: 'close' },
    }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode < 300 ? resolve() : reject(new Error(`${pathname} → ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const isCaptcha = (r) => new URL(r.url()).pathname === '/api/auth/captcha' && r.request().method() === 'GET';

/** Opens /login with the raw query `query`, logs in, and returns where the page went. */
async function landingAfterLogin(query) {
  const [captcha] = await Promise.all([page.waitForResponse(isCaptcha), page.goto(`${base}/login?${query}`)]);
  const answer = (await captcha.json()).answer;
  await page.fill('#login-account', 'sec-supervisor');
  await page.fill('#login-password', 'Review#2026');
  await page.fill('#login-captcha', answer);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('#login-submit')]);
  return new URL(page.url());
}

before(async () => {
  base = await startHost();
  await devPost('/api/dev/authority-accounts', { account: 'sec-supervisor', password: 'Review#2026', roles: ['supervisor'] });
  context = await chromium.launchPersistentContext(path.join(temp, 'profile'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
  });
  context.setDefaultTimeout(20_000);
  page = context.pages()[0] ?? await context.newPage();
});

after(async () => {
  await context?.close();
  if (host && host.exitCode === null) {
    host.removeAllListeners('exit');
    const exited = new Promise((resolve) => host.once('exit', resolve));
    host.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    if (host.exitCode === null) host.kill('SIGKILL');
  }
  fs.rmSync(temp, { recursive: true, force: true });
});

test('after login, next leads only to a path of the same origin', async () => {
  const hostile = ['next=/%09/evil.example', 'next=//evil.example', 'next=/%5Cevil.example', 'next=%5C%5Cevil.example',
    'next=https://evil.example/', 'next=%20//evil.example', 'next=/%0A/evil.example', 'next=javascript:alert(1)'];
  for (const query of hostile) {
    const landed = await landingAfterLogin(query);
    assert.equal(landed.origin, base, `${query} left the origin: ${landed.href}`);
    assert.equal(landed.pathname, '/hall', `${query} landed on ${landed.href}`);  // 业务大厅, the default
  }
  const kept = await landingAfterLogin('next=%2Fapp%3Ffrom%3Dlogin');
  assert.equal(kept.href, `${base}/app?from=login`);
});
