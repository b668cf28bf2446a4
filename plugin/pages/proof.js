// 打印备案证明: a printable A4 proof of a filing in force — the enterprise, its USCC and category,
// the approval date, validUntil and the hash of the latest history event, so that a printed copy
// can be checked against the system (GET …/history, or the supervisor's history verification).
import { $, PAGES, boot, el, fmtTime, getJson, meta, queryParam, todayShanghai } from './common.js';
import { authorityName } from './view.js';

const id = Number(queryParam('id'));

function row(label, value, attrs = {}) {
  return el('tr', {}, el('th', { scope: 'row' }, label), el('td', attrs, value));
}

boot(async () => {
  if (!id) throw new Error('缺少备案编号');
  const m = await meta();
  const [{ data: f }, { data: history }] = await Promise.all([getJson(`filings/${id}`), getJson(`filings/${id}/history`)]);
  const back = el('a', { class: 'btn', href: `${PAGES}/detail?id=${id}` }, '返回详情');
  // In force: daysToExpiry is set only then (an open 变更 leaves the approved data in force).
  if (f.daysToExpiry === null || f.daysToExpiry === undefined) {
    $('#actions').replaceChildren(back);
    $('#content').replaceChildren(el('p', { class: 'empty', id: 'proof-unavailable' }, '该备案当前不在有效期内，不能打印备案证明。'));
    return;
  }
  const data = f.approved ?? f;  // while a 变更 is open, the approved data is what is in force
  const category = m.fieldMap.get('enterpriseCategory').enum.find((o) => o.value === data.enterpriseCategory)?.label ?? '';
  const latest = history.events[history.events.length - 1];
  const address = data.address ?? {};
  const province = m.provinceMap.get(address.provinceCode) ?? '';

  $('#content').replaceChildren(el('article', { class: 'proof-sheet', id: 'proof' },
    el('h2', {}, '二手车出口企业备案证明'),
    el('div', { class: 'proof-no' }, `备案编号：${f.id}`),
    el('p', { class: 'proof-lead' },
      `${data.enterpriseName}已在商务部进出口许可证统一管理平台完成二手车出口企业备案，经审核通过，现予证明。`),
    el('table', {}, el('tbody', {},
      row('企业名称', data.enterpriseName, { 'data-proof': 'enterpriseName' }),
      row('统一社会信用代码', data.uscc, { 'data-proof': 'uscc' }),
      row('企业类别', category, { 'data-proof': 'enterpriseCategory' }),
      row('经营地址', `${province}${address.city ?? ''}${address.district ?? ''}${address.detail ?? ''}`),
      row('审核通过日期', (f.approvedAt ?? '').slice(0, 10), { 'data-proof': 'approvedOn' }),
      row('有效截止日期', f.validUntil, { 'data-proof': 'validUntil' }),
      row('历史记录校验值', latest.hash, { class: 'hash', 'data-proof': 'hash' }),
      row('校验值生成时间', fmtTime(latest.at)))),
    el('p', { class: 'proof-note' },
      '说明：本证明的有效期至“有效截止日期”止；备案被撤销或失效时本证明随之失效。“历史记录校验值”为该备案最近一条操作记录的 SHA-256 值，'
      + '可在系统中查看该备案的操作记录，或由商务主管部门校验，以核对本打印件与系统记录是否一致。'),
    el('div', { class: 'proof-issuer' }, el('div', {}, authorityName(m, address.provinceCode)),
      el('div', {}, `打印日期：${todayShanghai()}`))));
  $('#actions').replaceChildren(
    el('button', { type: 'button', class: 'btn btn-primary', id: 'btn-print', onclick: () => window.print() }, '打印'), back);
});
