// The used-car filing journey in a real browser (Debian's Chromium driven by playwright-core)
// against a real mock host started here with --dev on a free port, under an en-US locale (dates
// must still read YYYY-MM-DD). Every login walks the manual's way in: the unified platform's
// login → 业务大厅 → 进入应用 → (CA users: 选择对应在有效期内的CA → 确定) → 出口许可证 → the frame.
//   a non-CA enterprise registers, logs in, fills the form, uploads every material of its
//   category, saves and submits; the reviewer rejects with a field note, which the enterprise sees
//   beside the field, fixes and resubmits; reviewer and rechecker approve in the pages; the
//   enterprise sees 审核通过 with 复核时间 and 有效截止日期, starts a 变更, changes a field and sees
//   the diff; five days before expiry (dev clock) the list shows the 7-day badge and 续期新增 starts
//   the next 新增 pre-filled from the approved data.
// A second test logs in with soft e-keys: an SM2 key (sm-crypto in the page) beside an expired
// certificate that cannot be chosen, and an RSA key (WebCrypto); the certificates come from test
// CAs made here with openssl (scripts/soft-ekey.sh for SM2) that the host is started to trust.
// A third has the ministry check the history chain and revoke the filing the journey left.
// Screenshots (portal, hall, CA selection, SM2 login, list, form, review, detail) go to
// docs/screenshots/ or UCF_SCREENSHOTS_DIR.
// BUILD_DIR names the build folder whose bin/mock-host is started (default build-ci; a relative
// path is taken from the repository root). UCF_E2E_TRACE=1 prints each step's time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  buildDir, devRequest as hostDevRequest, openBrowser, root, startHost, stopHost,
} from './host.mjs';
import { makePdf, makePng } from './sample-files.mjs';

// docs/screenshots/ by default; the CI script sends them to the build folder instead, so a test
// run leaves the checked-in pictures alone.
const shotsDir = path.resolve(root, process.env.UCF_SCREENSHOTS_DIR || path.join('docs', 'screenshots'));
const STEP_TIMEOUT = 20_000;

let host;      // the mock host process
let base;      // http://127.0.0.1:PORT
let context;   // the browser (a persistent context over a fresh user-data-dir)
let page;
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ucf-e2e-'));
const hostLog = [];

// ---- Soft e-keys: test CAs and certificates made with openssl ----

const EKEY_PASSWORD = 'Ekey#2026pass';
const EKEY_ENTERPRISE = { uscc: '91110000600037341L', name: '北京京通汽车贸易有限公司' };
const SM2_USER = `sm2${Date.now().toString(36)}`;
const RSA_USER = `rsa${Date.now().toString(36)}`;
const ekeyDir = path.join(temp, 'ekeys');

const openssl = (...args) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });

/** An SM2 CA and SM2 e-key as Chinese CAs issue them (SM3, default ID), by scripts/soft-ekey.sh. */
function makeSm2Ekey() {
  execFileSync('bash', [path.join(root, 'scripts', 'soft-ekey.sh'), 'sm2', '--out', ekeyDir, '--username', SM2_USER,
    '--uscc', EKEY_ENTERPRISE.uscc, '--name', EKEY_ENTERPRISE.name], { stdio: ['ignore', 'pipe', 'pipe'] });
  return { ca: path.join(ekeyDir, 'sm2-ca.pem'), cert: path.join(ekeyDir, `${SM2_USER}.cert.pem`),
           key: path.join(ekeyDir, `${SM2_USER}.key.pem`) };
}

/** An RSA CA and an RSA-2048 e-key (PKCS#8) signed with SHA-256. */
function makeRsaEkey() {
  const f = (name) => path.join(ekeyDir, name);
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', f('rsa-ca.key'));
  openssl('req', '-new', '-x509', '-key', f('rsa-ca.key'), '-sha256', '-days', '3650',
    '-subj', '/C=CN/O=Soft e-key test CA/CN=Soft e-key RSA CA', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', f('rsa-ca.pem'));
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', f(`${RSA_USER}.key.pem`));
  openssl('req', '-new', '-utf8', '-key', f(`${RSA_USER}.key.pem`), '-sha256',
    '-subj', `/C=CN/O=${EKEY_ENTERPRISE.name}/serialNumber=${EKEY_ENTERPRISE.uscc}/CN=${RSA_USER}`, '-out', f('rsa.csr'));
  fs.writeFileSync(f('rsa.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
  openssl('x509', '-req', '-in', f('rsa.csr'), '-CA', f('rsa-ca.pem'), '-CAkey', f('rsa-ca.key'), '-CAcreateserial',
    '-days', '365', '-sha256', '-extfile', f('rsa.ext'), '-out', f(`${RSA_USER}.cert.pem`));
  return { ca: f('rsa-ca.pem'), cert: f(`${RSA_USER}.cert.pem`), key: f(`${RSA_USER}.key.pem`) };
}

let sm2Ekey;
let rsaEkey;
const outsideRequests = [];
const pageErrors = [];  // uncaught exceptions in any page: each test ends with none

// ---- Host and browser ----

/** Calls a --dev endpoint of the host (no session needed); one connection per call. */
const devRequest = (method, pathname, body) => hostDevRequest(base, method, pathname, body);
const devPost = (pathname, body) => devRequest('POST', pathname, body);

/** Moves the host clock (PUT /api/dev/clock); `null` puts it back to the real time. */
const moveClock = (instant) => devRequest('PUT', '/api/dev/clock', { now: (instant ?? new Date()).toISOString() });

const isCaptcha = (r) => new URL(r.url()).pathname === '/api/auth/captcha' && r.request().method() === 'GET';

/** Runs `action` and returns the dev answer of the captcha the page loads because of it. */
async function captchaAfter(action) {
  const [response] = await Promise.all([page.waitForResponse(isCaptcha), action()]);
  return (await response.json()).answer;
}

/** The plugin page inside the platform frame. */
const frame = () => page.frameLocator('#content');

/** From the 业务大厅 into the frame: 进入应用 → (CA users: 选择CA, 确定) → 出口许可证. */
async function enterApp({ ca = false } = {}) {
  await page.locator('[data-enter="licence"]').click();
  if (ca) {
    await page.waitForURL(`${base}/licence/ca`);
    await page.locator('#certs input[type=radio]:checked').waitFor();
    await page.click('#ca-confirm');
  }
  await page.waitForURL(`${base}/licence`);
  await Promise.all([page.waitForURL(`${base}/app**`), page.click('#enter-export')]);
  await page.locator('#menu a').first().waitFor();
}

/** Account + password + captcha on the unified platform, then into the frame through the hall. */
async function login(account, password) {
  const answer = await captchaAfter(() => page.goto(`${base}/login`));
  assert.equal(await page.inputValue('#login-captcha'), '', 'the page must not fill in the captcha');
  await page.fill('#login-account', account);
  await page.fill('#login-password', password);
  await page.fill('#login-captcha', answer);
  await Promise.all([page.waitForURL(`${base}/hall`), page.click('#login-submit')]);
  await page.locator('#user').filter({ hasText: account }).waitFor();
  await enterApp();
  await page.locator('#user').filter({ hasText: account }).waitFor();
}

/** The e-key tab: inserts the soft key's files, reads the username off them, types the password. */
async function ekeyLogin(files, password) {
  await captchaAfter(() => page.goto(`${base}/login`));
  await page.click('#tab-ca');
  await page.setInputFiles('#ekey-files', files);
  await page.locator('#ca-info:not(.hidden)').waitFor();
  await page.fill('#ca-password', password);
  await Promise.all([page.waitForURL(`${base}/hall`), page.click('#ca-submit')]);
}

async function logout() {
  // The login page loads a captcha: let it arrive before the next navigation.
  await Promise.all([page.waitForURL(`${base}/login**`), page.waitForResponse(isCaptcha), page.click('#logout')]);
}

async function openMenu(label) {
  await page.locator('#menu a', { hasText: new RegExp(`^${label}$`) }).click();
}

/** Clicks the OK button of the page's confirmation dialog. */
async function confirm(buttonText) {
  await frame().locator('dialog[open] button[data-answer="yes"]', { hasText: buttonText }).click();
}

async function shot(name, { height } = {}) {
  fs.mkdirSync(shotsDir, { recursive: true });
  const viewport = page.viewportSize();
  if (height) await page.setViewportSize({ width: viewport.width, height });
  await page.waitForTimeout(150);  // let layout settle after the resize
  await page.screenshot({ path: path.join(shotsDir, name) });
  if (height) await page.setViewportSize(viewport);
}

/** Today's date in Beijing as YYYY-MM-DD, and validUntil for an approval today (docs/PRODUCT.md §5 rule 1). */
function shanghaiDates() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const [y, mo, d] = today.split('-').map(Number);
  const sameDayNextYear = mo === 2 && d === 29 ? new Date(Date.UTC(y + 1, 1, 28)) : new Date(Date.UTC(y + 1, mo - 1, d));
  const until = new Date(sameDayNextYear.getTime() - 86_400_000).toISOString().slice(0, 10);
  return { today, validUntil: until };
}

before(async () => {
  const started = Date.now();
  fs.mkdirSync(ekeyDir, { recursive: true });
  sm2Ekey = makeSm2Ekey();
  rsaEkey = makeRsaEkey();
  ({ process: host, base } = await startHost({
    dataDir: path.join(temp, 'host-data'), extraArgs: ['--trusted-ca', sm2Ekey.ca, '--trusted-ca', rsaEkey.ca], log: hostLog,
  }));
  console.log(`mock host ready in ${Date.now() - started} ms at ${base}`);
  ({ context, page } = await openBrowser(path.join(temp, 'profile'), {
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',  // dates must read YYYY-MM-DD all the same (input type=date would not)
    timeout: STEP_TIMEOUT,
  }));
  // Everything the pages load comes from the host (sm-crypto included): nothing from outside.
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${base}/`) && !/^(data|blob):/.test(url)) outsideRequests.push(url);
  });
  console.log(`browser ready in ${Date.now() - started} ms`);
  page.on('pageerror', (e) => {
    console.error('page error:', e.message);
    pageErrors.push(e.message);
  });
});

after(async () => {
  const stopping = Date.now();
  await context?.close();
  await stopHost(host);
  console.log(`browser and host stopped in ${Date.now() - stopping} ms`);
  fs.rmSync(temp, { recursive: true, force: true });
});

let stepName = null;
let stepStarted = Date.now();
/** With UCF_E2E_TRACE=1, prints how long each step of the journey took (when the next begins). */
function step(name) {
  if (stepName && process.env.UCF_E2E_TRACE === '1') console.log(`step ${stepName}: ${Date.now() - stepStarted} ms`);
  stepName = name;
  stepStarted = Date.now();
}

/** Runs a test body; on failure saves a screenshot to BUILD_DIR and prints the page's message. */
function withEvidence(name, body) {
  return async (t) => {
    try {
      await body(t);
    } catch (e) {
      const file = path.join(buildDir, `e2e-failure-${name}.png`);
      await page?.screenshot({ path: file }).catch(() => {});
      const message = await frame().locator('#message').textContent({ timeout: 1000 }).catch(() => '');
      console.error(`failure screenshot: ${file}\npage message: ${message}\nhost log:\n${hostLog.slice(-20).join('\n')}`);
      throw e;
    }
  };
}

// ---- The journey ----

const ENTERPRISE = {
  account: `ent${Date.now().toString(36)}`,
  password: 'Filing#2026',
  name: '厦门鹭岛二手车出口有限公司',
  uscc: '91350100M000100Y43',
};
const PROVINCE = '350000';
let journeyApproved = false;  // the supervisor test needs the filing the journey leaves approved

test('non-CA enterprise files, authorities approve, enterprise changes and sees the diff', withEvidence('journey', async () => {
  step('Register (未办理CA用户)');
  // -- Register (未办理CA用户) --
  let answer = await captchaAfter(() => page.goto(`${base}/`));
  await page.locator('#login-captcha-image[src^="data:"]').waitFor();
  await shot('portal.png');
  answer = await captchaAfter(() => page.click('#to-register'));
  assert.equal(await page.inputValue('#reg-captcha'), '');
  await page.fill('#reg-account', ENTERPRISE.account);
  await page.selectOption('#reg-account-type', 'enterprise');
  await page.fill('#reg-password', ENTERPRISE.password);
  await page.fill('#reg-password2', ENTERPRISE.password);
  await page.fill('#reg-enterprise-name', ENTERPRISE.name);
  await page.fill('#reg-uscc', ENTERPRISE.uscc);
  await page.fill('#reg-contact-name', '李华');
  await page.fill('#reg-contact-mobile', '13812345678');
  await page.fill('#reg-contact-email', 'lihua@ludao-auto.com.cn');
  await page.fill('#reg-captcha', answer);
  await captchaAfter(() => page.click('#register-submit'));  // success returns to the login form
  await page.locator('#login-message', { hasText: '注册成功' }).waitFor();

  step('Log in');
  // -- Log in: the licence functions are disabled for a user without a CA --
  await login(ENTERPRISE.account, ENTERPRISE.password);
  const disabled = page.locator('#menu .disabled[data-menu-id="export-licence-apply"]');
  await disabled.waitFor();
  assert.match(await disabled.textContent(), /未办理CA/);
  assert.match(await disabled.getAttribute('title'), /未办理CA/);

  step('新增');
  // -- 新增: fill the form --
  await openMenu('新增');
  const f = frame();
  await f.locator('#f-enterpriseName').waitFor();
  assert.equal(await f.locator('#f-uscc').inputValue(), ENTERPRISE.uscc);
  assert.equal(await f.locator('#f-uscc').getAttribute('readonly'), '');
  assert.deepEqual(await f.locator('section.panel h2').allTextContents(), ['1.基本信息', '2.申报材料', '3.联系人']);
  await f.locator('#f-enterpriseName').fill(ENTERPRISE.name);
  await f.locator('#f-address-provinceCode').selectOption(PROVINCE);
  await f.locator('#f-address-city').fill('厦门市');
  await f.locator('#f-address-district').fill('湖里区');
  await f.locator('#f-address-detail').fill('象屿路99号厦门国际航运中心E栋8层');
  await f.locator('#f-customsCode').fill('3502961234');
  await f.locator('#f-enterpriseNature').selectOption('PRIVATE');
  await f.locator('#f-enterpriseCategory').selectOption('MANUFACTURER');
  await f.locator('#f-legalRepresentative').fill('陈明');
  await f.locator('#f-registeredCapital').fill('5000');
  await f.locator('#f-businessArea').fill('12000.50');
  await f.locator('#f-enterpriseScale').selectOption('MEDIUM');
  await f.locator('#f-employeeCount').fill('120');
  await f.locator('#f-usedCarExportStaffCount').fill('15');
  // Dates are text that reads YYYY-MM-DD under en-US too (an input type=date would show
  // 06/18/2015); a date typed without dashes is put into that form.
  assert.equal(await f.locator('#sections input[type=date]:not(.date-picker)').count(), 0);
  assert.equal(await f.locator('#f-establishedOn').getAttribute('type'), 'text');
  assert.equal(await f.locator('#f-establishedOn').getAttribute('placeholder'), 'YYYY-MM-DD');
  await f.locator('#f-establishedOn').fill('20150618');
  await f.locator('#f-businessTerm-from').focus();
  assert.equal(await f.locator('#f-establishedOn').inputValue(), '2015-06-18');
  await f.locator('#f-businessTerm-from').fill('2015-06-18');
  // The calendar button opens the browser's picker (on a hidden date input) without an error.
  await f.locator('[data-cell="establishedOn"] .date-button').click();
  await page.keyboard.press('Escape');
  await f.locator('#f-businessTerm-longTerm').check();
  assert.equal(await f.locator('#f-businessTerm-to').isDisabled(), true);
  // No label breaks inside a word (二手车出口业务实施方 / 案): each is one line.
  const wrapped = await f.locator('.field > label').evaluateAll((labels) => labels.filter((l) => {
    if (!l.offsetParent) return false;
    const range = document.createRange();
    range.selectNodeContents(l);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
  }).map((l) => l.textContent));
  assert.deepEqual(wrapped, []);
  await f.locator('#f-businessScope').fill('二手车经销、出口；汽车零配件销售；货物进出口。');
  await f.locator('#f-contact-name').fill('李华');
  await f.locator('#f-contact-position').fill('出口部经理');
  await f.locator('#f-contact-email').fill('lihua@ludao-auto.com.cn');

  // The page checks the rules before sending: a bad mobile number is shown beside its field.
  await f.locator('#f-contact-mobile').fill('1381234');
  await f.locator('#btn-save').click();
  await f.locator('[data-error-for="contact.mobile"]', { hasText: '手机' }).waitFor();
  await f.locator('#f-contact-mobile').fill('13812345678');

  // The materials follow the category: a manufacturer has 7, plus the three images of 基本信息.
  const visibleSlots = await f.locator('[data-slot]:visible').evaluateAll((els) => els.map((e) => e.dataset.slot));
  assert.deepEqual(visibleSlots, ['license_original', 'license_copy', 'official_seal', 'company_profile',
    'business_operations', 'export_plan_3y', 'implementation_plan', 'official_letter', 'commitment_letter',
    'vehicle_announcement_proof']);
  assert.equal(await f.locator('[data-slot="license_original"] .slot-limit').textContent(), '支持 jpg、jpeg、png 格式，大小不超过300K');
  assert.equal(await f.locator('[data-slot="official_letter"] .slot-limit').textContent(), '支持 pdf 格式，大小不超过10M');
  // Every material says what it must contain; 企业公函 and 企业承诺书 offer a template to download.
  assert.match(await f.locator('[data-slot="company_profile"] .slot-hint').textContent(), /注册资本/);
  assert.equal(await f.locator('.slot-template:visible').count(), 2);
  const templateHref = await f.locator('[data-slot="official_letter"] .slot-template').getAttribute('href');
  const template = await f.locator('body').evaluate(async (_body, href) => {
    const r = await fetch(href);
    const body = await r.arrayBuffer();
    return { status: r.status, type: r.headers.get('content-type'), size: body.byteLength,
             text: r.ok ? '' : new TextDecoder().decode(body), url: r.url };
  }, templateHref);
  assert.equal(template.status, 200, `GET ${templateHref}: ${template.url} ${template.text}`);
  assert.equal(template.type, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.ok(template.size > 1000);

  // A PDF dressed up as a PNG is refused by the server (415), shown beside the slot.
  await f.locator('[data-slot="license_original"] input[type=file]').setInputFiles(
    { name: 'fake.png', mimeType: 'image/png', buffer: makePdf('not an image') });
  await f.locator('[data-error-for="attachments.license_original"]', { hasText: '文件内容与格式不符' }).waitFor();
  // The first upload draft-saved the application: the page now edits it.
  assert.match(await f.locator('body').evaluate(() => location.pathname + location.search), /\/used-car-filing\/edit\?id=\d+/);

  step('Upload every material of the category');
  // -- Upload every material of the category --
  const colours = [[200, 40, 40], [40, 160, 60], [30, 80, 200]];
  for (const [i, slot] of visibleSlots.entries()) {
    const kindOf = await f.locator(`[data-slot="${slot}"] .slot-limit`).textContent();
    const file = kindOf.includes('300K')
      ? { name: `${slot}.png`, mimeType: 'image/png', buffer: makePng(160, 110, colours[i % 3]) }
      : { name: `${slot}.pdf`, mimeType: 'application/pdf', buffer: makePdf(`${slot} - Xiamen Ludao Used Car Export`) };
    await f.locator(`[data-slot="${slot}"] input[type=file]`).setInputFiles(file);
    await f.locator(`[data-slot="${slot}"] .file-name`, { hasText: file.name }).waitFor();
  }
  await f.locator('[data-slot="license_original"] img.thumb').waitFor();
  assert.equal(await f.locator('[data-error-for^="attachments."]:not(:empty)').count(), 0);
  await shot('form.png', { height: 2300 });

  step('保存信息 → the list, then 上报');
  // -- 保存信息 → the list, then 上报 --
  await f.locator('#btn-save').click();
  await f.locator('#message', { hasText: '保存成功' }).waitFor();
  const row = f.locator('#filings tbody tr').first();
  await row.locator('[data-col="status"]', { hasText: '待上报' }).waitFor();
  const filingId = await row.getAttribute('data-id');

  // 新增 again while this one is open: the menu leads to it, not to an empty form.
  await openMenu('新增');
  await f.locator('#message', { hasText: '已有一份未完成的新增申请' }).waitFor();
  assert.equal(await f.locator('body').evaluate(() => location.pathname + location.search), `/used-car-filing/edit?id=${filingId}`);
  assert.equal(await f.locator('#f-businessArea').inputValue(), '12000.50');
  assert.equal(await f.locator('#f-establishedOn').inputValue(), '2015-06-18');
  await openMenu('二手车备案列表');
  await row.locator('[data-action="submit"]').click();
  await confirm('上报');
  await row.locator('[data-col="status"]', { hasText: '待审核' }).waitFor();
  assert.notEqual((await row.locator('[data-col="submittedAt"]').textContent()).trim(), '');
  // Under review, the list's 新增 button says why not, before anything is typed.
  await f.locator('#new-filing').click();
  await f.locator('#message', { hasText: '已有一份待审核的新增申请' }).waitFor();
  await f.locator(`[data-open-new="${filingId}"]`).waitFor();
  assert.equal(await f.locator('#f-enterpriseName').count(), 0);
  await logout();

  step('reviewer and rechecker');
  // -- The province's reviewer (初审) and rechecker (复核) --
  const officers = [
    { account: `rev${Date.now().toString(36)}`, role: 'reviewer', link: '审核', opinion: '材料齐全，符合备案条件，同意。' },
    { account: `chk${Date.now().toString(36)}`, role: 'rechecker', link: '复核', opinion: '复核无误，同意备案。' },
  ];
  for (const officer of officers) {
    await devPost('/api/dev/authority-accounts',
      { account: officer.account, password: 'Review#2026', roles: [officer.role], provinceCode: PROVINCE });
  }

  // First review rejects, with a note on the mobile number; the CSV export has the filter's rows.
  await login(officers[0].account, 'Review#2026');
  await openMenu('二手车备案审核');
  // The link gets its href once the list has loaded with the reviewer's default filter.
  const csvLink = frame().locator('#export-csv[href*="/review/filings.csv"]');
  await csvLink.waitFor();
  const csvHref = await csvLink.getAttribute('href');
  assert.match(csvHref, /status=PENDING_REVIEW/);
  const csv = await page.request.get(new URL(csvHref, base).href);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /^text\/csv/);
  const csvText = (await csv.body()).toString('utf8');
  assert.ok(csvText.startsWith('\uFEFF'), 'the CSV starts with a BOM for Excel');
  assert.match(csvText, new RegExp(ENTERPRISE.name));
  await frame().locator('#filings tbody tr', { hasText: ENTERPRISE.name }).locator('[data-action="review"]').click();
  await frame().locator('#decision-reject').check();
  await frame().locator('#opinion').fill('联系人手机号码无法接通，请核实后重新上报。');
  await frame().locator('#add-note').click();
  await frame().locator('.note-row .note-field').selectOption('contact.mobile');
  await frame().locator('.note-row .note-text').fill('该号码无法接通');
  await frame().locator('#submit-decision').click();
  await confirm('确定');
  await frame().locator('#message', { hasText: '退回企业修改' }).waitFor();
  await logout();

  // The enterprise sees 审核不通过, and the note beside 手机 on the edit page; fixes it and resubmits.
  await login(ENTERPRISE.account, ENTERPRISE.password);
  await openMenu('二手车备案列表');
  const rejected = frame().locator('#filings tbody tr').first();
  await rejected.locator('[data-col="status"]', { hasText: '审核不通过' }).waitFor();
  await rejected.locator('[data-action="edit"]').click();
  await frame().locator('#review-banner', { hasText: '联系人手机号码无法接通' }).waitFor();
  assert.equal(await frame().locator('[data-note-for="contact.mobile"]').textContent(), '审核意见：该号码无法接通');
  await frame().locator('#f-contact-mobile').fill('13812345699');
  await frame().locator('#btn-save').click();
  await frame().locator('#message', { hasText: '保存成功' }).waitFor();
  const resubmit = frame().locator('#filings tbody tr').first();
  await resubmit.locator('[data-action="submit"]').click();
  await confirm('上报');
  await resubmit.locator('[data-col="status"]', { hasText: '待审核' }).waitFor();
  await logout();

  // Both stages approve.
  for (const officer of officers) {
    await login(officer.account, 'Review#2026');
    await openMenu('二手车备案审核');
    const reviewRow = frame().locator('#filings tbody tr', { hasText: ENTERPRISE.name });
    await reviewRow.locator('[data-action="review"]', { hasText: officer.link }).click();
    await frame().locator('#decision').waitFor();
    await frame().locator('[data-view-slot="license_original"] img.thumb').waitFor();
    await frame().locator('#decision-approve').check();
    await frame().locator('#opinion').fill(officer.opinion);
    if (officer.role === 'rechecker') await shot('review.png', { height: 2600 });
    await frame().locator('#submit-decision').click();
    await confirm('确定');
    await frame().locator('#message', { hasText: '审核完成' }).waitFor();
    await logout();
  }

  step('The enterprise sees 审核通过 with 复核时间 and 有效截止日期');
  // -- The enterprise sees 审核通过 with 复核时间 and 有效截止日期 --
  await login(ENTERPRISE.account, ENTERPRISE.password);
  await openMenu('二手车备案列表');
  const approved = frame().locator('#filings tbody tr').first();
  await approved.locator('[data-col="status"]', { hasText: '审核通过' }).waitFor();
  assert.match(await approved.locator('[data-col="approvedAt"]').textContent(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  const { validUntil } = shanghaiDates();
  assert.equal((await approved.locator('[data-col="validUntil"]').textContent()).trim(), validUntil);
  await shot('list.png');
  journeyApproved = true;

  step('变更');
  // -- 变更: the approved data, USCC locked; change a field and save --
  await approved.locator('[data-action="change"]').click();
  const c = frame();
  await c.locator('#page-title', { hasText: '二手车出口备案信息变更申请' }).waitFor();
  await c.locator('#btn-save:enabled').waitFor();
  assert.equal(await c.locator('#f-enterpriseName').inputValue(), ENTERPRISE.name);
  assert.equal(await c.locator('#f-uscc').getAttribute('readonly'), '');
  assert.equal(await c.locator('#f-businessArea').inputValue(), '12000.50');
  assert.equal(await c.locator('#f-establishedOn').inputValue(), '2015-06-18');
  // The diff against the approved data follows the edits as they are typed.
  await c.locator('#live-diff').getByText('变更申请与审核通过的备案信息相同').waitFor();
  await c.locator('#f-contact-mobile').fill('13900001111');
  const liveMobile = c.locator('#live-diff tr[data-diff-field="contact.mobile"]');
  await liveMobile.locator('td.to', { hasText: '13900001111' }).waitFor();
  assert.equal(await liveMobile.locator('td.from').textContent(), '13812345699');
  await c.locator('#f-businessArea').fill('12000.5');  // the same amount: no change
  await c.locator('#f-address-detail').fill('象屿路88号厦门国际航运中心D栋10层');
  await c.locator('#live-diff tr[data-diff-field="address.detail"]').waitFor();
  assert.equal(await c.locator('#live-diff tr[data-diff-field="businessArea"]').count(), 0);
  await c.locator('#btn-save').click();
  await c.locator('#message', { hasText: '变更申请保存成功' }).waitFor();
  const changed = c.locator('#filings tbody tr').first();
  await changed.locator('[data-col="status"]', { hasText: '待上报' }).waitFor();
  assert.match(await changed.textContent(), /变更/);
  assert.equal((await changed.locator('[data-col="validUntil"]').textContent()).trim(), validUntil);

  step('详情 shows the diff against the approved data');
  // -- 详情 shows the diff against the approved data --
  await changed.locator('[data-action="detail"]').click();
  const diff = frame().locator('#diff');
  await diff.waitFor();
  const mobile = diff.locator('tr[data-diff-field="contact.mobile"]');
  assert.equal(await mobile.locator('td.from').textContent(), '13812345699');
  assert.equal(await mobile.locator('td.to').textContent(), '13900001111');
  await diff.locator('tr[data-diff-field="address.detail"]').waitFor();
  await frame().locator('#history tbody tr', { hasText: '复核通过' }).waitFor();
  await frame().locator('#history tbody tr', { hasText: '复核无误' }).waitFor();  // the opinion, kept in the history
  await frame().locator('#history tbody tr', { hasText: '新增' }).first().waitFor();  // the manual's word, not 新建
  // 审核记录 agrees with 操作记录 on a 变更 (the earlier application's reviews), and names the
  // authority, not the officers' accounts.
  const reviewRows = frame().locator('#reviews tbody tr');
  await reviewRows.filter({ hasText: '复核无误' }).waitFor();
  assert.equal(await reviewRows.count(), 3);  // reject, approve, recheck approve
  assert.deepEqual([...new Set(await frame().locator('#reviews td[data-col="reviewer"]').allTextContents())], ['福建省商务厅']);
  const historyActors = (await frame().locator('#history td[data-col="actor"]').allTextContents()).join(' ');
  for (const officer of officers) assert.ok(!historyActors.includes(officer.account), `${officer.account} shown to the enterprise`);
  // Amounts with their two decimals, dates as YYYY-MM-DD (en-US locale).
  assert.equal(await frame().locator('[data-view-field="businessArea"] .v').textContent(), '12000.50');
  assert.equal(await frame().locator('[data-view-field="registeredCapital"] .v').textContent(), '5000.00');
  assert.equal(await frame().locator('[data-view-field="establishedOn"] .v').textContent(), '2015-06-18');
  assert.equal(await frame().locator('[data-view-field="businessTerm"] .v').textContent(), '2015-06-18 至 长期');
  assert.match(await frame().locator('.summary').textContent(), /复核时间\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  await shot('detail.png', { height: 2300 });

  step('打印备案证明');
  // -- 打印备案证明: the approved data in force (the open change is not), with the latest history hash --
  await frame().locator('#btn-proof').click();
  const proof = frame().locator('#proof');
  await proof.waitFor();
  assert.equal(await proof.locator('[data-proof="enterpriseName"]').textContent(), ENTERPRISE.name);
  assert.equal(await proof.locator('[data-proof="uscc"]').textContent(), ENTERPRISE.uscc);
  assert.equal(await proof.locator('[data-proof="enterpriseCategory"]').textContent(), '生产企业');
  assert.equal(await proof.locator('[data-proof="validUntil"]').textContent(), validUntil);
  assert.equal(await proof.locator('[data-proof="approvedOn"]').textContent(), shanghaiDates().today);
  const latestHash = await frame().locator('body').evaluate(async () => {
    const id = new URLSearchParams(location.search).get('id');
    const events = (await (await fetch(`/api/used-car-filing/v1/filings/${id}/history`)).json()).events;
    return events[events.length - 1].hash;
  });
  assert.match(latestHash, /^[0-9a-f]{64}$/);
  assert.equal(await proof.locator('[data-proof="hash"]').textContent(), latestHash);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await frame().locator('#btn-print').isVisible(), false);  // the sheet alone on paper
  await shot('proof.png', { height: 1300 });
  await page.emulateMedia({ media: 'screen' });

  step('Expiry foresight');
  // -- Expiry foresight: five days before 有效截止日期 the row has the 7-day badge and the filter finds it --
  await moveClock(new Date(Date.parse(`${validUntil}T10:00:00+08:00`) - 5 * 86_400_000));
  try {
    await login(ENTERPRISE.account, ENTERPRISE.password);  // the session may have expired on the way
    await openMenu('二手车备案列表');
    const expiring = frame().locator('#filings tbody tr').first();
    await expiring.locator('[data-col="validUntil"] .expiry.expiry-7', { hasText: '5天后到期' }).waitFor();
    await frame().locator('#filter-expiring').selectOption('7');
    await frame().locator('#filters button[type=submit]').click();
    await frame().locator('#filings tbody tr[data-id]').first().waitFor();
    assert.equal(await frame().locator('#filings tbody tr[data-id]').count(), 1);
    // 续期新增: the next 新增 starts pre-filled from the approved data (not the open 变更's),
    // attachments included.
    await frame().locator('#filings tbody tr[data-id]').first().locator('[data-action="renew"]').click();
    await frame().locator('#message', { hasText: '预填新的新增申请' }).waitFor();
    assert.match(await frame().locator('body').evaluate(() => location.pathname + location.search), /\/used-car-filing\/edit\?id=\d+/);
    assert.equal(await frame().locator('#f-enterpriseName').inputValue(), ENTERPRISE.name);
    assert.equal(await frame().locator('#f-contact-mobile').inputValue(), '13812345699');
    await frame().locator('[data-slot="license_original"] .file-name', { hasText: 'license_original.png' }).waitFor();
    await logout();
  } finally {
    await moveClock(null);
  }
  step(null);
  assert.deepEqual(pageErrors, []);
}));

test('CA users log in with soft e-keys (SM2, RSA) and choose a certificate within its validity', withEvidence('ekey', async () => {
  // The SM2 user's key also holds an expired certificate: one the dev CA issued two years ago (dev clock).
  const twoYearsAgo = new Date(Date.now() - 2 * 366 * 86_400_000);
  await moveClock(twoYearsAgo);
  let expired;
  try {
    expired = await devPost('/api/dev/enterprise-certificates',
      { uscc: EKEY_ENTERPRISE.uscc, enterpriseName: EKEY_ENTERPRISE.name, username: SM2_USER, password: EKEY_PASSWORD });
  } finally {
    await moveClock(null);
  }
  const expiredCert = path.join(ekeyDir, 'expired.cert.pem');
  const expiredKey = path.join(ekeyDir, 'expired.key.pem');
  fs.writeFileSync(expiredCert, expired.certificate);
  fs.writeFileSync(expiredKey, expired.privateKey);
  await devPost('/api/dev/ca-accounts', { username: RSA_USER, password: EKEY_PASSWORD });

  // A wrong captcha is the server's 422 on `captcha`, shown beside the field; a new captcha loads.
  await captchaAfter(() => page.goto(`${base}/login`));
  await page.fill('#login-account', SM2_USER);
  await page.fill('#login-password', 'whatever-password');
  await page.fill('#login-captcha', 'XXXX');
  await captchaAfter(() => page.click('#login-submit'));
  await page.locator('[data-error-for="captcha"]:not(:empty)').waitFor();
  assert.equal(await page.inputValue('#login-captcha'), '');

  // -- SM2: the e-key tab reads the username off the key; the nonce is signed with SM2/SM3 in the page --
  await page.click('#tab-ca');
  await page.setInputFiles('#ekey-files', [expiredCert, expiredKey, sm2Ekey.cert, sm2Ekey.key]);
  await page.locator('#ca-username', { hasText: SM2_USER }).waitFor();
  assert.equal(await page.textContent('#ca-uscc'), EKEY_ENTERPRISE.uscc);
  assert.equal(await page.textContent('#ca-certificates'), '2 张，其中 1 张在有效期内');
  await page.fill('#ca-password', EKEY_PASSWORD);
  await shot('sm2-login.png');
  // A wrong password is refused with a message, and the page stays.
  await page.fill('#ca-password', 'not-the-password');
  await page.click('#ca-submit');
  await page.locator('#ca-message:not(.hidden)').waitFor();
  await page.fill('#ca-password', EKEY_PASSWORD);
  await Promise.all([page.waitForURL(`${base}/hall`), page.click('#ca-submit')]);
  await page.locator('#user', { hasText: 'CA用户' }).waitFor();
  await page.locator('[data-enter="licence"]').waitFor();
  await shot('hall.png');

  // -- 进入应用 → 选择对应在有效期内的CA: the expired certificate is listed but cannot be chosen --
  await page.locator('[data-enter="licence"]').click();
  await page.waitForURL(`${base}/licence/ca`);
  const certs = page.locator('#certs tbody tr');
  await certs.first().waitFor();
  assert.equal(await certs.count(), 2);
  const expiredRow = page.locator('#certs tr[data-validity="expired"]');
  assert.equal(await expiredRow.locator('input[type=radio]').isDisabled(), true);
  assert.match(await expiredRow.textContent(), /已过期/);
  const validRow = page.locator('#certs tr[data-validity="valid"]');
  assert.equal(await validRow.locator('input[type=radio]').isChecked(), true);
  assert.match(await validRow.textContent(), /SM2（国密）/);
  assert.match(await validRow.locator('td.validity').textContent(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await shot('ca-select.png');
  await Promise.all([page.waitForURL(`${base}/licence`), page.click('#ca-confirm')]);
  await page.locator('#certificate-in-use', { hasText: SM2_USER }).waitFor();
  await shot('licence.png');
  await Promise.all([page.waitForURL(`${base}/app**`), page.click('#enter-export')]);
  await page.locator('#user', { hasText: 'CA用户' }).waitFor();
  // With a CA the licence functions are enabled.
  await page.locator('#menu a[data-menu-id="export-licence-apply"]').waitFor();
  assert.equal(await page.locator('#menu .disabled').count(), 0);
  await openMenu('新增');
  assert.equal(await frame().locator('#f-uscc').inputValue(), EKEY_ENTERPRISE.uscc);
  await frame().locator('.field-hint', { hasText: '从CA中带出，不允许修改' }).waitFor();
  await logout();

  // -- RSA: WebCrypto signs; the one certificate is chosen and confirmed --
  await ekeyLogin([rsaEkey.cert, rsaEkey.key], EKEY_PASSWORD);
  await page.locator('#user', { hasText: RSA_USER }).waitFor();
  await enterApp({ ca: true });
  await page.locator('#user', { hasText: 'CA用户' }).waitFor();
  await openMenu('二手车备案列表');
  await frame().locator('#filings tbody tr').first().waitFor();
  await logout();
  assert.deepEqual(outsideRequests, []);
  assert.deepEqual(pageErrors, []);
}));

test('the ministry (supervisor) checks the history chain and revokes the filing in force', withEvidence('supervisor', async (t) => {
  if (!journeyApproved) {
    t.skip('the journey above failed before its filing was approved');
    return;
  }
  // Runs after the journey above, on the filing it left approved with an open 变更.
  const account = `mofcom${Date.now().toString(36)}`;
  await devPost('/api/dev/authority-accounts', { account, password: 'Review#2026', roles: ['supervisor'] });
  await login(account, 'Review#2026');
  await openMenu('二手车备案审核');
  const f = frame();
  await f.locator('#province-filter').waitFor();  // supervisors filter by province
  await f.locator('#filter-province').selectOption(PROVINCE);
  await f.locator('#filter-q').fill(ENTERPRISE.uscc);
  await f.locator('#filters button[type=submit]').click();
  await f.locator('#filings tbody tr', { hasText: ENTERPRISE.name }).locator('[data-action="view"]').click();
  await f.locator('#supervise').waitFor();
  assert.equal(await f.locator('#decision').count(), 0, 'a supervisor does not decide reviews');
  await f.locator('#supervise button', { hasText: '校验历史记录' }).click();
  await f.locator('#verify-result', { hasText: '哈希链校验通过' }).waitFor();
  await f.locator('#revoke-reason').fill('企业存在违规出口行为，撤销备案。');
  await f.locator('#supervise button', { hasText: '撤销备案' }).click();
  await confirm('撤销');
  await f.locator('#message', { hasText: '备案已撤销' }).waitFor();
  await f.locator('.summary .status', { hasText: '无效' }).waitFor();
  await f.locator('.summary', { hasText: '企业存在违规出口行为' }).waitFor();
  await logout();
}));
