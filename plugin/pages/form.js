// 新增 / 修改 / 变更: the filing form (二手车出口备案申请), rendered from GET meta/form.
//   /used-car-filing/new           a new 新增 application (POST /filings)
//   /used-car-filing/edit?id=      the open application of a filing (PUT /filings/{id})
//   /used-car-filing/change?id=    a 变更 of an approved filing (POST /filings/{id}/change, then PUT)
// 暂存 saves with mode=draft (formats only), 保存信息 with mode=save (every field). Uploads need
// the application to exist, so the first upload draft-saves the form.
import {
  $, $$, API, PAGES, STAGE_LABELS, api, boot, clearFlash, confirmDialog, el, flash, flashNext, fmtDecimal, fmtSize, fmtTime,
  getJson, getPath, labelOf, limitText, meta, problemText, queryParam, session, showPendingFlash, toLogin, todayShanghai,
  versionOf,
} from './common.js';
import { authorityName, diffPanel } from './view.js';

const page = location.pathname.endsWith('/new') ? 'new' : location.pathname.endsWith('/change') ? 'change' : 'edit';

const state = {
  id: Number(queryParam('id')) || null,
  version: null,
  started: page !== 'change',  // a change exists on the server only after its first save
  applicationType: page === 'change' ? 'CHANGE' : 'NEW',
  attachments: new Map(),      // slot → attachment metadata
  editable: page === 'new',
  dirty: false,
  busy: false,
  saveProblem: null,           // why the last save failed, for a message beside an upload
  base: null,                  // the approved data a 变更 is compared with (live diff)
};

let m = null;          // meta/form
let principal = null;  // GET /api/session

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;
const MAX_DECIMAL = 1e12;
const MAX_INTEGER = 2147483647;

const controlId = (name) => `f-${name.replace(/\./g, '-')}`;
const controlOf = (name) => document.getElementById(controlId(name));

// ---- Rendering from meta/form ----

/** `经营地址（省）` → ['经营地址', '省'] for members of a dotted group; null otherwise. */
function groupParts(field) {
  if (!field.name.includes('.')) return null;
  const match = /^(.+?)（(.+)）$/.exec(field.label);
  return match ? [match[1], match[2]] : null;
}

function control(field, placeholder) {
  const attrs = { id: controlId(field.name), name: field.name, 'data-field': field.name, 'aria-label': field.label };
  if (placeholder) attrs.placeholder = placeholder;
  if (field.type === 'enum') {
    return el('select', attrs, el('option', { value: '' }, placeholder ? `请选择${placeholder}` : '请选择'),
              field.enum.map((o) => el('option', { value: o.value }, o.label)));
  }
  if (field.type === 'date') return dateControl(attrs, field.name === 'establishedOn' ? todayShanghai() : null);
  if (field.type === 'text' && field.maxLength >= 500) {
    return el('textarea', { ...attrs, rows: 3, maxlength: field.maxLength });
  }
  if (field.type === 'uscc') return el('input', { ...attrs, type: 'text', readOnly: true, class: 'locked', tabindex: -1 });
  const input = { ...attrs, type: 'text' };
  if (field.maxLength) input.maxlength = field.maxLength;
  if (field.type === 'decimal') input.inputmode = 'decimal';
  if (field.type === 'integer') input.inputmode = 'numeric';
  if (field.type === 'mobile') Object.assign(input, { inputmode: 'tel', maxlength: 11 });
  if (field.type === 'email') input.inputmode = 'email';
  if (field.type === 'customsCode') Object.assign(input, { maxlength: 10, class: 'upper' });
  return el('input', input);
}

/** `2015/6/18`, `20150618` → `2015-06-18`; anything else stays as typed (validation names it). */
function normalizeDate(raw) {
  const m = /^\s*(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?\s*$/.exec(raw);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : raw;
}

/**
 * A date that reads YYYY-MM-DD whatever the browser's locale (input type=date would show
 * 06/18/2015 under en-US): a text input, and a calendar button that opens the browser's picker
 * on a hidden date input whose ISO value is written back into the text.
 */
function dateControl(attrs, max) {
  const text = el('input', { ...attrs, type: 'text', class: 'date-text', placeholder: 'YYYY-MM-DD', title: attrs.placeholder,
                             maxlength: 10, inputmode: 'numeric', pattern: '\\d{4}-\\d{2}-\\d{2}' });
  const picker = el('input', { type: 'date', class: 'date-picker', tabindex: -1, 'aria-hidden': 'true', max });
  picker.addEventListener('change', () => {
    if (!picker.value) return;
    text.value = picker.value;
    text.dispatchEvent(new Event('input', { bubbles: true }));
    text.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const button = el('button', { type: 'button', class: 'date-button', title: '选择日期', 'aria-label': `选择${attrs['aria-label']}` });
  button.addEventListener('click', () => {
    if (text.disabled) return;
    picker.value = /^\d{4}-\d{2}-\d{2}$/.test(text.value) ? text.value : '';
    picker.showPicker?.();
  });
  text.addEventListener('blur', () => { text.value = normalizeDate(text.value); });
  return el('span', { class: 'date-control' }, text, button, picker);
}

/** Enables or disables a control, with the calendar button and picker of a date. */
function setDisabled(c, disabled) {
  c.disabled = disabled;
  for (const part of c.closest('.date-control')?.querySelectorAll('button, input') ?? []) part.disabled = disabled;
}

const errorBox = (name) => el('div', { class: 'field-error', 'data-error-for': name });
const noteBox = (name) => el('div', { class: 'field-note', 'data-note-for': name, hidden: true });

function fieldCell(field) {
  const wide = field.type === 'text' && field.maxLength >= 500;
  let hint = null;
  if (field.type === 'uscc') {
    hint = el('div', { class: 'field-hint' },
      principal.kind === 'ca' ? '从CA中带出，不允许修改' : '注册时绑定的统一社会信用代码，不允许修改');
  }
  return el('div', { class: `field${wide ? ' wide' : ''}`, 'data-cell': field.name },
    el('label', { for: controlId(field.name) }, field.required ? el('span', { class: 'req' }, '*') : null, field.label),
    el('div', { class: 'control' }, control(field), hint, errorBox(field.name), noteBox(field.name)));
}

function groupCell(title, members) {
  const parts = [];
  for (const [field, part] of members) {
    if (field.name === 'businessTerm.to') parts.push(el('span', { class: 'sep' }, '至'));
    parts.push(control(field, part));
    if (field.name === 'businessTerm.to') {
      parts.push(el('label', { class: 'inline-check' },
        el('input', { type: 'checkbox', id: 'f-businessTerm-longTerm', onchange: syncLongTerm }), '长期'));
    }
  }
  const required = members.some(([f]) => f.required);
  return el('div', { class: 'field wide group', 'data-cell': members[0][0].name.split('.')[0] },
    el('label', { for: controlId(members[0][0].name) }, required ? el('span', { class: 'req' }, '*') : null, title),
    el('div', { class: 'control' }, el('div', { class: 'group-controls' }, parts),
      members.map(([f]) => [errorBox(f.name), noteBox(f.name)])));
}

function slotCell(slot) {
  const input = el('input', { type: 'file', class: 'file-input', 'data-upload': slot.slot,
                              accept: slot.extensions.map((e) => `.${e}`).join(',') });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) upload(slot.slot, file).finally(() => { input.value = ''; });
  });
  return el('div', { class: 'field wide slot', 'data-slot': slot.slot },
    el('label', {}, el('span', { class: 'req' }, '*'), slot.label),
    el('div', { class: 'control' },
      el('div', { class: 'slot-row' },
        el('div', { class: 'slot-file' }),
        el('label', { class: 'btn btn-small upload-btn' }, el('span', { class: 'upload-text' }, '选择文件'), input)),
      slot.hint ? el('div', { class: 'slot-hint' }, slot.hint,
        slot.template ? el('a', { class: 'slot-template', href: slot.template, download: '' }, '下载模板') : null) : null,
      el('div', { class: 'slot-limit' }, limitText(slot)),
      el('div', { class: 'progress', hidden: true }, el('progress', { max: 100, value: 0 }), el('span', { class: 'pct' }, '0%')),
      errorBox(`attachments.${slot.slot}`), noteBox(`attachments.${slot.slot}`)));
}

function renderSections() {
  const blocks = m.sections.map((section, index) => {
    const cells = [];
    const fields = section.fields;
    for (let i = 0; i < fields.length; i++) {
      const parts = groupParts(fields[i]);
      if (!parts) {
        cells.push(fieldCell(fields[i]));
        continue;
      }
      const members = [[fields[i], parts[1]]];
      while (i + 1 < fields.length && groupParts(fields[i + 1])?.[0] === parts[0]) {
        i += 1;
        members.push([fields[i], groupParts(fields[i])[1]]);
      }
      cells.push(groupCell(parts[0], members));
    }
    const slots = m.slots.filter((s) => s.section === section.id);
    const hint = section.id === 'materials' ? el('p', { class: 'section-hint', id: 'materials-hint' }) : null;
    return el('section', { class: 'panel', 'data-section': section.id },
      el('h2', {}, `${index + 1}.${section.label}`),
      hint,
      el('div', { class: 'form-grid' }, cells, slots.map(slotCell)));
  });
  $('#sections').replaceChildren(...blocks);
}

// ---- Category → materials ----

function syncSlots() {
  const category = controlOf('enterpriseCategory').value;
  const label = m.fieldMap.get('enterpriseCategory').enum.find((o) => o.value === category)?.label;
  for (const slot of m.slots) {
    const used = category ? slot.requiredFor.includes(category) : slot.requiredFor.length === m.categories.length;
    $(`[data-slot="${slot.slot}"]`).hidden = !used;
  }
  const hint = $('#materials-hint');
  if (hint) {
    hint.textContent = category
      ? `${label}需上传以下申报材料：`
      : '请先在“基本信息”中选择企业类别：生产企业与流通企业需上传的申报材料不同。';
  }
}

function syncLongTerm() {
  const longTerm = $('#f-businessTerm-longTerm');
  const to = controlOf('businessTerm.to');
  if (!longTerm || !to) return;
  if (longTerm.checked) to.value = '';
  setDisabled(to, longTerm.checked || !state.editable);
}

// ---- Attachments ----

function attachmentUrl(slot) { return `${API}/filings/${state.id}/attachments/${encodeURIComponent(slot)}`; }

function renderSlot(slotName) {
  const cell = $(`[data-slot="${slotName}"]`);
  if (!cell) return;
  refreshDiff();
  const a = state.attachments.get(slotName);
  const box = $('.slot-file', cell);
  $('.upload-text', cell).textContent = a ? '重新上传' : '选择文件';
  $('.upload-btn', cell).hidden = !state.editable;
  if (!a) {
    box.replaceChildren(el('span', { class: 'muted' }, '未上传'));
    return;
  }
  const url = attachmentUrl(slotName);
  const image = a.contentType.startsWith('image/');
  box.replaceChildren(...[
    image ? el('a', { href: url, target: '_blank', rel: 'noopener' },
               el('img', { class: 'thumb', src: `${url}?v=${a.sha256.slice(0, 16)}`, alt: a.fileName })) : null,
    el('a', { class: 'file-name', href: url, target: '_blank', rel: 'noopener', 'data-file': slotName }, a.fileName),
    el('span', { class: 'muted' }, fmtSize(a.size)),
    state.editable ? el('button', { type: 'button', class: 'link danger', onclick: () => removeAttachment(slotName) }, '删除') : null,
  ].filter(Boolean));
}

function sendFile(slotName, file, csrf, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', attachmentUrl(slotName));
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      resolve({ status: xhr.status, ok: xhr.status >= 200 && xhr.status < 300, data,
                version: versionOf(xhr.getResponseHeader('ETag')) });
    });
    xhr.addEventListener('error', () => resolve({ status: 0, ok: false, data: null, version: null }));
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

/** The application must exist on the server (and hold the page's category) before files go up. */
async function ensureSaved() {
  if (state.id && state.started && !state.dirty) return true;
  return save('draft', { quiet: true });
}

async function upload(slotName, file) {
  const slot = m.slotMap.get(slotName);
  const cell = $(`[data-slot="${slotName}"]`);
  const err = $(`[data-error-for="attachments.${slotName}"]`);
  err.textContent = '';
  const ext = file.name.includes('.') ? file.name.split('.').pop().toLowerCase() : '';
  if (!slot.extensions.includes(ext)) { err.textContent = `文件格式不正确：${limitText(slot)}`; return; }
  if (file.size > slot.maxBytes) { err.textContent = `文件大小超出限制：${limitText(slot)}`; return; }
  if (file.size === 0) { err.textContent = '文件为空，请重新选择'; return; }
  if (!(await ensureSaved())) {
    err.textContent = $$('[aria-invalid="true"]').length
      ? '请先修正表单中标红的输入项，再上传材料'
      : `材料未上传：${state.saveProblem || '申请未能保存'}`;
    return;
  }
  const progress = $('.progress', cell);
  const bar = $('progress', progress);
  const pct = $('.pct', progress);
  bar.value = 0;
  pct.textContent = '0%';
  progress.hidden = false;
  cell.classList.add('uploading');
  const res = await sendFile(slotName, file, (await session()).csrfToken, (ratio) => {
    bar.value = Math.round(ratio * 100);
    pct.textContent = `${bar.value}%`;
  });
  cell.classList.remove('uploading');
  progress.hidden = true;
  if (res.status === 401) { toLogin(); return; }
  if (!res.ok) {
    if (res.status === 413) err.textContent = `文件大小超出限制：${limitText(slot)}`;
    else if (res.status === 415) err.textContent = `文件内容与格式不符或文件已损坏：${limitText(slot)}`;
    else err.textContent = problemText(res);
    return;
  }
  state.attachments.set(slotName, res.data);
  if (res.version) state.version = res.version;
  renderSlot(slotName);
}

async function removeAttachment(slotName) {
  if (!(await confirmDialog(`确定删除“${labelOf(m, `attachments.${slotName}`)}”已上传的文件吗？`, { ok: '删除', danger: true }))) return;
  if (!(await ensureSaved())) return;
  const res = await api('DELETE', `filings/${state.id}/attachments/${encodeURIComponent(slotName)}`);
  if (res.status !== 204) { flash(problemText(res)); return; }
  state.attachments.delete(slotName);
  if (res.version) state.version = res.version;
  renderSlot(slotName);
}

// ---- Reading, checking and sending the form ----

/** Every field but the USCC as trimmed text ('' when empty). */
function readForm() {
  const values = {};
  for (const f of m.fieldMap.values()) {
    if (f.type === 'uscc') continue;
    values[f.name] = controlOf(f.name).value.trim();
  }
  return values;
}

function checkValue(f, raw) {
  const length = [...raw].length;
  switch (f.type) {
    case 'text':
      if (f.minLength && length < f.minLength) return `${f.label}至少${f.minLength}个字符`;
      if (f.maxLength && length > f.maxLength) return `${f.label}不能超过${f.maxLength}个字符`;
      return null;
    case 'enum':
      return f.enum.some((o) => o.value === raw) ? null : `请选择${f.label}`;
    case 'decimal':
      if (!/^\d+(\.\d{1,2})?$/.test(raw)) return `${f.label}应为不小于0的数字，最多保留两位小数`;
      return Number(raw) > MAX_DECIMAL ? `${f.label}超出允许范围` : null;
    case 'integer': {
      if (!/^\d+$/.test(raw)) return `${f.label}应为整数`;
      const min = f.name === 'employeeCount' ? 1 : 0;
      if (Number(raw) < min) return `${f.label}不能小于${min}`;
      return Number(raw) > MAX_INTEGER ? `${f.label}超出允许范围` : null;
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw)) ? null : `${f.label}格式不正确，应为有效日期（YYYY-MM-DD）`;
    case 'customsCode':
      return /^[0-9A-Z]{10}$/.test(raw) ? null : `${f.label}格式不正确，应为10位数字或大写字母`;
    case 'mobile':
      return /^1[3-9]\d{9}$/.test(raw) ? null : `${f.label}格式不正确，应为11位手机号码`;
    case 'email':
      if (f.maxLength && length > f.maxLength) return `${f.label}不能超过${f.maxLength}个字符`;
      return EMAIL.test(raw) ? null : `${f.label}格式不正确`;
    default:
      return null;
  }
}

/** The rules of docs/PRODUCT.md §3–4 that the server applies too: field name → message. */
function validate(values, mode) {
  const errors = new Map();
  for (const [name, raw] of Object.entries(values)) {
    const f = m.fieldMap.get(name);
    if (raw === '') {
      if (mode === 'save' && f.required) errors.set(name, `${f.label}不能为空`);
      continue;
    }
    const problem = checkValue(f, raw);
    if (problem) errors.set(name, problem);
  }
  const ok = (name) => values[name] !== '' && !errors.has(name);
  if (ok('usedCarExportStaffCount') && ok('employeeCount') &&
      Number(values.usedCarExportStaffCount) > Number(values.employeeCount)) {
    errors.set('usedCarExportStaffCount', `${labelOf(m, 'usedCarExportStaffCount')}不能大于${labelOf(m, 'employeeCount')}`);
  }
  if (ok('establishedOn') && values.establishedOn > todayShanghai()) errors.set('establishedOn', '成立日期不能晚于今天');
  if (ok('businessTerm.from') && ok('businessTerm.to') && values['businessTerm.to'] < values['businessTerm.from']) {
    errors.set('businessTerm.to', '营业期限（止）不能早于营业期限（起）');
  }
  return errors;
}

/** The JSON body: nested members; empty fields left out (`full` false) or cleared with null. */
function toBody(values, full) {
  const body = {};
  for (const [name, raw] of Object.entries(values)) {
    const f = m.fieldMap.get(name);
    let value;
    if (raw === '') {
      if (!full) continue;
      value = null;
    } else {
      value = f.type === 'decimal' || f.type === 'integer' ? Number(raw) : raw;
    }
    const keys = name.split('.');
    let target = body;
    for (const k of keys.slice(0, -1)) target = target[k] ??= {};
    target[keys.at(-1)] = value;
  }
  return body;
}

function clearErrors() {
  for (const box of $$('[data-error-for]')) box.textContent = '';
  for (const c of $$('[aria-invalid="true"]')) c.removeAttribute('aria-invalid');
}

/** Shows errors beside their fields; those with no place go to the message box. */
function showErrors(entries, headline = '请检查标红的输入项') {
  clearErrors();
  const unplaced = [];
  let first = null;
  for (const [name, message] of entries) {
    const box = $(`[data-error-for="${CSS.escape(name)}"]`);
    if (!box) {
      unplaced.push(message);
      continue;
    }
    box.textContent = message;
    const c = controlOf(name);
    if (c) c.setAttribute('aria-invalid', 'true');
    first ??= box;
  }
  flash(unplaced.length ? `${headline}：${unplaced.join('；')}` : headline);
  first?.closest('.field')?.scrollIntoView({ block: 'center' });
}

function setBusy(busy) {
  state.busy = busy;
  $('#btn-draft').disabled = busy || !state.editable;
  $('#btn-save').disabled = busy || !state.editable;
}

function afterSave(filing, version) {
  state.version = version ?? filing.version;
  const created = !state.id;
  if (created) {
    state.id = filing.id;
    history.replaceState(null, '', `${PAGES}/edit?id=${filing.id}`);
  }
  state.started = true;
  state.applicationType = filing.applicationType;
  state.attachments = new Map(filing.attachments.map((a) => [a.slot, a]));
  state.dirty = false;
  for (const slot of m.slots) renderSlot(slot.slot);
  return created;
}

/** Saves with `mode` (draft | save). On 保存信息 the user goes back to the list. */
async function save(mode, { quiet = false } = {}) {
  if (state.busy || !state.editable) return false;
  clearFlash();
  clearErrors();
  const values = readForm();
  const errors = validate(values, mode);
  if (errors.size) {
    showErrors(errors);
    state.saveProblem = '请检查标红的输入项';
    return false;
  }
  setBusy(true);
  try {
    let res;
    if (!state.id) {
      res = await api('POST', `filings?mode=${mode}`, { body: toBody(values, false) });
    } else if (!state.started) {
      res = await api('POST', `filings/${state.id}/change?mode=${mode}`, { body: toBody(values, true), ifMatch: state.version });
    } else {
      res = await api('PUT', `filings/${state.id}?mode=${mode}`, { body: toBody(values, true), ifMatch: state.version });
    }
    if (!res.ok) {
      if (res.status === 422 && res.data?.errors?.length) {
        showErrors(res.data.errors.map((e) => [e.field, e.message || e.code]));
      } else {
        flash(problemText(res));
      }
      state.saveProblem = problemText(res);
      return false;
    }
    state.saveProblem = null;
    const created = afterSave(res.data, res.version);
    if (mode === 'save' && !quiet) {
      flashNext(state.applicationType === 'CHANGE'
        ? '变更申请保存成功，状态为“待上报”，可在操作列中修改、删除或上报'
        : '保存成功，状态为“待上报”，可在操作列中修改、删除或上报');
      location.assign(`${PAGES}/list`);
      return true;
    }
    if (!quiet) flash(res.data.complete ? '暂存成功' : '暂存成功（信息尚未填写完整）', 'ok');
    else if (created) flash('已自动暂存为“待上报”的申请；材料上传完成后请点击“保存信息”', 'info');
    return true;
  } finally {
    setBusy(false);
  }
}

// ---- The live diff of a 变更 against the approved data (docs/PRODUCT.md §10) ----

function sameValue(f, before, after) {
  const was = before === null || before === undefined ? '' : String(before);
  if ((f.type === 'decimal' || f.type === 'integer') && was !== '' && after !== '') return Number(was) === Number(after);
  return was === after;
}

/** What the form now changes against `state.base`, in the shape of GET /filings/{id}/diff. */
function currentChanges() {
  const values = readForm();
  const changes = [];
  for (const f of m.fieldMap.values()) {
    if (f.type === 'uscc') continue;
    const before = getPath(state.base, f.name);
    if (!sameValue(f, before, values[f.name])) {
      changes.push({ field: f.name, from: before ?? null, to: values[f.name] === '' ? null : values[f.name] });
    }
  }
  const approvedFiles = new Map((state.base.attachments || []).map((a) => [a.slot, a.sha256]));
  for (const slot of m.slots) {
    const from = approvedFiles.get(slot.slot) ?? null;
    const to = state.attachments.get(slot.slot)?.sha256 ?? null;
    if (from !== to) changes.push({ field: `attachments.${slot.slot}`, from, to });
  }
  return changes;
}

let diffQueued = false;

/** Redraws the diff once per burst of edits (after the current event's handlers have run). */
function refreshDiff() {
  if (!state.base || diffQueued) return;
  diffQueued = true;
  queueMicrotask(() => {
    diffQueued = false;
    const files = { approved: { attachments: state.base.attachments }, attachments: [...state.attachments.values()] };
    $('#live-diff').replaceChildren(diffPanel(m, files, { changes: currentChanges() }));
    $('#live-diff').hidden = false;
  });
}

// ---- Filling in ----

function fill(data) {
  for (const f of m.fieldMap.values()) {
    const v = getPath(data, f.name);
    controlOf(f.name).value = v === null || v === undefined ? '' : fmtDecimal(f, v);
  }
  $('#f-businessTerm-longTerm').checked = getPath(data, 'businessTerm.to') == null && Boolean(getPath(data, 'businessTerm.from'));
  syncLongTerm();
}

function showReviewNotes(filing) {
  const last = filing.reviews?.at(-1);
  if (!last || last.decision !== 'reject') return;
  const banner = $('#review-banner');
  banner.replaceChildren(...[
    el('strong', {}, `审核不通过（${STAGE_LABELS[last.stage] || last.stage}）`),
    el('span', {}, ` ${authorityName(m, filing.address?.provinceCode)} ${fmtTime(last.at)}`),
    el('div', {}, `审核意见：${last.opinion || '无'}`),
    last.fieldNotes?.length ? el('div', { class: 'muted' }, '具体意见已标注在对应的输入项旁。') : null,
  ].filter(Boolean));
  banner.hidden = false;
  for (const note of last.fieldNotes ?? []) {
    const box = $(`[data-note-for="${CSS.escape(note.field)}"]`);
    if (box) {
      box.textContent = `审核意见：${note.note}`;
      box.hidden = false;
    } else {
      banner.append(el('div', {}, `${labelOf(m, note.field)}：${note.note}`));
    }
  }
}

function setEditable(editable) {
  state.editable = editable;
  for (const c of $$('#sections input, #sections select, #sections textarea')) {
    if (c.classList.contains('locked')) continue;
    setDisabled(c, !editable);
  }
  syncLongTerm();
  setBusy(false);
}

async function loadFiling() {
  const { data, version } = await getJson(`filings/${state.id}`);
  state.version = version ?? data.version;
  state.applicationType = page === 'change' ? 'CHANGE' : data.applicationType;
  if (page === 'change') {
    if (data.approved && data.applicationType === 'CHANGE' && data.actions.includes('edit')) {
      // A change is already open: edit it.
      location.replace(`${PAGES}/edit?id=${state.id}`);
      return null;
    }
    state.editable = data.actions.includes('change');
    if (!state.editable) flash(`该备案当前状态为“${data.statusLabel}”，不能发起变更`);
  } else {
    state.editable = data.actions.includes('edit');
    if (!state.editable) flash(`该备案当前状态为“${data.statusLabel}”，不能修改`);
  }
  return data;
}

// The statuses of an application still open (the one-open-新增 rule, docs/PRODUCT.md §5 rule 2).
const OPEN_STATUSES = ['PENDING_SUBMIT', 'REJECTED', 'PENDING_REVIEW'];

/**
 * 新增 while the filer already has an open 新增 (docs/PRODUCT.md §5 rule 2): one it may edit opens instead
 * of an empty form that could never be saved; one under review is named, with a link. True when
 * a new form may be filled in.
 */
async function noOpenNewApplication() {
  const pages = await Promise.all(OPEN_STATUSES.map((status) => getJson(`filings?applicationType=NEW&status=${status}`)));
  const open = pages.flatMap(({ data }) => data.items);
  const editable = open.find((i) => i.actions.includes('edit'));
  if (editable) {
    flashNext(`已有一份未完成的新增申请（${editable.statusLabel}），同一企业同时只能有一份未完成的新增申请，已为您打开该申请`, 'info');
    location.replace(`${PAGES}/edit?id=${editable.id}`);
    return false;
  }
  const pending = open.find((i) => i.status === 'PENDING_REVIEW');
  if (!pending) return true;
  flash(`已有一份待审核的新增申请，审核完成前不能再新增（同一企业同时只能有一份未完成的新增申请）`, 'info');
  $('#sections').replaceChildren(el('p', { class: 'open-new' },
    el('a', { class: 'btn', href: `${PAGES}/detail?id=${pending.id}`, 'data-open-new': pending.id }, '查看该申请'), ' ',
    el('a', { class: 'btn', href: `${PAGES}/list` }, '返回列表')));
  return false;
}

boot(async () => {
  [m, { principal }] = await Promise.all([meta(), session()]);
  if (!principal.roles.includes('enterprise')) {
    flash('只有企业用户可以填写二手车出口备案申请');
    $('#sections').replaceChildren();
    return;
  }
  if (page === 'new' && !(await noOpenNewApplication())) return;
  renderSections();
  let filing = null;
  if (page !== 'new') {
    if (!state.id) throw new Error('缺少备案编号');
    filing = await loadFiling();
    if (!filing && page === 'change') return;
  }
  const isChange = page === 'change' || state.applicationType === 'CHANGE';
  const title = isChange ? '二手车出口备案信息变更申请' : '二手车出口备案申请';
  $('#page-title').textContent = title;
  document.title = page === 'edit' ? `${title}（修改）` : title;

  if (filing) {
    fill(filing);
    controlOf('uscc').value = filing.uscc;
    state.attachments = new Map(filing.attachments.map((a) => [a.slot, a]));
    showReviewNotes(filing);
    // The data a 变更 is compared with: the filing in force (before the change is first saved,
    // the filing itself), shown live above the form.
    if (isChange) state.base = filing.approved ?? filing;
    if (page === 'change' && state.editable) {
      flash(`变更申请：除统一社会信用代码外，其他信息均可变更；变更申请审核通过后，有效截止日期（${filing.validUntil}）不变。`, 'info');
    }
  } else {
    controlOf('uscc').value = principal.uscc || '';
    if (principal.enterpriseName) controlOf('enterpriseName').value = principal.enterpriseName;
    $('#f-businessTerm-longTerm').checked = false;
  }
  setEditable(state.editable);
  syncSlots();
  for (const slot of m.slots) renderSlot(slot.slot);
  showPendingFlash();  // e.g. 续期新增 from the list: the form arrives pre-filled

  const form = $('#filing-form');
  form.addEventListener('input', (e) => {
    if (e.target.classList.contains('file-input')) return;
    state.dirty = true;
    refreshDiff();
    const name = e.target.dataset.field;
    if (name) {
      const box = $(`[data-error-for="${CSS.escape(name)}"]`);
      if (box) box.textContent = '';
      e.target.removeAttribute('aria-invalid');
    }
  });
  form.addEventListener('change', (e) => {
    if (e.target.classList.contains('file-input')) return;
    state.dirty = true;
    refreshDiff();
    if (e.target.dataset.field === 'enterpriseCategory') syncSlots();
    if (e.target.classList.contains('upper')) e.target.value = e.target.value.toUpperCase();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save('save').catch((err) => flash(err.message));
  });
  $('#btn-draft').addEventListener('click', () => save('draft').catch((err) => flash(err.message)));
});
