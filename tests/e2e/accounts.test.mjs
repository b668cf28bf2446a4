// 企业账号管理 in a real browser (Debian's Chromium driven by playwright-core) against a real mock
// host started here with --dev on a free port (docs/PRODUCT.md §2.1): a CA user logs in with the soft e-key,
// finds 企业账号管理 in the frame's menu, sees the registered accounts of its USCC (not another
// enterprise's), trusts one — whose session then reads `verified: true` — and withdraws it.
// A registered user has no such menu entry. BUILD_DIR names the build folder whose bin/mock-host
// is started (default build-ci).
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
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const USCC = '91350100M000100Y43';
const OTHER_USCC = '91110000600037341L';
const PASSWORD = 'Passw0rd2026';

let host;
let base;
let context;
let page;
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ucf-e2e-accounts-'));
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
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
}

/** One HTTP request outside the browser (a client of its own: `jar` keeps its cookie and token). */
function request(method, pathname, body, jar = {}) {
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

async function captcha(jar) {
  return (await request('GET', '/api/auth/captcha', undefined, jar)).body;
}

/** Registers a non-CA enterprise account bound to `uscc` and logs it in; its jar. */
async function registeredSession(account, uscc) {
  const jar = {};
  let c = await captcha(jar);
  const registered = await request('POST', '/api/auth/register', {
    account, password: PASSWORD, accountType: 'enterprise', enterpriseName: '福建测试二手车出口有限公司', uscc,
    contactName: '王芳', contactMobile: '13912345678', contactEmail: 'wangfang@example.com',
    captchaId: c.captchaId, captcha: c.answer,
  }, jar);
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  c = await captcha(jar);
  const login = await request('POST', '/api/auth/login',
    { account, password: PASSWORD, captchaId: c.captchaId, captcha: c.answer }, jar);
  assert.equal(login.status, 200, JSON.stringify(login.body));
  jar.csrfToken = login.body.csrfToken;
  return jar;
}

const verifiedOf = async (jar) => (await request('GET', '/api/session', undefined, jar)).body.principal.verified;

before(async () => {
  base = await startHost();
  context = await chromium.launchPersistentContext(path.join(temp, 'profile'), {
    executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(20_000);
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

after(async () => {
  await context?.close();
  if (host && host.exitCode === null) {
    host.removeAllListeners('exit');
    const exited = new Promise((resolve) => host.once('exit', resolve));
    host.kill('SIGTERM');
    let timer;
    await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(resolve, 10_000); })]);
    clearTimeout(timer);
    if (host.exitCode === null) host.kill('SIGKILL');
  }
  fs.rmSync(temp, { recursive: true, force: true });
});

test('a CA user trusts a registered account of its enterprise in 企业账号管理, and withdraws it', async () => {
  const clerk = await registeredSession('clerk-e2e', USCC);
  await registeredSession('beijing-e2e', OTHER_USCC);
  assert.equal(await verifiedOf(clerk), false);
  const clerkMenu = (await request('GET', '/api/menu', undefined, clerk)).body.items;
  assert.ok(!clerkMenu.some((i) => i.id === 'enterprise-accounts'), 'a registered user has no 企业账号管理');

  // The CA user logs in with the soft e-key, as the login page does it.
  const issued = (await request('POST', '/api/dev/enterprise-certificates',
    { uscc: USCC, enterpriseName: '福建测试二手车出口有限公司', username: 'ca-e2e', password: 'Ekey#2026pass' })).body;
  const certFile = path.join(temp, 'cert.pem');
  const keyFile = path.join(temp, 'key.pem');
  fs.writeFileSync(certFile, issued.certificate);
  fs.writeFileSync(keyFile, issued.privateKey);
  // The manual's way in: the e-key tab (certificate and key inserted at once), 业务大厅 → 进入应用
  // → 选择对应在有效期内的CA → 出口许可证 → the frame.
  await page.goto(`${base}/login`);
  await page.click('#tab-ca');
  await page.setInputFiles('#ekey-files', [certFile, keyFile]);
  await page.locator('#ca-username', { hasText: 'ca-e2e' }).waitFor();
  await page.fill('#ca-password', 'Ekey#2026pass');
  await Promise.all([page.waitForURL(`${base}/hall`), page.click('#ca-submit')]);
  await page.locator('[data-enter="licence"]').click();
  await page.waitForURL(`${base}/licence/ca`);
  await page.locator('#certs input[type=radio]:checked').waitFor();
  await page.click('#ca-confirm');
  await page.waitForURL(`${base}/licence`);
  await Promise.all([page.waitForURL(`${base}/app**`), page.click('#enter-export')]);

  await page.locator('#menu a', { hasText: /^企业账号管理$/ }).click();
  const frame = page.frameLocator('#content');
  const row = frame.locator('#rows tr[data-account="clerk-e2e"]');
  await row.locator('td', { hasText: '未授权' }).waitFor();
  assert.equal(await frame.locator('#rows tr').count(), 1, 'only the accounts of its own USCC');

  await row.locator('button', { hasText: '授权' }).click();
  await frame.locator('#message', { hasText: '已授权账号 clerk-e2e' }).waitFor();
  await row.locator('td', { hasText: '已授权' }).waitFor();
  assert.equal(await verifiedOf(clerk), true, 'the account acts for the enterprise at its next request');

  await row.locator('button', { hasText: '取消授权' }).click();
  await frame.locator('#message', { hasText: '已取消账号 clerk-e2e 的授权' }).waitFor();
  await row.locator('td', { hasText: '未授权' }).waitFor();
  assert.equal(await verifiedOf(clerk), false);
});
