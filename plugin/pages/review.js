// 二手车备案审核: the authorities' list (GET /review/filings) with filters, keyset paging
// ("下一页") and the CSV export of the same filter.
import {
  $, API, PAGES, STAGE_LABELS, TYPE_LABELS, boot, el, expiryBadge, flash, fmtTime, getJson, meta, session,
  showPendingFlash, statusTag,
} from './common.js';

const FILTERS = ['status', 'stage', 'provinceCode', 'q'];
const filter = { status: '', stage: '', provinceCode: '', q: '' };
const cursors = [''];  // cursor of each page seen so far; the last is the current page's
let m = null;
let principal = null;

function filterQuery() {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (filter[k]) q.set(k, filter[k]);
  return q;
}

function canDecide(item) {
  if (item.status !== 'PENDING_REVIEW') return false;
  return (item.reviewStage === 'FIRST_REVIEW' && principal.roles.includes('reviewer')) ||
         (item.reviewStage === 'RECHECK' && principal.roles.includes('rechecker'));
}

function row(item) {
  const href = `${PAGES}/review-detail?id=${item.id}`;
  return el('tr', { 'data-id': item.id },
    el('td', {}, item.applicationTypeLabel || TYPE_LABELS[item.applicationType]),
    el('td', {}, item.enterpriseName),
    el('td', { class: 'mono' }, item.uscc),
    el('td', {}, m.provinceMap.get(item.provinceCode) || item.provinceCode || ''),
    el('td', {}, statusTag(item.status, item.statusLabel),
       item.reviewStage ? el('span', { class: 'muted' }, `（${STAGE_LABELS[item.reviewStage]}）`) : null),
    el('td', {}, fmtTime(item.submittedAt)),
    el('td', {}, fmtTime(item.approvedAt)),
    el('td', {}, item.validUntil || '', ' ', expiryBadge(item.daysToExpiry)),
    el('td', { class: 'actions' }, canDecide(item)
      ? el('a', { href, 'data-action': 'review' }, item.reviewStage === 'RECHECK' ? '复核' : '审核')
      : el('a', { href, 'data-action': 'view' }, '查看')));
}

async function load() {
  const q = filterQuery();
  q.set('limit', '20');
  const cursor = cursors.at(-1);
  if (cursor) q.set('cursor', cursor);
  const { data } = await getJson(`review/filings?${q}`);
  $('#filings tbody').replaceChildren(...(data.items.length
    ? data.items.map(row)
    : [el('tr', {}, el('td', { colspan: 9, class: 'empty' }, '没有符合条件的备案'))]));
  const pageNo = cursors.length;
  $('#pager').replaceChildren(
    el('button', { type: 'button', class: 'btn btn-small', disabled: pageNo === 1, onclick: () => { cursors.length = 1; load(); } }, '首页'),
    el('button', { type: 'button', class: 'btn btn-small', disabled: pageNo === 1, onclick: () => { cursors.pop(); load(); } }, '上一页'),
    el('span', {}, `第 ${pageNo} 页`),
    el('button', { type: 'button', class: 'btn btn-small', disabled: !data.nextCursor, onclick: () => { cursors.push(data.nextCursor); load(); } }, '下一页'));
  const csv = filterQuery().toString();
  $('#export-csv').href = `${API}/review/filings.csv${csv ? `?${csv}` : ''}`;
}

function readForm() {
  filter.status = $('#filter-status').value;
  filter.stage = $('#filter-stage').value;
  filter.provinceCode = $('#filter-province').value;
  filter.q = $('#filter-q').value.trim();
  const q = filterQuery();
  history.replaceState(null, '', location.pathname + (q.toString() ? `?${q}` : '?all=1'));
}

boot(async () => {
  showPendingFlash();
  [m, { principal }] = await Promise.all([meta(), session()]);
  const authority = ['reviewer', 'rechecker', 'supervisor'].some((r) => principal.roles.includes(r));
  if (!authority) {
    flash('只有商务主管部门的审核人员可以使用二手车备案审核');
    return;
  }
  $('#filter-status').append(...m.statuses.map((s) => el('option', { value: s.value }, s.label)));
  if (principal.roles.includes('supervisor')) {
    $('#province-filter').hidden = false;
    $('#filter-province').append(...m.provinces.map((p) => el('option', { value: p.code }, p.name)));
  }
  const url = new URLSearchParams(location.search);
  if ([...url.keys()].length) {
    for (const k of FILTERS) filter[k] = url.get(k) || '';
  } else {
    // A reviewer's default is the queue of their own stage.
    filter.status = principal.roles.includes('supervisor') ? '' : 'PENDING_REVIEW';
    const stages = [principal.roles.includes('reviewer') && 'FIRST_REVIEW', principal.roles.includes('rechecker') && 'RECHECK'].filter(Boolean);
    filter.stage = stages.length === 1 ? stages[0] : '';
  }
  $('#filter-status').value = filter.status;
  $('#filter-stage').value = filter.stage;
  $('#filter-province').value = filter.provinceCode;
  $('#filter-q').value = filter.q;
  $('#filters').addEventListener('submit', (e) => {
    e.preventDefault();
    readForm();
    cursors.length = 1;
    load().catch((err) => flash(err.message));
  });
  $('#filters').addEventListener('reset', () => setTimeout(() => {
    readForm();
    cursors.length = 1;
    load().catch((err) => flash(err.message));
  }));
  await load();
});
