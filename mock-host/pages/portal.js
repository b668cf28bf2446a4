// What the platform's own pages share (业务大厅, 选择CA, the licence platform's home, the frame):
// DOM building, the session, the header's user and 退出.
import { removeEkey } from './soft-ekey.js';

export const $ = (id) => document.getElementById(id);

export const KIND_LABELS = { ca: 'CA用户', registered: '非CA用户' };
export const ROLE_LABELS = { enterprise: '企业', reviewer: '审核', rechecker: '复核', supervisor: '商务部' };

/** Builds an element; `on…` attributes add listeners; false/null attributes are left out. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

/** `{principal, csrfToken}`, or null after sending the browser to the login page (and back here). */
export async function sessionOrLogin() {
  const res = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' });
  if (res.status === 401) {
    location.replace('/login?next=' + encodeURIComponent(location.pathname) + location.hash);
    return null;
  }
  if (!res.ok) throw new Error(`session: ${res.status}`);
  return res.json();
}

/** 企业 users by login kind (CA用户 / 非CA用户), authorities by role. */
export function kindLabel(p) {
  return p.roles.includes('enterprise') ? KIND_LABELS[p.kind] : p.roles.map((r) => ROLE_LABELS[r] || r).join('/');
}

/** Fills the header's `#user` and wires `#logout` (which also pulls the soft e-key out). */
export function header(session) {
  const p = session.principal;
  $('user').replaceChildren(`${p.displayName || p.account}（${p.account}）`, el('span', { class: 'kind' }, kindLabel(p)));
  $('logout').addEventListener('click', async () => {
    try {
      await fetch('/api/auth/logout', {
        method: 'POST',
        headers: { 'X-CSRF-Token': session.csrfToken || '' },
        credentials: 'same-origin',
      });
    } finally {
      removeEkey();
      location.replace('/login');
    }
  });
}
