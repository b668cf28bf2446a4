// Shared helpers of the used-car filing pages: the REST client (session, CSRF, If-Match,
// problem+json), the form metadata, DOM building without innerHTML, formatting and dialogs.

export const API = '/api/used-car-filing/v1';
export const PAGES = '/used-car-filing';

// ---- DOM ----

/** Builds an element; `attrs` keys starting with `on` add listeners; children may be strings. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'value') node.value = v;
    else if (k === 'checked' || k === 'disabled' || k === 'readOnly' || k === 'selected') node[k] = Boolean(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

export function queryParam(name) { return new URLSearchParams(location.search).get(name); }

// ---- Session and requests ----

/** Raised for an answer the page cannot go on with; `res` is the parsed response. */
export class ApiError extends Error {
  constructor(res) {
    super(problemText(res));
    this.res = res;
  }
}

/** Sends the browser (the whole frame, not just this page) to the login page and back here after. */
export function toLogin() {
  let target = window;
  try {
    target = window.top;
    void target.location.pathname;  // same origin?
  } catch {
    target = window;
  }
  const loc = target.location;
  target.location.replace('/login?next=' + encodeURIComponent(loc.pathname + loc.search) + loc.hash);
}

let sessionPromise = null;

/** `{principal, csrfToken}` of the logged-in user (GET /api/session), fetched once per page. */
export function session() {
  if (!sessionPromise) {
    sessionPromise = fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' }).then(async (res) => {
      if (res.status === 401) {
        toLogin();
        throw new ApiError({ status: 401, data: null });
      }
      if (!res.ok) throw new ApiError({ status: res.status, data: null });
      return res.json();
    });
  }
  return sessionPromise;
}

/** The version number of an ETag such as `"7"`, or null. */
export function versionOf(etag) {
  if (!etag) return null;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(etag.trim());
  return m ? Number(m[1]) : null;
}

/**
 * Calls the plugin's API (paths relative to API) or any absolute path. State-changing methods
 * carry the session's X-CSRF-Token; `ifMatch` (a version number) becomes `If-Match: "<n>"`.
 * Resolves to `{status, ok, data, version}`; a 401 sends the user to the login page.
 */
export async function api(method, path, { body, ifMatch } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = (await session()).csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined && ifMatch !== null) headers['If-Match'] = `"${ifMatch}"`;
  let res;
  try {
    res = await fetch(path.startsWith('/') ? path : `${API}/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { status: 0, ok: false, data: null, version: null };
  }
  if (res.status === 401) {
    toLogin();
    throw new ApiError({ status: 401, data: null });
  }
  let data = null;
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { data = await res.json(); } catch { data = null; }
  }
  return { status: res.status, ok: res.ok, data, version: versionOf(res.headers.get('ETag')) };
}

/** A GET that must succeed; throws ApiError otherwise. */
export async function getJson(path) {
  const res = await api('GET', path);
  if (!res.ok) throw new ApiError(res);
  return res;
}

/** The user-facing sentence for a failed response. */
export function problemText(res) {
  switch (res?.status) {
    case 0: return '网络错误，请检查网络后重试';
    case 401: return '登录已失效，请重新登录';
    case 403: return res.data?.detail && /[\u4e00-\u9fff]/.test(res.data.detail) ? res.data.detail : '没有权限执行该操作';
    case 404: return '备案不存在或无权查看';
    case 412: return '该备案已被他人修改，请刷新页面后重试';
    case 428: return '请求缺少版本信息，请刷新页面后重试';
    case 413: case 415: return res.data?.detail || '文件不符合要求';
    case 422: {
      const list = res.data?.errors?.map((e) => e.message).filter(Boolean) ?? [];
      return list.length ? list.join('；') : res.data?.detail || '输入有误';
    }
    default:
      if (res?.status >= 500) return '服务器错误，请稍后重试';
      return res?.data?.detail || `操作失败（${res?.status}）`;
  }
}

// ---- Form metadata ----

let metaPromise = null;

/** GET meta/form, once per page, with lookup helpers added. */
export function meta() {
  if (!metaPromise) {
    metaPromise = getJson('meta/form').then(({ data }) => {
      const fields = new Map();
      for (const s of data.sections) for (const f of s.fields) fields.set(f.name, { ...f, section: s.id });
      data.fieldMap = fields;
      data.slotMap = new Map(data.slots.map((s) => [s.slot, s]));
      data.provinceMap = new Map(data.provinces.map((p) => [p.code, p.name]));
      data.statusMap = new Map(data.statuses.map((s) => [s.value, s.label]));
      data.categories = data.fieldMap.get('enterpriseCategory')?.enum?.map((o) => o.value) ?? [];
      return data;
    });
  }
  return metaPromise;
}

/** The label of a form field or `attachments.<slot>` name. */
export function labelOf(m, name) {
  if (name.startsWith('attachments.')) return m.slotMap.get(name.slice(12))?.label ?? name;
  return m.fieldMap.get(name)?.label ?? name;
}

/** A field value as people read it: enum labels, 长期 for an open end, amounts with two decimals. */
export function displayValue(m, name, value) {
  if (value === null || value === undefined || value === '') return name === 'businessTerm.to' ? '长期' : '';
  const f = m.fieldMap.get(name);
  if (f?.enum) return f.enum.find((o) => o.value === value)?.label ?? String(value);
  return fmtDecimal(f, value);
}

/**
 * A value as text; amounts of money (万元) and area (㎡) with two decimals, as they are entered
 * and printed on licences (the API writes numbers in shortest form: 12000.5).
 */
export function fmtDecimal(f, value) {
  const n = Number(value);
  if (f?.type === 'decimal' && /（(?:㎡|万元)）/.test(f.label) && value !== '' && Number.isFinite(n)) return n.toFixed(2);
  return String(value);
}

/** Reads a dotted member (`address.city`) out of a form object. */
export function getPath(obj, name) {
  return name.split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
}

// ---- Formatting ----

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** An ISO instant as `YYYY-MM-DD HH:mm:ss` in Beijing time; '' for null. */
export function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(timeFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}:${p.second}`;
}

/** Today's date in Beijing, `YYYY-MM-DD`. */
export function todayShanghai() {
  const p = Object.fromEntries(timeFormat.formatToParts(new Date()).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** A size limit as the manual words it: 300K, 10M. */
export function fmtLimit(bytes) {
  if (bytes % 1048576 === 0) return `${bytes / 1048576}M`;
  if (bytes % 1024 === 0) return `${bytes / 1024}K`;
  return `${bytes}字节`;
}

export function fmtSize(bytes) {
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** 支持 jpg、jpeg、png 格式，大小不超过300K */
export function limitText(slot) {
  return `支持 ${slot.extensions.join('、')} 格式，大小不超过${fmtLimit(slot.maxBytes)}`;
}

export const STAGE_LABELS = { FIRST_REVIEW: '初审', RECHECK: '复核' };
export const DECISION_LABELS = { approve: '通过', reject: '不通过' };
export const TYPE_LABELS = { NEW: '新增', CHANGE: '变更' };

/** A coloured status tag. */
export function statusTag(status, label) {
  return el('span', { class: `status status-${(status || '').toLowerCase().replace(/_/g, '-')}` }, label || status);
}

/** The expiry badge of docs/PRODUCT.md §10: at 90, 30 and 7 days before `validUntil`. */
export function expiryBadge(daysToExpiry) {
  if (daysToExpiry === null || daysToExpiry === undefined || daysToExpiry < 0 || daysToExpiry > 90) return null;
  const level = daysToExpiry <= 7 ? 7 : daysToExpiry <= 30 ? 30 : 90;
  const text = daysToExpiry === 0 ? '今日到期' : `${daysToExpiry}天后到期`;
  return el('span', { class: `expiry expiry-${level}`, title: `有效期剩余 ${daysToExpiry} 天` }, text);
}

// ---- Messages and dialogs ----

/** Shows a message in the page's message box (`#message`). */
export function flash(text, kind = 'error') {
  const box = $('#message');
  if (!box) return;
  box.replaceChildren(text);
  box.className = `message ${kind}`;
  box.hidden = false;
  if (kind === 'error') box.scrollIntoView({ block: 'nearest' });
}

export function clearFlash() {
  const box = $('#message');
  if (box) { box.hidden = true; box.replaceChildren(); }
}

/** Leaves a message for the next page of this tab (e.g. "保存成功" on the list). */
export function flashNext(text, kind = 'ok') {
  sessionStorage.setItem('ucf-flash', JSON.stringify({ text, kind }));
}

/** Shows the message the previous page left, if any. */
export function showPendingFlash() {
  const raw = sessionStorage.getItem('ucf-flash');
  if (!raw) return;
  sessionStorage.removeItem('ucf-flash');
  try {
    const { text, kind } = JSON.parse(raw);
    flash(text, kind);
  } catch { /* ignore */ }
}

/** A modal confirmation; resolves true when the user presses the OK button. */
export function confirmDialog(text, { ok = '确定', cancel = '取消', danger = false } = {}) {
  return new Promise((resolve) => {
    const dialog = el('dialog', { class: 'dialog' },
      el('p', {}, text),
      el('div', { class: 'dialog-buttons' },
        el('button', { type: 'button', class: 'btn', 'data-answer': 'no' }, cancel),
        el('button', { type: 'button', class: danger ? 'btn btn-danger' : 'btn btn-primary', 'data-answer': 'yes' }, ok)));
    dialog.addEventListener('click', (e) => {
      const answer = e.target?.dataset?.answer;
      if (!answer) return;
      dialog.close();
      dialog.remove();
      resolve(answer === 'yes');
    });
    dialog.addEventListener('cancel', () => { dialog.remove(); resolve(false); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Runs the page's start function and shows a failure in the message box. */
export function boot(start) {
  start().catch((e) => {
    if (e instanceof ApiError && e.res.status === 401) return;
    flash(e instanceof ApiError ? e.message : `页面加载失败：${e?.message || e}`);
    console.error(e);
  });
}
