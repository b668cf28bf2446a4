// Notifications in a real browser (Debian's Chromium driven by playwright-core) against a real mock
// host started here with --dev on a free port (docs/PRODUCT.md §7.2): an enterprise's filing is submitted and
// passes first review (through the API); the enterprise opens the frame and its bell shows 2 unread,
// the 消息 page lists both newest first, 标为已读 on one brings the bell to 1 and 全部标为已读 to none.
// BUILD_DIR names the build folder whose bin/mock-host is started (default build-ci).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request as apiRequest } from 'playwright-core';

import { openBrowser, startHost, stopHost } from './host.mjs';
import { makePdf, makePng } from './sample-files.mjs';

const USCC = '91350100M000100Y43';
const PASSWORD = 'Passw0rd2026';
const API = '/api/used-car-filing/v1';
const FORM = {
  enterpriseName: '福建测试二手车出口有限公司',
  address: { provinceCode: '350000', city: '福州市', district: '鼓楼区', detail: '五四路 100 号' },
  customsCode: '3501234567', enterpriseNature: 'PRIVATE', enterpriseCategory: 'MANUFACTURER',
  legalRepresentative: '李四', registeredCapital: 1000.5, businessArea: 2500, enterpriseScale: 'MEDIUM',
  employeeCount: 120, usedCarExportStaffCount: 15, establishedOn: '2015-06-01',
  businessTerm: { from: '2015-06-01', to: null }, businessScope: '二手车销售；货物进出口',
  contact: { name: '王五', position: '经理', mobile: '13912345678', email: 'wangwu@example.com' },
};

let host;
let base;
let context;
let page;
const apis = [];
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ucf-e2e-notify-'));

/** An API client of its own (cookies apart from the browser's), logged in as `account`. */
async function apiSession(account, register) {
  const api = await apiRequest.newContext({ baseURL: base });
  apis.push(api);
  const captcha = async () => (await api.get('/api/auth/captcha')).json();
  if (register) {
    const c = await captcha();
    const r = await api.post('/api/auth/register', { data: {
      account, password: PASSWORD, accountType: 'enterprise', enterpriseName: FORM.enterpriseName, uscc: USCC,
      contactName: '王芳', contactMobile: '13912345678', contactEmail: 'wangfang@example.com',
      captchaId: c.captchaId, captcha: c.answer } });
    assert.equal(r.status(), 201, await r.text());
  }
  const c = await captcha();
  const login = await api.post('/api/auth/login',
    { data: { account, password: PASSWORD, captchaId: c.captchaId, captcha: c.answer } });
  assert.equal(login.status(), 200, await login.text());
  const { csrfToken } = await login.json();
  return { api, headers: { 'X-CSRF-Token': csrfToken } };
}

async function ok(response, status = 200) {
  assert.equal(response.status(), status, await response.text());
  return response.status() === 204 ? null : response.json();
}

const ifMatch = (etag, headers) => ({ ...headers, 'If-Match': etag });

before(async () => {
  ({ process: host, base } = await startHost({ dataDir: path.join(temp, 'host-data') }));
  ({ context, page } = await openBrowser(path.join(temp, 'profile')));
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

after(async () => {
  for (const api of apis) await api.dispose();
  await context?.close();
  await stopHost(host);
  fs.rmSync(temp, { recursive: true, force: true });
});

test('the bell counts unread notifications; 消息 lists them and marks them read', async () => {
  // The enterprise files and submits; a reviewer of its province passes the first review.
  const ent = await apiSession('notify-e2e', true);
  const created = await ok(await ent.api.post(`${API}/filings?mode=save`, { data: FORM, headers: ent.headers }), 201);
  const meta = await ok(await ent.api.get(`${API}/meta/form`));
  for (const slot of meta.slots.filter((s) => s.requiredFor.includes('MANUFACTURER'))) {
    const file = slot.kind === 'image'
      ? { name: `${slot.slot}.png`, mimeType: 'image/png', buffer: makePng(40, 30, [200, 120, 40]) }
      : { name: `${slot.slot}.pdf`, mimeType: 'application/pdf', buffer: makePdf(slot.slot) };
    await ok(await ent.api.put(`${API}/filings/${created.id}/attachments/${slot.slot}`,
      { multipart: { file }, headers: ent.headers }), 201);
  }
  const saved = await ent.api.get(`${API}/filings/${created.id}`);
  await ok(await ent.api.post(`${API}/filings/${created.id}/submit`,
    { headers: ifMatch(saved.headers().etag, ent.headers) }));
  const dev = await apiRequest.newContext({ baseURL: base });
  apis.push(dev);
  await ok(await dev.post('/api/dev/authority-accounts',
    { data: { account: 'notify-rev', password: PASSWORD, roles: ['reviewer'], provinceCode: '350000' } }), 201);
  const rev = await apiSession('notify-rev', false);
  const detail = await rev.api.get(`${API}/review/filings/${created.id}`);
  await ok(await rev.api.post(`${API}/review/filings/${created.id}/decision`,
    { data: { decision: 'approve' }, headers: ifMatch(detail.headers().etag, rev.headers) }));

  // The enterprise's browser gets its session; the frame's bell shows both, unread.
  const cookie = (await ent.api.storageState()).cookies;
  await context.addCookies(cookie);
  await page.goto(`${base}/app`);
  const badge = page.locator('#bell-count');
  await page.locator('#bell-count:not(.hidden)', { hasText: '2' }).waitFor();

  await page.click('#bell');
  const frame = page.frameLocator('#content');
  const items = frame.locator('#list li');
  await items.nth(1).waitFor();
  assert.equal(await items.count(), 2);
  assert.equal((await items.nth(0).locator('.title').textContent()).trim(), '备案已通过初审');
  assert.equal((await items.nth(1).locator('.title').textContent()).trim(), '备案已上报');
  assert.equal(await frame.locator('#list li.unread').count(), 2);
  assert.equal(await items.nth(0).locator('a').getAttribute('href'), `/used-car-filing/detail?id=${created.id}`);

  await items.nth(1).locator('button.mark-read').click();
  await frame.locator('#list li.unread').nth(1).waitFor({ state: 'detached' });
  await page.locator('#bell-count', { hasText: '1' }).waitFor();
  await frame.locator('#unread-count', { hasText: '未读 1 条' }).waitFor();

  await frame.locator('#read-all').click();
  await frame.locator('#list li.unread').first().waitFor({ state: 'detached' });
  await page.locator('#bell-count.hidden').waitFor({ state: 'attached' });
  assert.equal(await badge.textContent(), '0');
  assert.equal(await frame.locator('#list li.read').count(), 2);
});
