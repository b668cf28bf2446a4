// The unified platform's enterprise login page: account + password + captcha, registration for
// users without a CA, and the e-key (CA) login with a soft key in dev. Host contract: docs/PRODUCT.md §7.
// A login leads to the 业务大厅 (/hall), as in the manual (1.1, 2.1), unless ?next= says otherwise.
import { KeyError, base64ToBytes, bytesToBase64, signWithPem } from './ca-key.js';
import { fmtBeijing, insertEkey, loginEntry, readEkey, removeEkey, validityOf } from './soft-ekey.js';

const $ = (id) => document.getElementById(id);

/**
 * The same-origin path that `next` (already percent-decoded) names, or /hall (业务大厅, where the
 * manual's way in starts). Only `/` followed by anything but `/` or `\` after trimming, with no
 * control character anywhere: browsers drop tabs and newlines inside a URL and read `\` as `/`,
 * so `/\t/evil.example` would become the protocol-relative `//evil.example`. The result is
 * resolved once more and must keep our origin.
 */
export function safeNext(next) {
  const text = typeof next === 'string' ? next.trim() : '';
  // eslint-disable-next-line no-control-regex
  if (!/^\/(?![/\\])/.test(text) || /[\u0000-\u001f\u007f\\]/.test(text)) return '/hall';
  const url = new URL(text, location.origin);
  return url.origin === location.origin ? url.pathname + url.search + url.hash : '/hall';
}

/** Where to go after logging in: a same-origin path from ?next= (plus the hash), else /hall. */
function nextUrl() {
  const safe = safeNext(new URLSearchParams(location.search).get('next'));
  return safe + (location.hash && location.hash !== '#register' && location.hash !== '#login' ? location.hash : '');
}

async function postJson(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  return { status: res.status, ok: res.ok, data };
}

function showMessage(box, text, kind = 'error') {
  box.textContent = text;
  box.className = `message ${kind}`;
}

function hideMessage(box) { box.className = 'message hidden'; box.textContent = ''; }

function clearErrors(form) {
  for (const e of form.querySelectorAll('[data-error-for]')) e.textContent = '';
}

/** Shows a 422's field errors beside the fields; returns the messages that had no place. */
function showFieldErrors(form, problem) {
  const rest = [];
  for (const err of problem?.errors ?? []) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(err.field)}"]`);
    if (slot) slot.textContent = err.message || err.code;
    else rest.push(err.message || `${err.field}: ${err.code}`);
  }
  return rest;
}

function problemText(res, fallback) {
  if (res.status === 429) return res.data?.detail || '登录失败次数过多，请稍后再试';
  return res.data?.detail || fallback;
}

/** A captcha widget: the image from GET /api/auth/captcha, refreshed on click and after each try. */
class Captcha {
  constructor(img, input) {
    this.img = img;
    this.input = input;
    this.id = '';
    img.addEventListener('click', () => this.refresh());
  }

  async refresh() {
    this.input.value = '';
    try {
      const res = await fetch('/api/auth/captcha', { cache: 'no-store', credentials: 'same-origin' });
      const data = await res.json();
      this.id = data.captchaId;
      this.img.src = data.image;  // a data: URL of an SVG; the dev answer in the JSON is deliberately not used
    } catch {
      this.img.alt = '验证码加载失败，点击重试';
    }
  }
}

// ---- Tabs and views ----

function selectTab(which) {
  $('tab-password').setAttribute('aria-selected', String(which === 'password'));
  $('tab-ca').setAttribute('aria-selected', String(which === 'ca'));
  $('login-form').classList.toggle('hidden', which !== 'password');
  $('ca-form').classList.toggle('hidden', which !== 'ca');
}

function showView(view) {
  $('login-card').classList.toggle('hidden', view !== 'login');
  $('register-card').classList.toggle('hidden', view !== 'register');
  if (view === 'register') registerCaptcha.refresh();
  else loginCaptcha.refresh();
}

const loginCaptcha = new Captcha($('login-captcha-image'), $('login-captcha'));
const registerCaptcha = new Captcha($('reg-captcha-image'), $('reg-captcha'));

$('tab-password').addEventListener('click', () => selectTab('password'));
$('tab-ca').addEventListener('click', () => selectTab('ca'));
$('to-register').addEventListener('click', (e) => { e.preventDefault(); history.replaceState(null, '', '#register'); showView('register'); });
$('to-login').addEventListener('click', (e) => { e.preventDefault(); history.replaceState(null, '', '#login'); showView('login'); });

// ---- Account + password + captcha ----

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const box = $('login-message');
  hideMessage(box);
  clearErrors(form);
  const body = {
    account: $('login-account').value.trim(),
    password: $('login-password').value,
    captchaId: loginCaptcha.id,
    captcha: $('login-captcha').value.trim(),
  };
  let missing = false;
  for (const [field, label] of [['account', '请输入登录账号'], ['password', '请输入密码'], ['captcha', '请输入验证码']]) {
    if (!body[field]) {
      form.querySelector(`[data-error-for="${field}"]`).textContent = label;
      missing = true;
    }
  }
  if (missing) return;
  $('login-submit').disabled = true;
  try {
    const res = await postJson('/api/auth/login', body);
    if (res.ok) {
      removeEkey();  // an account login uses no e-key: none stays inserted from an earlier user
      location.assign(nextUrl());
      return;
    }
    if (res.status === 422) {
      const rest = showFieldErrors(form, res.data);
      showMessage(box, rest.length ? rest.join('；') : '请检查标红的输入项');
    } else if (res.status === 401) {
      showMessage(box, '账号或密码不正确');
    } else {
      showMessage(box, problemText(res, `登录失败（${res.status}）`));
    }
    await loginCaptcha.refresh();  // a captcha is good for one try
  } catch {
    showMessage(box, '网络错误，请稍后重试');
  } finally {
    $('login-submit').disabled = false;
  }
});

// ---- Registration (未办理CA用户) ----

$('register-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const box = $('register-message');
  hideMessage(box);
  clearErrors(form);
  const body = {
    account: $('reg-account').value.trim(),
    password: $('reg-password').value,
    accountType: $('reg-account-type').value,
    enterpriseName: $('reg-enterprise-name').value.trim(),
    uscc: $('reg-uscc').value.trim().toUpperCase(),
    contactName: $('reg-contact-name').value.trim(),
    contactMobile: $('reg-contact-mobile').value.trim(),
    contactEmail: $('reg-contact-email').value.trim(),
    captchaId: registerCaptcha.id,
    captcha: $('reg-captcha').value.trim(),
  };
  const local = [];
  const need = { account: '请输入登录账号', password: '请输入密码', enterpriseName: '请输入企业名称', uscc: '请输入统一社会信用代码',
                 contactName: '请输入联系人姓名', contactMobile: '请输入联系人手机', contactEmail: '请输入联系人邮箱', captcha: '请输入验证码' };
  for (const [field, text] of Object.entries(need)) if (!body[field]) local.push([field, text]);
  if (body.password && body.password !== $('reg-password2').value) local.push(['password2', '两次输入的密码不一致']);
  if (body.contactMobile && !/^1[3-9]\d{9}$/.test(body.contactMobile)) local.push(['contactMobile', '手机号码格式不正确']);
  if (body.uscc && !/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(body.uscc)) {
    local.push(['uscc', '统一社会信用代码应为18位（GB 32100-2015）']);
  }
  if (local.length) {
    for (const [field, text] of local) form.querySelector(`[data-error-for="${field}"]`).textContent = text;
    return;
  }
  $('register-submit').disabled = true;
  try {
    const res = await postJson('/api/auth/register', body);
    if (res.status === 201) {
      history.replaceState(null, '', '#login');
      showView('login');
      selectTab('password');
      $('login-account').value = res.data?.account || body.account;
      showMessage($('login-message'), '注册成功，已生成商务部业务系统统一平台账户，请登录', 'ok');
      return;
    }
    if (res.status === 422) {
      const rest = showFieldErrors(form, res.data);
      showMessage(box, rest.length ? rest.join('；') : '请检查标红的输入项');
    } else if (res.status === 409) {
      form.querySelector('[data-error-for="account"]').textContent = res.data?.detail || '该账号已被注册';
      showMessage(box, res.data?.detail || '该账号已被注册');
    } else {
      showMessage(box, problemText(res, `注册失败（${res.status}）`));
    }
    await registerCaptcha.refresh();
  } catch {
    showMessage(box, '网络错误，请稍后重试');
  } finally {
    $('register-submit').disabled = false;
  }
});

// ---- E-key (CA) login with a soft key ----

/** The key's files as text (a real e-key's driver reads them off the USB key). */
function readFiles(input) {
  const files = [...(input.files ?? [])];
  if (files.some((f) => f.size > 64 * 1024)) return Promise.reject(new KeyError('文件过大，不是证书或私钥文件'));
  return Promise.all(files.map((f) => f.text()));
}

async function challengeFor(certificate) {
  const res = await postJson('/api/auth/ca/challenge', { certificate });
  if (!res.ok) {
    const detail = res.data?.errors?.[0]?.message || res.data?.detail || `证书无法使用（${res.status}）`;
    throw new KeyError(detail);
  }
  return res.data;
}

let ekey = null;  // the entries of the key the user picked (soft-ekey.js)

/** Reads the username off the key (manual 1.1): the certificate it would log in with. */
function showEkey(entries) {
  const entry = loginEntry(entries);
  const usable = entries.filter((e) => e.privateKey && validityOf(e) === 'valid').length;
  const shown = entry ?? entries[0];
  $('ca-username').textContent = shown.subject.cn || '';
  $('ca-uscc').textContent = shown.subject.serialNumber || '';
  $('ca-certificates').textContent = `${entries.length} 张，其中 ${usable} 张在有效期内`;
  $('ca-not-after').textContent = fmtBeijing(shown.notAfter);
  $('ca-info').classList.remove('hidden');
}

$('ekey-files').addEventListener('change', async () => {
  const box = $('ca-message');
  hideMessage(box);
  $('ca-info').classList.add('hidden');
  ekey = null;
  try {
    const texts = await readFiles($('ekey-files'));
    if (!texts.length) return;
    ekey = readEkey(texts);
    showEkey(ekey);
    if (!loginEntry(ekey)) showMessage(box, '电子钥匙中没有在有效期内且带私钥的证书');
  } catch (err) {
    showMessage(box, err instanceof KeyError ? err.message : '电子钥匙读取失败');
  }
});

$('ca-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const box = $('ca-message');
  hideMessage(box);
  clearErrors(form);
  $('ca-submit').disabled = true;
  try {
    if (!ekey) throw new KeyError('请插入电子钥匙（选择证书和私钥文件）');
    const entry = loginEntry(ekey);
    if (!entry) throw new KeyError('电子钥匙中没有在有效期内且带私钥的证书');
    const password = $('ca-password').value;
    if (!password) {
      form.querySelector('[data-error-for="password"]').textContent = '请输入密码';
      return;
    }
    // A fresh challenge for this attempt: single-use, valid for two minutes.
    const challenge = await challengeFor(entry.certificate);
    const signature = await signWithPem(entry.privateKey, base64ToBytes(challenge.nonce));
    const res = await postJson('/api/auth/ca/login', {
      challengeId: challenge.challengeId,
      signature: bytesToBase64(signature),
      password,
    });
    if (res.ok) {
      insertEkey(ekey);  // stays inserted for 选择对应在有效期内的CA after 进入应用
      location.assign(nextUrl());
      return;
    }
    if (res.status === 422) {
      const rest = showFieldErrors(form, res.data);
      showMessage(box, rest.length ? rest.join('；') : '请检查输入项');
    } else if (res.status === 401) {
      showMessage(box, res.data?.detail || '证书签名或密码不正确');
    } else {
      showMessage(box, problemText(res, `登录失败（${res.status}）`));
    }
  } catch (err) {
    showMessage(box, err instanceof KeyError ? err.message : '电子钥匙登录失败，请稍后重试');
  } finally {
    $('ca-submit').disabled = false;
  }
});

// ---- Start ----

if (location.hash === '#register') showView('register');
else showView('login');
