// The reviewers' page of one filing: the data with viewable attachments, the change diff, the
// reviews and history, and — for the officer of the current stage — 通过/不通过 with 审核意见 and
// field notes (POST /review/filings/{id}/decision with If-Match). Supervisors may 撤销 and check
// the history's hash chain.
import {
  $, $$, PAGES, STAGE_LABELS, api, boot, confirmDialog, el, flash, flashNext, getJson, meta, problemText,
  queryParam, session, showPendingFlash,
} from './common.js';
import { actorNamer, diffPanel, historyPanel, reviewsPanel, sections, summary } from './view.js';

const id = Number(queryParam('id'));
let m = null;

function noteRow() {
  const options = [el('option', { value: '' }, '请选择字段')];
  for (const s of m.sections) {
    options.push(el('optgroup', { label: s.label }, s.fields.filter((f) => f.type !== 'uscc').map((f) => el('option', { value: f.name }, f.label)),
      m.slots.filter((x) => x.section === s.id).map((x) => el('option', { value: `attachments.${x.slot}` }, x.label))));
  }
  const row = el('div', { class: 'note-row' },
    el('select', { class: 'note-field', 'aria-label': '字段' }, options),
    el('input', { type: 'text', class: 'note-text', maxlength: 500, placeholder: '该字段的审核意见', 'aria-label': '字段意见' }),
    el('button', { type: 'button', class: 'link danger', onclick: () => row.remove() }, '删除'));
  return row;
}

function decisionPanel(f, version) {
  const stage = STAGE_LABELS[f.reviewStage];
  const panel = el('section', { class: 'panel decision', id: 'decision' },
    el('h2', {}, `${stage}意见`),
    el('div', { class: 'form-grid' },
      el('div', { class: 'field wide' }, el('label', {}, el('span', { class: 'req' }, '*'), '审核结论'),
        el('div', { class: 'control radios' },
          el('label', {}, el('input', { type: 'radio', name: 'decision', value: 'approve', id: 'decision-approve' }), '通过'),
          el('label', {}, el('input', { type: 'radio', name: 'decision', value: 'reject', id: 'decision-reject' }), '不通过'),
          el('div', { class: 'field-error', 'data-error-for': 'decision' }))),
      el('div', { class: 'field wide' }, el('label', { for: 'opinion' }, '审核意见'),
        el('div', { class: 'control' },
          el('textarea', { id: 'opinion', rows: 3, maxlength: 2000, placeholder: '不通过时必须填写审核意见' }),
          el('div', { class: 'field-error', 'data-error-for': 'opinion' }))),
      el('div', { class: 'field wide' }, el('label', {}, '字段意见'),
        el('div', { class: 'control' },
          el('div', { id: 'notes' }),
          el('button', { type: 'button', class: 'btn btn-small', id: 'add-note', onclick: () => $('#notes').append(noteRow()) }, '添加字段意见'),
          el('div', { class: 'field-hint' }, '字段意见会显示在企业修改页面对应的输入项旁。'),
          el('div', { class: 'field-error', 'data-error-for': 'fieldNotes' })))),
    el('div', { class: 'form-buttons' },
      el('button', { type: 'button', class: 'btn btn-primary', id: 'submit-decision', onclick: () => decide(version) }, '提交审核结果')));
  return panel;
}

async function decide(version) {
  for (const box of $$('#decision [data-error-for]')) box.textContent = '';
  const decision = $('input[name="decision"]:checked')?.value;
  const opinion = $('#opinion').value.trim();
  const fieldNotes = $$('.note-row').map((r) => ({ field: $('.note-field', r).value, note: $('.note-text', r).value.trim() }))
    .filter((n) => n.field || n.note);
  let bad = false;
  if (!decision) { $('[data-error-for="decision"]').textContent = '请选择审核结论'; bad = true; }
  if (decision === 'reject' && !opinion) { $('[data-error-for="opinion"]').textContent = '不通过时必须填写审核意见'; bad = true; }
  if (fieldNotes.some((n) => !n.field || !n.note)) { $('[data-error-for="fieldNotes"]').textContent = '请为每条字段意见选择字段并填写意见'; bad = true; }
  if (bad) return;
  const text = decision === 'approve' ? '确定审核通过吗？' : '确定审核不通过吗？企业将看到审核意见。';
  if (!(await confirmDialog(text, { ok: '确定', danger: decision === 'reject' }))) return;
  $('#submit-decision').disabled = true;
  try {
    const res = await api('POST', `review/filings/${id}/decision`, { body: { decision, opinion, fieldNotes }, ifMatch: version });
    if (!res.ok) {
      if (res.status === 422) {
        for (const e of res.data?.errors ?? []) {
          const box = $(`#decision [data-error-for="${CSS.escape(e.field)}"]`);
          if (box) box.textContent = e.message;
        }
      }
      flash(res.status === 409 || res.status === 412 ? `${problemText(res)}（可能已被其他审核人员处理）` : problemText(res));
      return;
    }
    const result = res.data.status === 'APPROVED' ? '复核通过，备案已生效'
      : res.data.status === 'REJECTED' ? '已审核不通过，退回企业修改' : '初审通过，已提交复核';
    flashNext(`审核完成：${res.data.enterpriseName} ${result}`);
    location.assign(`${PAGES}/review`);
  } finally {
    const button = $('#submit-decision');
    if (button) button.disabled = false;
  }
}

function supervisorPanel(f, version) {
  const inForce = f.validUntil && f.status !== 'VOID' && f.status !== 'LAPSED';
  const result = el('span', { class: 'muted', id: 'verify-result' });
  return el('section', { class: 'panel', id: 'supervise' },
    el('h2', {}, '监督管理'),
    el('div', { class: 'form-buttons left' },
      el('button', { type: 'button', class: 'btn', onclick: async () => {
        const res = await api('GET', `review/filings/${id}/history/verify`);
        result.textContent = !res.ok ? problemText(res)
          : res.data.ok ? `历史记录完整（共 ${res.data.events} 条，哈希链校验通过）` : `历史记录第 ${res.data.firstBrokenSeq} 条校验失败，可能被篡改`;
      } }, '校验历史记录'), result),
    inForce ? el('div', { class: 'revoke' },
      el('textarea', { id: 'revoke-reason', rows: 2, maxlength: 1000, placeholder: '撤销原因（必填）' }),
      el('button', { type: 'button', class: 'btn btn-danger', onclick: async () => {
        const reason = $('#revoke-reason').value.trim();
        if (!reason) { flash('请填写撤销原因'); return; }
        if (!(await confirmDialog('确定撤销该备案吗？撤销后备案状态为“无效”。', { ok: '撤销', danger: true }))) return;
        const res = await api('POST', `review/filings/${id}/revoke`, { body: { reason }, ifMatch: version });
        if (!res.ok) { flash(problemText(res)); return; }
        flashNext('备案已撤销');
        location.reload();
      } }, '撤销备案')) : null);
}

boot(async () => {
  showPendingFlash();
  if (!id) throw new Error('缺少备案编号');
  let principal;
  [m, { principal }] = await Promise.all([meta(), session()]);
  const [{ data: f, version }, { data: history }] = await Promise.all([getJson(`review/filings/${id}`), getJson(`filings/${id}/history`)]);
  const diff = f.approved ? (await getJson(`filings/${id}/diff`)).data : null;
  $('#page-title').textContent = `二手车备案审核：${f.enterpriseName || ''}`;
  document.title = '二手车备案审核';

  const blocks = [summary(f)];
  const canDecide = f.status === 'PENDING_REVIEW' &&
    ((f.reviewStage === 'FIRST_REVIEW' && principal.roles.includes('reviewer')) ||
     (f.reviewStage === 'RECHECK' && principal.roles.includes('rechecker')));
  if (diff) blocks.push(diffPanel(m, f, diff));
  const nameOf = actorNamer(m, f, { enterprise: false });
  blocks.push(...sections(m, f), reviewsPanel(m, f, history, nameOf), historyPanel(m, history, m.statusMap, nameOf));
  if (canDecide) blocks.push(decisionPanel(f, version));
  if (principal.roles.includes('supervisor')) blocks.push(supervisorPanel(f, version));
  $('#content').replaceChildren(...blocks);
});
