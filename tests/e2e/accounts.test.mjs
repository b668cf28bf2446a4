// 企业账号管理 in a real browser (Debian's Chromium driven by playwright-core) against a real mock
// host started here with --dev on a free port (docs/PRODUCT.md §2.1): a CA user logs in with the soft e-key,
// finds 企业账号管理 in the frame's menu, sees the registered accounts of its USCC (not another
// enterprise's), trusts one — whose session then reads `verified: true` — and withdraws it.
// A registered user has no such menu entry. BUILD_DIR names the build folder whose bin/mock-host
// is started (default build-ci).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { openBrowser, request as hostRequest, startHost, stopHost } from './host.mjs';

const USCC = '91350100M000100Y43';
const OTHER_USCC = '91110000600037341L';
const PASSWORD = 'Passw0rd2026';

let host;
let base;
let context;
let page;
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ucf-e2e-accounts-'));

const request = (method, pathname, body, jar) => hostRequest(base, method, pathname, body, jar);

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
  ({ process: host, base } = await startHost({ dataDir: path.join(temp, 'host-data') }));
  ({ context, page } = await openBrowser(path.join(temp, 'profile')));
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

after(async () => {
  await context?.close();
  await stopHost(host);
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
  // The host asks the plugin's qualification service through the table: no filing yet.
  const qualification = page.locator('#used-car-qualification[data-qualified="false"]');
  await qualification.waitFor();
  assert.match(await qualification.textContent(), /暂不可申请/);
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
