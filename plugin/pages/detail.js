// 详情: everything about one of the enterprise's filings — data, attachments (downloads), the
// change diff while a 变更 is open, reviews and history — with the actions its status allows.
import {
  $, PAGES, api, boot, confirmDialog, el, flash, flashNext, getJson, meta, problemText, queryParam,
  showPendingFlash,
} from './common.js';
import { actorNamer, diffPanel, historyPanel, latestRejectNotes, reviewsPanel, sections, summary } from './view.js';

const id = Number(queryParam('id'));

async function act(filing, version, action) {
  if (action === 'delete') {
    if (!(await confirmDialog('确定删除该申请吗？', { ok: '删除', danger: true }))) return;
    const res = await api('DELETE', `filings/${id}`, { ifMatch: version });
    if (res.status !== 204) { flash(problemText(res)); return; }
    flashNext('删除成功');
    location.assign(`${PAGES}/list`);
  } else if (action === 'submit') {
    if (!(await confirmDialog('确定上报该申请吗？上报后将提交商务主管部门审核。', { ok: '上报' }))) return;
    const res = await api('POST', `filings/${id}/submit`, { ifMatch: version });
    if (!res.ok) { flash(res.status === 422 ? `无法上报，请先修改：${problemText(res)}` : problemText(res)); return; }
    flashNext('上报成功，状态已更新为“待审核”');
    location.reload();
  }
}

boot(async () => {
  showPendingFlash();
  if (!id) throw new Error('缺少备案编号');
  const m = await meta();
  const [{ data: f, version }, { data: history }] = await Promise.all([getJson(`filings/${id}`), getJson(`filings/${id}/history`)]);
  const diff = f.approved ? (await getJson(`filings/${id}/diff`)).data : null;

  const blocks = [summary(f)];
  if (diff) blocks.push(diffPanel(m, f, diff));
  const nameOf = actorNamer(m, f, { enterprise: true });
  blocks.push(...sections(m, f, latestRejectNotes(f)), reviewsPanel(m, f, history, nameOf),
              historyPanel(m, history, m.statusMap, nameOf));
  $('#content').replaceChildren(...blocks);

  const buttons = [];
  if (f.actions.includes('edit')) buttons.push(el('a', { class: 'btn', href: `${PAGES}/edit?id=${id}` }, '修改'));
  if (f.actions.includes('delete')) buttons.push(el('button', { type: 'button', class: 'btn btn-danger', onclick: () => act(f, version, 'delete') }, '删除'));
  if (f.actions.includes('submit')) buttons.push(el('button', { type: 'button', class: 'btn btn-primary', onclick: () => act(f, version, 'submit') }, '上报'));
  if (f.actions.includes('change')) buttons.push(el('a', { class: 'btn btn-primary', href: `${PAGES}/change?id=${id}` }, '变更'));
  // In force (daysToExpiry is set only then): a printable proof.
  if (f.daysToExpiry !== null && f.daysToExpiry !== undefined) {
    buttons.push(el('a', { class: 'btn', id: 'btn-proof', href: `${PAGES}/proof?id=${id}` }, '打印备案证明'));
  }
  buttons.push(el('a', { class: 'btn', href: `${PAGES}/list` }, '返回列表'));
  $('#actions').replaceChildren(...buttons);
});
