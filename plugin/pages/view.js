// Read-only views of a filing shared by 详情 and the reviewers' decision page: the summary, the
// three sections with attachments, the change diff, the reviews and the history.
import {
  API, DECISION_LABELS, STAGE_LABELS, TYPE_LABELS, displayValue, el, expiryBadge, fmtSize, fmtTime, getPath,
  labelOf, statusTag,
} from './common.js';

const ACTION_LABELS = {
  create: '新增', save: '保存', delete: '删除', submit: '上报', change_start: '发起变更',
  attachment_put: '上传材料', attachment_delete: '删除材料', review_approve: '初审通过', review_reject: '初审不通过',
  recheck_approve: '复核通过', recheck_reject: '复核不通过', lapse: '失效', supersede: '被新备案替代',
  change_void: '变更作废', revoke: '撤销',
};

// The review decisions among the history's actions: stage and decision of each.
const REVIEW_ACTIONS = {
  review_approve: ['FIRST_REVIEW', 'approve'], review_reject: ['FIRST_REVIEW', 'reject'],
  recheck_approve: ['RECHECK', 'approve'], recheck_reject: ['RECHECK', 'reject'],
};

// Municipalities name their commerce authority differently; provinces and regions have a 商务厅.
const MUNICIPAL_AUTHORITIES = { 110000: '北京市商务局', 120000: '天津市商务局', 310000: '上海市商务委员会', 500000: '重庆市商务委员会' };

/** The commerce authority of a province as enterprises know it: 福建省商务厅, 北京市商务局. */
export function authorityName(m, provinceCode) {
  if (MUNICIPAL_AUTHORITIES[provinceCode]) return MUNICIPAL_AUTHORITIES[provinceCode];
  const province = m.provinceMap.get(provinceCode);
  return province ? `${province}商务厅` : '省级商务主管部门';
}

/**
 * Who did an action, as the viewer may see it: officers are named to authorities, while an
 * enterprise sees the authority that decided (from the filing's province) or 商务部 for a
 * revocation, never an officer's account.
 */
export function actorNamer(m, f, { enterprise }) {
  const provinceCode = f.address?.provinceCode ?? f.approved?.address?.provinceCode;
  const nameOf = (actor, action) => {
    if (enterprise && REVIEW_ACTIONS[action]) return authorityName(m, provinceCode);
    if (enterprise && action === 'revoke') return '商务部';
    return actor?.displayName || actor?.account || '';
  };
  nameOf.reviewerHeading = enterprise ? '审核机关' : '审核人';
  return nameOf;
}

export function attachmentUrl(id, slot) { return `${API}/filings/${id}/attachments/${encodeURIComponent(slot)}`; }

function table(headers, rows, empty) {
  return el('table', { class: 'grid' },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: headers.length, class: 'empty' }, empty))));
}

/** The head of the page: type, status, stage and the dates that matter. */
export function summary(f) {
  const item = (label, ...value) => el('div', { class: 'kv' }, el('span', { class: 'k' }, label), el('span', { class: 'v' }, ...value));
  return el('section', { class: 'panel summary' },
    el('div', { class: 'kv-grid' },
      item('申请类型', f.applicationTypeLabel || TYPE_LABELS[f.applicationType]),
      item('状态', statusTag(f.status, f.statusLabel), f.reviewStage && f.status === 'PENDING_REVIEW'
        ? el('span', { class: 'muted' }, `（${STAGE_LABELS[f.reviewStage]}）`) : null),
      item('保存时间', fmtTime(f.savedAt)),
      item('上报时间', fmtTime(f.submittedAt)),
      item('复核时间', fmtTime(f.approvedAt)),
      item('有效截止日期', f.validUntil || '', ' ', expiryBadge(f.daysToExpiry)),
      f.voidReason ? item('撤销原因', f.voidReason) : null));
}

function valueCell(m, form, name) {
  const v = displayValue(m, name, getPath(form, name));
  if (name === 'address.provinceCode') return m.provinceMap.get(getPath(form, name)) || v;
  return v;
}

/** One value row; a field note of the latest rejection is shown beside it. */
function dataRow(label, value, note, field) {
  return el('div', { class: 'kv', 'data-view-field': field },
    el('span', { class: 'k' }, label),
    el('span', { class: 'v' }, value || el('span', { class: 'muted' }, '未填写'),
       note ? el('span', { class: 'field-note' }, `审核意见：${note}`) : null));
}

function attachmentRow(m, f, slot, attachment, note) {
  const url = attachmentUrl(f.id, slot.slot);
  const image = attachment?.contentType?.startsWith('image/');
  return el('div', { class: 'kv attachment', 'data-view-slot': slot.slot },
    el('span', { class: 'k' }, slot.label),
    el('span', { class: 'v' },
      attachment
        ? [image ? el('a', { href: url, target: '_blank', rel: 'noopener' },
                     el('img', { class: 'thumb', src: `${url}?v=${attachment.sha256.slice(0, 16)}`, alt: attachment.fileName })) : null,
           el('a', { href: url, target: '_blank', rel: 'noopener', 'data-file': slot.slot }, attachment.fileName),
           el('span', { class: 'muted' }, ` ${fmtSize(attachment.size)} · 上传于 ${fmtTime(attachment.uploadedAt)}`)]
        : el('span', { class: 'muted' }, '未上传'),
      note ? el('span', { class: 'field-note' }, `审核意见：${note}`) : null));
}

/** The three sections with every value and attachment (`notes`: field → note). */
export function sections(m, f, notes = new Map()) {
  const category = f.enterpriseCategory;
  const byslot = new Map((f.attachments || []).map((a) => [a.slot, a]));
  return m.sections.map((section, index) => {
    const rows = [];
    const done = new Set();
    for (const field of section.fields) {
      if (done.has(field.name)) continue;
      if (field.name.startsWith('address.')) {
        for (const x of section.fields) if (x.name.startsWith('address.')) done.add(x.name);
        const a = f.address || {};
        const text = [m.provinceMap.get(a.provinceCode), a.city, a.district, a.detail].filter(Boolean).join(' ');
        const note = ['address.provinceCode', 'address.city', 'address.district', 'address.detail']
          .map((n) => notes.get(n)).filter(Boolean).join('；');
        rows.push(dataRow('经营地址', text, note, 'address'));
      } else if (field.name.startsWith('businessTerm.')) {
        done.add('businessTerm.from');
        done.add('businessTerm.to');
        const from = getPath(f, 'businessTerm.from');
        const text = from ? `${from} 至 ${displayValue(m, 'businessTerm.to', getPath(f, 'businessTerm.to'))}` : '';
        rows.push(dataRow('营业期限', text, notes.get('businessTerm.from') || notes.get('businessTerm.to'), 'businessTerm'));
      } else {
        rows.push(dataRow(field.label, valueCell(m, f, field.name), notes.get(field.name), field.name));
      }
    }
    for (const slot of m.slots.filter((s) => s.section === section.id)) {
      const used = !category || slot.requiredFor.includes(category);
      if (!used && !byslot.has(slot.slot)) continue;
      rows.push(attachmentRow(m, f, slot, byslot.get(slot.slot), notes.get(`attachments.${slot.slot}`)));
    }
    return el('section', { class: 'panel', 'data-section': section.id },
      el('h2', {}, `${index + 1}.${section.label}`),
      el('div', { class: 'kv-grid' }, rows));
  });
}

/** The open change against the approved data (GET /filings/{id}/diff). */
export function diffPanel(m, f, diff) {
  const names = new Map();
  for (const a of [...(f.approved?.attachments || []), ...(f.attachments || [])]) names.set(a.sha256, a.fileName);
  const show = (field, value) => {
    if (value === null || value === undefined || value === '') {
      return el('span', { class: 'muted' }, field.startsWith('attachments.') ? '无' : displayValue(m, field, value) || '（空）');
    }
    if (field.startsWith('attachments.')) {
      return el('span', { title: `SHA-256 ${value}` }, names.get(value) || '文件', el('span', { class: 'muted mono' }, ` ${String(value).slice(0, 12)}…`));
    }
    if (field === 'address.provinceCode') return m.provinceMap.get(value) || value;
    return displayValue(m, field, value);
  };
  const rows = diff.changes.map((c) => el('tr', { 'data-diff-field': c.field },
    el('td', {}, labelOf(m, c.field)), el('td', { class: 'from' }, show(c.field, c.from)), el('td', { class: 'to' }, show(c.field, c.to))));
  return el('section', { class: 'panel', id: 'diff' },
    el('h2', {}, '变更内容'),
    el('p', { class: 'section-hint' }, '与审核通过的备案信息相比，本次变更申请修改了以下内容：'),
    table(['变更项', '变更前', '变更后'], rows, '变更申请与审核通过的备案信息相同'));
}

/**
 * Every review decision of the filing, earlier applications' included (from the history, so that
 * 审核记录 and 操作记录 agree on a 变更); field notes from the current application's reviews.
 */
export function reviewsPanel(m, f, history, nameOf) {
  const notesAt = new Map((f.reviews || []).map((r) => [Date.parse(r.at), r.fieldNotes || []]));
  const rows = history.events.filter((e) => REVIEW_ACTIONS[e.action]).map((e) => {
    const [stage, decision] = REVIEW_ACTIONS[e.action];
    return el('tr', {},
      el('td', {}, STAGE_LABELS[stage]),
      el('td', {}, el('span', { class: decision === 'approve' ? 'ok' : 'bad' }, DECISION_LABELS[decision])),
      el('td', { class: 'pre' }, e.note || ''),
      el('td', {}, (notesAt.get(Date.parse(e.at)) || []).map((n) => el('div', {}, `${labelOf(m, n.field)}：${n.note}`))),
      el('td', { 'data-col': 'reviewer' }, nameOf(e.actor, e.action)),
      el('td', {}, fmtTime(e.at)));
  });
  return el('section', { class: 'panel', id: 'reviews' },
    el('h2', {}, '审核记录'),
    table(['审核阶段', '审核结论', '审核意见', '字段意见', nameOf.reviewerHeading, '审核时间'], rows, '暂无审核记录'));
}

function statusChange(e, statusMap) {
  const label = (s) => statusMap.get(s) || s;
  if (!e.fromStatus) return e.toStatus ? label(e.toStatus) : '';
  if (!e.toStatus || e.toStatus === e.fromStatus) return label(e.fromStatus);
  return `${label(e.fromStatus)} → ${label(e.toStatus)}`;
}

export function historyPanel(m, history, statusMap, nameOf) {
  const rows = history.events.map((e) => el('tr', {},
    el('td', {}, e.seq),
    el('td', {}, fmtTime(e.at)),
    el('td', { 'data-col': 'actor' }, nameOf(e.actor, e.action)),
    el('td', {}, ACTION_LABELS[e.action] || e.action),
    el('td', {}, statusChange(e, statusMap)),
    el('td', {}, (e.changedFields || []).map((n) => labelOf(m, n)).join('、')),
    el('td', { class: 'pre' }, e.note || '')));
  return el('section', { class: 'panel', id: 'history' },
    el('h2', {}, '操作记录'),
    table(['序号', '时间', '操作人', '操作', '状态变化', '变更字段', '说明'], rows, '暂无记录'));
}

/** Field notes of the current application's latest review, if it was a rejection. */
export function latestRejectNotes(f) {
  const last = f.reviews?.at(-1);
  return last?.decision === 'reject' ? new Map((last.fieldNotes || []).map((n) => [n.field, n.note])) : new Map();
}
