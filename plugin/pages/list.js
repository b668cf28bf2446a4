// 二手车备案列表: the enterprise's filings with filters, paging, expiry badges and the row actions
// 修改/删除/上报/详情/变更 that the API's `actions` allow; within 90 days of expiry also 续期新增,
// the next 新增 pre-filled from the approved data, attachments included (docs/PRODUCT.md §10).
import {
  $, PAGES, TYPE_LABELS, api, boot, clearFlash, confirmDialog, el, expiryBadge, flash, flashNext, fmtTime, getJson,
  meta, problemText, showPendingFlash, statusTag,
} from './common.js';

const state = { status: '', applicationType: '', expiringWithin: '', page: 1, pageSize: 20 };

function readUrl() {
  const q = new URLSearchParams(location.search);
  for (const k of ['status', 'applicationType', 'expiringWithin']) state[k] = q.get(k) || '';
  state.page = Math.max(1, Number(q.get('page')) || 1);
  state.pageSize = [10, 20, 50, 100].includes(Number(q.get('pageSize'))) ? Number(q.get('pageSize')) : 20;
}

function writeUrl() {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) if (v !== '' && !(k === 'page' && v === 1) && !(k === 'pageSize' && v === 20)) q.set(k, v);
  const search = q.toString();
  history.replaceState(null, '', location.pathname + (search ? `?${search}` : ''));
}

function syncFilters() {
  $('#filter-status').value = state.status;
  $('#filter-type').value = state.applicationType;
  $('#filter-expiring').value = state.expiringWithin;
}

async function runAction(item, action) {
  clearFlash();
  if (action === 'delete') {
    const what = item.applicationType === 'CHANGE' ? '该变更申请（删除后恢复为审核通过的备案）' : '该备案申请';
    if (!(await confirmDialog(`确定删除${what}吗？`, { ok: '删除', danger: true }))) return;
    const res = await api('DELETE', `filings/${item.id}`, { ifMatch: item.version });
    if (res.status === 204) flash('删除成功', 'ok');
    else flash(problemText(res));
  } else if (action === 'submit') {
    if (!(await confirmDialog('确定上报该备案申请吗？上报后将提交商务主管部门审核，不能再修改。', { ok: '上报' }))) return;
    const res = await api('POST', `filings/${item.id}/submit`, { ifMatch: item.version });
    if (res.ok) flash('上报成功，状态已更新为“待审核”', 'ok');
    else if (res.status === 422) flash(`无法上报，请先修改：${problemText(res)}`);
    else flash(problemText(res));
  }
  await load();
}

// Days before 有效截止日期 from which a row offers 续期新增 (the list's first expiry badge).
const RENEW_WITHIN_DAYS = 90;

async function renew(item) {
  clearFlash();
  const res = await api('POST', `filings?mode=draft&from=${item.id}`);
  if (res.status !== 201) {
    flash(problemText(res));
    return;
  }
  flashNext('已按审核通过的备案信息（含附件）预填新的新增申请，请核对后保存并上报');
  location.assign(`${PAGES}/edit?id=${res.data.id}`);
}

const ACTIONS = [
  ['edit', '修改', (item) => `${PAGES}/edit?id=${item.id}`],
  ['delete', '删除', null],
  ['submit', '上报', null],
  ['detail', '详情', (item) => `${PAGES}/detail?id=${item.id}`],
  ['change', '变更', (item) => `${PAGES}/change?id=${item.id}`],
];

function actionCell(item) {
  const cell = el('td', { class: 'actions' });
  for (const [word, label, href] of ACTIONS) {
    if (!item.actions.includes(word)) continue;
    if (href) {
      cell.append(el('a', { href: href(item), 'data-action': word }, label));
    } else {
      cell.append(el('button', { type: 'button', class: `link${word === 'delete' ? ' danger' : ''}`, 'data-action': word,
                                 onclick: () => runAction(item, word).catch((e) => flash(e.message)) }, label));
    }
  }
  if (item.daysToExpiry !== null && item.daysToExpiry !== undefined && item.daysToExpiry <= RENEW_WITHIN_DAYS) {
    cell.append(el('button', { type: 'button', class: 'link', 'data-action': 'renew',
                               title: '以该备案审核通过的信息（含附件）预填一份新的新增申请',
                               onclick: () => renew(item).catch((e) => flash(e.message)) }, '续期新增'));
  }
  return cell;
}

function row(item) {
  return el('tr', { 'data-id': item.id },
    el('td', {}, item.applicationTypeLabel || TYPE_LABELS[item.applicationType]),
    el('td', {}, item.enterpriseName || el('span', { class: 'muted' }, '（未填写）')),
    el('td', { class: 'mono' }, item.uscc),
    el('td', { 'data-col': 'status' }, statusTag(item.status, item.statusLabel),
       item.complete === false && (item.status === 'PENDING_SUBMIT' || item.status === 'REJECTED')
         ? el('span', { class: 'hint', title: '还有未填写的信息或未上传的材料' }, '未完善') : null),
    el('td', { 'data-col': 'submittedAt' }, fmtTime(item.submittedAt)),
    el('td', { 'data-col': 'approvedAt' }, fmtTime(item.approvedAt)),
    el('td', { 'data-col': 'validUntil' }, item.validUntil || '', ' ', expiryBadge(item.daysToExpiry)),
    actionCell(item));
}

function renderPager(total) {
  const pages = Math.max(1, Math.ceil(total / state.pageSize));
  const go = (page) => () => { state.page = page; writeUrl(); load().catch((e) => flash(e.message)); };
  const size = el('select', { 'aria-label': '每页条数', onchange: (e) => { state.pageSize = Number(e.target.value); state.page = 1; writeUrl(); load(); } },
    [10, 20, 50, 100].map((n) => el('option', { value: n, selected: n === state.pageSize }, `${n} 条/页`)));
  $('#pager').replaceChildren(
    el('span', {}, `共 ${total} 条`),
    el('button', { type: 'button', class: 'btn btn-small', disabled: state.page <= 1, onclick: go(state.page - 1) }, '上一页'),
    el('span', {}, `第 ${state.page} / ${pages} 页`),
    el('button', { type: 'button', class: 'btn btn-small', disabled: state.page >= pages, onclick: go(state.page + 1) }, '下一页'),
    size);
}

async function load() {
  const q = new URLSearchParams({ page: state.page, pageSize: state.pageSize });
  for (const k of ['status', 'applicationType', 'expiringWithin']) if (state[k]) q.set(k, state[k]);
  const { data } = await getJson(`filings?${q}`);
  if (data.items.length === 0 && state.page > 1 && data.total > 0) {
    state.page = Math.ceil(data.total / state.pageSize);
    writeUrl();
    return load();
  }
  const body = $('#filings tbody');
  body.replaceChildren(...(data.items.length
    ? data.items.map(row)
    : [el('tr', {}, el('td', { colspan: 8, class: 'empty' }, '暂无备案信息，点击“新增”填写二手车出口备案申请'))]));
  renderPager(data.total);
}

boot(async () => {
  showPendingFlash();
  readUrl();
  const m = await meta();
  $('#filter-status').append(...m.statuses.map((s) => el('option', { value: s.value }, s.label)));
  syncFilters();
  $('#filters').addEventListener('submit', (e) => {
    e.preventDefault();
    state.status = $('#filter-status').value;
    state.applicationType = $('#filter-type').value;
    state.expiringWithin = $('#filter-expiring').value;
    state.page = 1;
    writeUrl();
    load().catch((err) => flash(err.message));
  });
  $('#filters').addEventListener('reset', () => {
    setTimeout(() => {
      Object.assign(state, { status: '', applicationType: '', expiringWithin: '', page: 1 });
      writeUrl();
      load().catch((err) => flash(err.message));
    });
  });
  await load();
});
