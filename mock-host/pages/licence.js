// The licence platform's home (manual 1.1 图1.4, 2.1 图2.5): the user clicks 出口许可证 and gets
// the frame with its left menu (/app). A CA user comes here through 选择对应在有效期内的CA; the
// certificate chosen there is shown, and whether its enterprise may apply for used-car export
// licences: the host asks the plugin's qualification service through the host–plugin table
// (docs/PRODUCT.md §10, §11), not the plugin over HTTP. 进口许可证 belongs to the real platform only.
import { $, el, header, sessionOrLogin } from './portal.js';
import { fmtBeijing, selectedCertificate } from './soft-ekey.js';

async function start() {
  const session = await sessionOrLogin();
  if (!session) return;
  const p = session.principal;
  const certificate = p.kind === 'ca' ? selectedCertificate() : null;
  if (p.kind === 'ca' && !certificate) {
    location.replace('/licence/ca');
    return;
  }
  header(session);
  if (certificate) {
    $('certificate-in-use').textContent =
      `当前证书：${certificate.subject.cn}（${certificate.issuer.cn || certificate.issuer.o || ''}），有效期至 ${fmtBeijing(certificate.notAfter)}`;
  }
  $('tiles').replaceChildren(
    el('li', {}, el('a', { class: 'tile', href: '/app', id: 'enter-export' }, el('strong', {}, '出口许可证'),
      el('span', {}, '出口许可证申领、二手车出口企业备案'))),
    el('li', {}, el('span', { class: 'tile disabled', 'aria-disabled': 'true', title: '开发用模拟宿主不包含该功能' },
      el('strong', {}, '进口许可证'), el('span', {}, '开发用模拟宿主不包含该功能'))));
  if (p.roles.includes('enterprise') && p.kind === 'ca') await showQualification();
  if (p.roles.includes('enterprise') && p.kind !== 'ca') {
    $('no-ca-note').textContent = '说明：未办理CA，仅可申请二手车出口企业备案，无法申领出口许可证。完成备案后，领取CA，即可开展出口许可证的申领。';
  }
}

/** 二手车出口许可证申请资格: qualified with the filing's validUntil, or why not. */
async function showQualification() {
  const node = $('used-car-qualification');
  const res = await fetch('/api/licence/used-car-qualification', { credentials: 'same-origin', cache: 'no-store' });
  if (res.ok) {
    const q = await res.json();
    node.textContent = q.qualified
      ? `二手车出口许可证：可申请（二手车出口企业备案有效期至 ${q.validUntil}）`
      : '二手车出口许可证：暂不可申请（无有效的二手车出口企业备案，请先完成备案）';
    node.dataset.qualified = String(q.qualified);
  } else {
    node.textContent = '二手车出口许可证：备案资格暂时无法查询';
  }
  node.classList.remove('hidden');
}

start().catch(() => {
  $('message').textContent = '页面加载失败，请刷新页面重试。';
  $('message').className = 'message error';
});
