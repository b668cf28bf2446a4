// 企业账号管理 (docs/PRODUCT.md §2.1): a CA user trusts, or stops trusting, the registered accounts bound to
// its enterprise's USCC, through GET /api/enterprise/accounts and PUT/DELETE …/{account}/trust.

import { $, csrfTokenOrLogin, show, when } from './frame-page.js';

let csrfToken = '';

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

async function problemText(res) {
  try {
    const body = await res.json();
    return body.detail || body.title || `请求失败（${res.status}）`;
  } catch {
    return `请求失败（${res.status}）`;
  }
}

async function setTrust(account, trusted) {
  const res = await fetch(`/api/enterprise/accounts/${encodeURIComponent(account)}/trust`, {
    method: trusted ? 'PUT' : 'DELETE',
    headers: { 'X-CSRF-Token': csrfToken },
    credentials: 'same-origin',
  });
  if (res.status !== 204) return show(await problemText(res), 'error');
  show(trusted ? `已授权账号 ${account}` : `已取消账号 ${account} 的授权`, 'ok');
  await load();
}

async function load() {
  const res = await fetch('/api/enterprise/accounts', { credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok) {
    $('rows').replaceChildren();
    return show(await problemText(res), 'error');
  }
  const { items } = await res.json();
  $('empty').classList.toggle('hidden', items.length > 0);
  $('rows').replaceChildren(...items.map((a) => {
    const tr = document.createElement('tr');
    tr.dataset.account = a.account;
    const action = document.createElement('button');
    action.type = 'button';
    action.textContent = a.trusted ? '取消授权' : '授权';
    action.addEventListener('click', () => setTrust(a.account, !a.trusted));
    const actions = document.createElement('td');
    actions.append(action);
    tr.append(cell(a.account), cell(a.displayName), cell(when(a.registeredAt)),
              cell(a.trusted ? '已授权' : '未授权'), actions);
    return tr;
  }));
}

async function start() {
  csrfToken = await csrfTokenOrLogin();
  if (!csrfToken) return;
  await load();
}

start().catch(() => show('页面加载失败，请刷新重试。', 'error'));
