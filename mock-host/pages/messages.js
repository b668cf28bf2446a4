// 消息 (docs/PRODUCT.md §7.2): the caller's notifications, newest first, through GET /api/notifications;
// 标为已读 and 全部标为已读 through POST …/{id}/read and …/read-all. The frame's bell is told after
// each change (postMessage), so its count follows.

import { $, csrfTokenOrLogin, show, when } from './frame-page.js';

const PAGE_SIZE = 20;
let csrfToken = '';
let nextCursor = null;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function tellFrame() {
  if (window.parent !== window) window.parent.postMessage('notifications-changed', location.origin);
}

async function post(path) {
  const res = await fetch(path, { method: 'POST', headers: { 'X-CSRF-Token': csrfToken }, credentials: 'same-origin' });
  if (res.status !== 204) {
    show(`操作失败（${res.status}），请刷新后重试。`, 'error');
    return false;
  }
  tellFrame();
  return true;
}

function row(n) {
  const li = el('li', n.read ? 'read' : 'unread');
  li.dataset.id = String(n.id);
  li.append(el('span', 'when', when(n.at)), el('div', 'title', n.title), el('div', 'body', n.body));
  const actions = el('div', 'actions');
  if (n.link) {
    const open = el('a', '', '查看');
    open.href = n.link;
    // Opening it reads it.
    open.addEventListener('click', () => { if (!n.read) post(`/api/notifications/${n.id}/read`); });
    actions.append(open);
  }
  if (!n.read) {
    const mark = el('button', 'mark-read', '标为已读');
    mark.type = 'button';
    mark.addEventListener('click', async () => { if (await post(`/api/notifications/${n.id}/read`)) await load(); });
    actions.append(mark);
  }
  li.append(actions);
  return li;
}

async function fetchPage(cursor) {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if ($('unread-only').checked) params.set('unreadOnly', 'true');
  if (cursor) params.set('cursor', cursor);
  const res = await fetch(`/api/notifications?${params}`, { credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok) throw new Error(String(res.status));
  return res.json();
}

function render(page, append) {
  const rows = page.items.map(row);
  if (append) $('list').append(...rows); else $('list').replaceChildren(...rows);
  nextCursor = page.nextCursor;
  $('more').classList.toggle('hidden', !nextCursor);
  $('empty').classList.toggle('hidden', $('list').children.length > 0);
  $('unread-count').textContent = `未读 ${page.unread} 条`;
  $('read-all').disabled = page.unread === 0;
}

async function load() {
  render(await fetchPage(null), false);
}

async function start() {
  csrfToken = await csrfTokenOrLogin();
  if (!csrfToken) return;
  $('unread-only').addEventListener('change', () => load().catch(() => show('加载失败，请重试。', 'error')));
  $('more').addEventListener('click', async () => render(await fetchPage(nextCursor), true));
  $('read-all').addEventListener('click', async () => {
    if (await post('/api/notifications/read-all')) {
      show('已全部标为已读', 'ok');
      await load();
    }
  });
  await load();
}

start().catch(() => show('页面加载失败，请刷新重试。', 'error'));
