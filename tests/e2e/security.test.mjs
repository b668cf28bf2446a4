// Browser checks of the host's defences (docs/SECURITY.md), in Debian's Chromium driven by
// playwright-core against a mock host started here with --dev on a free port:
//   after login, `next` leads only to a path of the same origin (docs/PRODUCT.md §7.1): tab-, slash- and
//   backslash-tricks and absolute URLs land on /hall (业务大厅), a same-origin path is kept.
// BUILD_DIR names the build folder whose bin/mock-host is started (default build-ci).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { CHROMIUM_ARGS, chromiumPath, devRequest, startHost, stopHost } from './host.mjs';

let host;
let base;
let context;
let page;
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ucf-e2e-security-'));

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
  ({ process: host, base } = await startHost({ dataDir: path.join(temp, 'host-data') }));
  await devRequest(base, 'POST', '/api/dev/authority-accounts',
    { account: 'sec-supervisor', password: 'Review#2026', roles: ['supervisor'] });
  context = await chromium.launchPersistentContext(path.join(temp, 'profile'), {
    executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS,
  });
  context.setDefaultTimeout(20_000);
  page = context.pages()[0] ?? await context.newPage();
});

after(async () => {
  await context?.close();
  await stopHost(host);
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
