// 统计 in a real browser (Debian's Chromium driven by playwright-core) against a real mock host
// started here with --dev on a free port (docs/PRODUCT.md §10). Enterprises file over the API
// (one filing approved, one waiting for review, one rejected, in two provinces); the supervisor
// opens 统计 from the frame's menu and sees every chart drawn (a canvas of nonzero size) and the
// figures GET /review/stats answers, nationwide and for one province; a reviewer sees its
// province only. ECharts comes from the plugin: the page fetches nothing from outside.
// Screenshot: docs/screenshots/stats.png (or UCF_SCREENSHOTS_DIR).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { openBrowser, devRequest, request as hostRequest, root, startHost, stopHost } from './host.mjs';
import { makePdf, makePng } from './sample-files.mjs';

const API = '/api/used-car-filing/v1';
const PASSWORD = 'Stats#2026pass';
const shotsDir = path.resolve(root, process.env.UCF_SCREENSHOTS_DIR || path.join('docs', 'screenshots'));

let host;
let base;
let context;
let page;
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ucf-e2e-stats-'));
const outsideRequests = [];
const pageErrors = [];

const request = (method, pathname, body, jar) => hostRequest(base, method, pathname, body, jar);

/** Logs `account` in (account + password + captcha); its jar with the session and CSRF token. */
async function login(account) {
  const jar = {};
  const c = (await request('GET', '/api/auth/captcha', undefined, jar)).body;
  const res = await request('POST', '/api/auth/login', { account, password: PASSWORD, captchaId: c.captchaId, captcha: c.answer }, jar);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  jar.csrfToken = res.body.csrfToken;
  return jar;
}

async function authority(account, roles, provinceCode) {
  await devRequest(base, 'POST', '/api/dev/authority-accounts', { account, password: PASSWORD, roles, provinceCode });
  return login(account);
}

/** Registers a non-CA enterprise account and logs it in. */
async function enterprise(account, uscc) {
  const jar = {};
  const c = (await request('GET', '/api/auth/captcha', undefined, jar)).body;
  const res = await request('POST', '/api/auth/register', {
    account, password: PASSWORD, accountType: 'enterprise', enterpriseName: `${account}二手车出口有限公司`, uscc,
    contactName: '王芳', contactMobile: '13912345678', contactEmail: 'wangfang@example.com',
    captchaId: c.captchaId, captcha: c.answer,
  }, jar);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return login(account);
}

/** An HTTP call with the jar's session as the pages make it (fetch; multipart bodies too). */
async function call(jar, method, pathname, { json, form, ifMatch } = {}) {
  const headers = { Cookie: jar.cookie, 'X-CSRF-Token': jar.csrfToken };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
  const res = await fetch(base + API + pathname, { method, headers, body: json !== undefined ? JSON.stringify(json) : form });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${pathname} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function formOf(uscc, provinceCode, city) {
  return {
    enterpriseName: `统计测试企业${uscc.slice(-4)}`, uscc, customsCode: '3501960ABC',
    address: { provinceCode, city, district: '城区', detail: '中山路1号' },
    enterpriseNature: 'PRIVATE', enterpriseCategory: 'MANUFACTURER', legalRepresentative: '张三',
    registeredCapital: 1000, businessArea: 300, enterpriseScale: 'SMALL', employeeCount: 50,
    usedCarExportStaffCount: 10, establishedOn: '2015-06-18', businessTerm: { from: '2015-06-18', to: null },
    businessScope: '二手车销售；货物进出口',
    contact: { name: '李四', position: '经理', mobile: '13800138000', email: 'li.si@example.com.cn' },
  };
}

/** A complete 新增 with every file its category needs, submitted; the filing as answered. */
async function submittedFiling(jar, uscc, provinceCode, city, slots) {
  let filing = await call(jar, 'POST', '/filings?mode=save', { json: formOf(uscc, provinceCode, city) });
  for (const slot of slots) {
    const form = new FormData();
    const file = slot.kind === 'image'
      ? new Blob([makePng(40, 30, [30, 90, 160])], { type: 'image/png' })
      : new Blob([makePdf(slot.slot)], { type: 'application/pdf' });
    form.append('file', file, `${slot.slot}.${slot.kind === 'image' ? 'png' : 'pdf'}`);
    await call(jar, 'PUT', `/filings/${filing.id}/attachments/${slot.slot}`, { form });
  }
  filing = await call(jar, 'GET', `/filings/${filing.id}`);
  return call(jar, 'POST', `/filings/${filing.id}/submit`, { ifMatch: filing.version });
}

async function decide(jar, filing, decision) {
  return call(jar, 'POST', `/review/filings/${filing.id}/decision`,
    { json: { decision, opinion: decision === 'reject' ? '材料不全' : '同意' }, ifMatch: filing.version });
}

before(async () => {
  ({ process: host, base } = await startHost({ dataDir: path.join(temp, 'host-data') }));
  ({ context, page } = await openBrowser(path.join(temp, 'profile'), { viewport: { width: 1440, height: 1000 } }));
  context.on('request', (r) => {
    if (!r.url().startsWith(`${base}/`) && !/^(data|blob):/.test(r.url())) outsideRequests.push(r.url());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A refused script or style shows as a console error; a missing file as a failed response.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) pageErrors.push(`${r.status()} ${r.url()}`);
  });
});

after(async () => {
  await context?.close();
  await stopHost(host);
  fs.rmSync(temp, { recursive: true, force: true });
});

/** Opens the frame with `jar`'s session and 统计 from its menu; the page's frame. */
async function openStats(jar) {
  const at = jar.cookie.indexOf('=');
  const [name, value] = [jar.cookie.slice(0, at), jar.cookie.slice(at + 1)];
  await context.clearCookies();
  await context.addCookies([{ name, value, url: base, httpOnly: true, sameSite: 'Strict' }]);
  await page.goto(`${base}/app`);
  await page.locator('#menu a', { hasText: /^统计$/ }).click();
  const frame = page.frameLocator('#content');
  await frame.locator('body[data-drawn="true"]').waitFor();
  return frame;
}

/** Every chart has a canvas with a nonzero size; the figures are the sums of `stats`. */
async function assertDrawn(frame, stats) {
  for (const id of ['chart-province', 'chart-status', 'chart-months', 'chart-expiring']) {
    const box = await frame.locator(`#${id} canvas`).first().boundingBox();
    assert.ok(box && box.width > 100 && box.height > 100, `#${id} has no drawn canvas: ${JSON.stringify(box)}`);
  }
  const sum = (key) => String(stats.byProvince.reduce((n, p) => n + p[key], 0));
  for (const key of ['approvedInForce', 'pendingReview', 'rejected', 'expiringWithin30']) {
    await frame.locator(`[data-figure="${key}"]`, { hasText: new RegExp(`^${sum(key)}$`) }).waitFor();
  }
  const median = stats.medianReviewDays === null ? '–' : String(stats.medianReviewDays);
  assert.equal(await frame.locator('[data-figure="medianReviewDays"]').textContent(), median);
}

test('统计: the supervisor and a reviewer see the charts drawn and the figures of the API', async () => {
  const reviewer = await authority('stats-review', ['reviewer'], '350000');
  const rechecker = await authority('stats-recheck', ['rechecker'], '350000');
  const bjReviewer = await authority('stats-review-bj', ['reviewer'], '110000');
  const supervisor = await authority('stats-super', ['supervisor']);
  const m = await call(reviewer, 'GET', '/meta/form');
  const slots = m.slots.filter((s) => s.requiredFor.includes('MANUFACTURER'));

  const approved = await submittedFiling(await enterprise('statsent1', '91350100M000100Y43'), '91350100M000100Y43', '350000', '福州市', slots);
  await decide(rechecker, await decide(reviewer, approved, 'approve'), 'approve');
  const rejected = await submittedFiling(await enterprise('statsent2', '91110000600037341L'), '91110000600037341L', '350000', '厦门市', slots);
  await decide(reviewer, rejected, 'reject');
  await submittedFiling(await enterprise('statsent3', '91110108551385082Q'), '91110108551385082Q', '110000', '北京市', slots);

  const nationwide = await call(supervisor, 'GET', '/review/stats');
  assert.deepEqual(nationwide.byProvince.map((p) => [p.provinceCode, p.approvedInForce, p.pendingReview, p.rejected]),
    [['110000', 0, 1, 0], ['350000', 1, 0, 1]]);
  assert.equal(nationwide.approvalsByMonth.length, 12);
  assert.equal(nationwide.approvalsByMonth.at(-1).count, 1);

  let frame = await openStats(supervisor);
  await assertDrawn(frame, nationwide);
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 1240 });  // the four charts whole
  await frame.locator('body[data-drawn="true"]').waitFor();
  await page.screenshot({ path: path.join(shotsDir, 'stats.png') });
  await page.setViewportSize({ width: 1440, height: 1000 });

  // One province, chosen in the page, answers what the API answers for it.
  const fujian = await call(supervisor, 'GET', '/review/stats?provinceCode=350000');
  await frame.locator('#scope-province').selectOption('350000');
  await frame.locator('[data-figure="pendingReview"]', { hasText: /^0$/ }).waitFor();
  await assertDrawn(frame, fujian);

  // A reviewer sees its province and has no province to choose.
  frame = await openStats(bjReviewer);
  const beijing = await call(bjReviewer, 'GET', '/review/stats');
  assert.deepEqual(beijing.byProvince.map((p) => p.provinceCode), ['110000']);
  await assertDrawn(frame, beijing);
  assert.equal(await frame.locator('#scope').isHidden(), true);

  assert.deepEqual(outsideRequests, [], 'the page fetched from outside the host');
  assert.deepEqual(pageErrors, [], 'errors in the page (a refused script or style included)');
});
