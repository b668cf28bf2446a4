// 选择对应在有效期内的CA (manual 1.1): after 进入应用 a CA user picks one of the certificates its
// e-key holds. Each is listed with its validity; an expired or not yet valid one is shown but
// cannot be chosen. 确定 asks the host about the chosen certificate (POST /api/auth/ca/challenge:
// trusted chain, validity at the host clock, USCC) and that it names the logged-in user, then
// opens the licence platform. The session itself was proven at login (nonce signed, password).
import { KeyError } from './ca-key.js';
import { $, el, header, sessionOrLogin } from './portal.js';
import {
  VALIDITY_LABELS, fmtBeijing, insertEkey, insertedEkey, readEkey, selectCertificate, validityOf,
} from './soft-ekey.js';

const ALGORITHM_LABELS = { SM2: 'SM2（国密）', RSA: 'RSA', 'P-256': 'ECDSA P-256' };

let principal = null;
let entries = [];

function showMessage(text, kind = 'error') {
  $('message').textContent = text;
  $('message').className = `message ${kind}`;
}

function render() {
  const now = new Date();
  const rows = entries.map((e, i) => {
    const validity = validityOf(e, now);
    const usable = validity === 'valid' && Boolean(e.privateKey);
    const radio = el('input', { type: 'radio', name: 'certificate', value: String(i), id: `cert-${i}`, disabled: !usable,
                                'aria-label': `${e.subject.cn} ${fmtBeijing(e.notAfter)}` });
    radio.addEventListener('change', () => { $('ca-confirm').disabled = false; });
    return el('tr', { class: usable ? '' : 'unusable', 'data-validity': validity },
      el('td', {}, radio),
      el('td', {}, el('label', { for: `cert-${i}` }, e.subject.cn || ''), el('div', { class: 'note' }, e.subject.o || '')),
      el('td', { class: 'mono' }, e.subject.serialNumber || ''),
      el('td', {}, e.issuer.cn || e.issuer.o || ''),
      el('td', { class: 'nowrap' }, ALGORITHM_LABELS[e.algorithm] || e.algorithm),
      el('td', { class: 'validity' }, `${fmtBeijing(e.notBefore)} 至 ${fmtBeijing(e.notAfter)}`),
      el('td', { class: 'nowrap' }, el('span', { class: `validity-${validity}` },
        e.privateKey ? VALIDITY_LABELS[validity] : `${VALIDITY_LABELS[validity]}（无私钥）`)));
  });
  $('certs').tBodies[0].replaceChildren(...rows);
  const first = entries.findIndex((e) => e.privateKey && validityOf(e, now) === 'valid');
  if (first >= 0) {
    $(`cert-${first}`).checked = true;
    $('ca-confirm').disabled = false;
  } else {
    $('ca-confirm').disabled = true;
    showMessage('电子钥匙中没有在有效期内的证书，请更换电子钥匙或联系CA办理证书更新');
  }
}

$('ekey-files').addEventListener('change', async () => {
  try {
    const texts = await Promise.all([...$('ekey-files').files].map((f) => f.text()));
    entries = readEkey(texts);
    insertEkey(entries);
    $('message').className = 'message hidden';
    render();
  } catch (err) {
    showMessage(err instanceof KeyError ? err.message : '电子钥匙读取失败');
  }
});

$('ca-select-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const chosen = entries[Number(new FormData(e.currentTarget).get('certificate'))];
  if (!chosen) return;
  $('ca-confirm').disabled = true;
  try {
    const res = await fetch('/api/auth/ca/challenge', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ certificate: chosen.certificate }),
      credentials: 'same-origin',
    });
    const data = await res.json().catch(() => null);
    if (!res.ok) {
      showMessage(data?.errors?.[0]?.message || data?.detail || `证书无法使用（${res.status}）`);
      return;
    }
    if (data.username !== principal.account || data.uscc !== principal.uscc) {
      showMessage(`该证书属于 ${data.username}（${data.uscc}），不是当前登录的用户`);
      return;
    }
    selectCertificate(chosen);
    location.assign('/licence');
  } catch {
    showMessage('网络错误，请稍后重试');
  } finally {
    $('ca-confirm').disabled = false;
  }
});

async function start() {
  const session = await sessionOrLogin();
  if (!session) return;
  header(session);
  principal = session.principal;
  if (principal.kind !== 'ca') {
    location.replace('/licence');  // only e-key users choose a certificate
    return;
  }
  entries = insertedEkey() ?? [];
  if (!entries.length) {
    $('insert-row').classList.remove('hidden');
    showMessage('未检测到电子钥匙：请插入电子钥匙（选择证书和私钥文件）', 'info');
    return;
  }
  render();
}

start().catch(() => showMessage('页面加载失败，请刷新页面重试。'));
