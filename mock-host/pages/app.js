// The export-licence application frame: header with the user and 退出, the left menu from
// GET /api/menu, and a content iframe that shows the page of the selected menu entry.
// The frame's URL is /app#<page path>, so a reload or a bookmark returns to the same page.

import { $, el, header, sessionOrLogin } from './portal.js';

const iframe = $('content');

/** A same-origin page path from the hash, or null. */
function pageFromHash() {
  const raw = decodeURIComponent(location.hash.slice(1));
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  return raw;
}

// ---- Menu ----

const leaves = [];  // {url, label, path: [labels], link}

function renderItems(items, trail) {
  const ul = el('ul');
  for (const item of items) {
    const path = [...trail, item.label];
    if (item.children?.length || !item.url) {
      ul.append(el('li', {}, el('div', { class: 'group-title' }, item.label),
                   item.children?.length ? renderItems(item.children, path) : null));
    } else if (item.disabled) {
      ul.append(el('li', {}, el('span', { class: 'disabled', title: item.disabledReason || '不可用', 'aria-disabled': 'true',
                                         'data-menu-id': item.id },
                                item.label, item.disabledReason ? el('span', { class: 'why' }, item.disabledReason) : null)));
    } else {
      const link = el('a', { href: '#' + item.url, 'data-menu-id': item.id }, item.label);
      link.addEventListener('click', (e) => {
        e.preventDefault();
        open(item.url);
      });
      leaves.push({ url: item.url, label: item.label, path, link });
      ul.append(el('li', {}, link));
    }
  }
  return ul;
}

function markActive(pagePath) {
  const pathname = pagePath.split('?')[0];
  let best = null;
  for (const leaf of leaves) {
    leaf.link.classList.remove('active');
    if (pathname === leaf.url || pathname.startsWith(leaf.url + '/')) best = leaf;
  }
  if (best) best.link.classList.add('active');
  return best;
}

// ---- Content ----

/** Shows `pagePath` in the content area (a reload when it is already there). */
function open(pagePath) {
  if (pageFromHash() === pagePath) {
    show(pagePath, true);
  } else {
    location.hash = pagePath;  // → hashchange → show
  }
}

function show(pagePath, reload = false) {
  if (!pagePath) {
    iframe.classList.add('hidden');
    $('welcome').classList.remove('hidden');
    markActive('');
    $('crumb').textContent = '出口许可证';
    return;
  }
  $('welcome').classList.add('hidden');
  iframe.classList.remove('hidden');
  const current = currentFramePath();
  if (reload || current !== pagePath) iframe.contentWindow.location.replace(pagePath);
  markActive(pagePath);
}

function currentFramePath() {
  try {
    const loc = iframe.contentWindow.location;
    return loc.href === 'about:blank' ? null : loc.pathname + loc.search;
  } catch {
    return null;
  }
}

// The page inside navigated by itself (a link, a redirect after saving): mirror it in the hash.
iframe.addEventListener('load', () => {
  const path = currentFramePath();
  if (!path) return;
  if (pageFromHash() !== path) history.replaceState(null, '', '#' + path);
  const leaf = markActive(path);
  let title = '';
  try { title = iframe.contentDocument.title; } catch { title = ''; }
  $('crumb').textContent = ['出口许可证', ...(leaf ? leaf.path.slice(1, -1) : []), title || leaf?.label || '']
    .filter(Boolean).join(' › ');
});

window.addEventListener('hashchange', () => show(pageFromHash()));

// ---- The bell: the caller's unread notifications (docs/PRODUCT.md §7.2) ----

const BELL_POLL_MS = 15000;

async function refreshBell() {
  try {
    const res = await fetch('/api/notifications?limit=1', { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) return;
    const { unread } = await res.json();
    const badge = $('bell-count');
    badge.textContent = unread > 99 ? '99+' : String(unread);
    badge.classList.toggle('hidden', unread === 0);
    $('bell').title = unread ? `消息（${unread} 条未读）` : '消息';
  } catch {
    // The next poll tries again.
  }
}

$('bell').addEventListener('click', (e) => {
  e.preventDefault();
  open('/app/messages');
});
// The 消息 page says when it marked something read; any page load may follow a change that notified.
window.addEventListener('message', (e) => {
  if (e.origin === location.origin && e.data === 'notifications-changed') refreshBell();
});
iframe.addEventListener('load', refreshBell);

async function start() {
  const session = await sessionOrLogin();
  if (!session) return;
  header(session);
  const p = session.principal;

  const menu = await (await fetch('/api/menu', { credentials: 'same-origin', cache: 'no-store' })).json();
  $('menu').replaceChildren(renderItems(menu.items, []));

  $('welcome-text').textContent = p.roles.includes('enterprise') && p.kind !== 'ca'
    ? '未办理CA，仅可申请二手车出口企业备案，无法申领出口许可证。完成备案后，领取CA，即可开展出口许可证的申领。'
    : '请从左侧菜单选择功能。';
  $('welcome-links').replaceChildren(...leaves.map((leaf) => {
    const a = el('a', { href: '#' + leaf.url }, leaf.path.slice(1).join(' › '));
    a.addEventListener('click', (e) => { e.preventDefault(); open(leaf.url); });
    return el('li', {}, a);
  }));
  show(pageFromHash());
  refreshBell();
  setInterval(refreshBell, BELL_POLL_MS);
}

start().catch(() => {
  $('welcome-text').textContent = '平台加载失败，请刷新页面重试。';
});
